/**
 * Encoding a stored value: a seed whose holes are the pins the value refers
 * to directly, the concatenated hashes of those pins, and a checksum over
 * both (see `schema.ts`).
 *
 * @module
 */

import { blake3 } from "../plan/blake3.ts";
import { pinHash } from "../plan/hash.ts";
import type { Pin, Val } from "../plan/value.ts";
import { encodeSeed } from "../seed/save.ts";
import { valueRefs } from "../seed/germ.ts";
import { SUM_BYTES } from "./schema.ts";

/** Length of a pin hash in bytes. */
export const HASH_BYTES = 32;

/** A value ready to be stored. */
export interface Encoded {
  /** The pins the value refers to directly (its holes, in order). */
  readonly pins: Pin[];
  /** Their hashes, concatenated. */
  readonly refs: Uint8Array;
  /** The seed of the value with `pins` as holes. */
  readonly body: Uint8Array;
  /** Checksum of `refs` ‖ `body`. */
  readonly sum: Uint8Array;
}

/** Concatenates the hashes of `pins`. */
export function joinHashes(pins: readonly Pin[]): Uint8Array {
  const out = new Uint8Array(pins.length * HASH_BYTES);
  for (let i = 0; i < pins.length; i++) out.set(pinHash(pins[i]), i * HASH_BYTES);
  return out;
}

/** Splits concatenated hashes; null if the length is not a multiple of 32. */
export function splitHashes(refs: Uint8Array): Uint8Array[] | null {
  if (refs.length % HASH_BYTES !== 0) return null;
  const out: Uint8Array[] = [];
  for (let i = 0; i < refs.length; i += HASH_BYTES) {
    out.push(refs.subarray(i, i + HASH_BYTES));
  }
  return out;
}

/** The checksum of a stored row: the first bytes of BLAKE3(refs ‖ body). */
export function checksum(refs: Uint8Array, body: Uint8Array): Uint8Array {
  if (refs.length === 0) return blake3(body).slice(0, SUM_BYTES);
  const all = new Uint8Array(refs.length + body.length);
  all.set(refs, 0);
  all.set(body, refs.length);
  return blake3(all).slice(0, SUM_BYTES);
}

/** True if two byte strings are equal. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lower-case hex of a byte string (map keys, messages). */
export function hexOf(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += (x < 16 ? "0" : "") + x.toString(16);
  return s;
}

/** Encodes a normal value for storage. */
export function encodeValue(v: Val): Encoded {
  const pins = valueRefs(v);
  const refs = joinHashes(pins);
  const body = encodeSeed(v, pins);
  return { pins, refs, body, sum: checksum(refs, body) };
}
