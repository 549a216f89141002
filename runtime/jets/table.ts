/**
 * The jet hash table: for each jet name, the pin hashes whose laws a native
 * implementation may replace. A pin is only ever jetted when its hash is in
 * this table, so which code gets jetted is data, not code.
 *
 * The table starts with upstream's hashes (`upstream_hashes.ts`) and grows
 * with {@linkcode registerJetHash}, for example with the hashes of laws our
 * own Sire compiler produces for the same functions.
 *
 * Hashes are kept in their base58 display form.
 *
 * @module
 */

import { hashToBase58 } from "../plan/hash.ts";
import { type Nat, natFromText } from "../plan/value.ts";
import { UPSTREAM_JET_HASHES } from "./upstream_hashes.ts";

const table = new Map<string, Set<string>>();

/** Jet names by the nat that spells them (a law's name field). */
const byNat = new Map<Nat, string>();

for (const [name, hash] of UPSTREAM_JET_HASHES) accept(name, hash);

function accept(name: string, hash: string): void {
  let set = table.get(name);
  if (set === undefined) {
    table.set(name, set = new Set());
    byNat.set(natFromText(name), name);
  }
  set.add(hash);
}

/** A hash as base58 text (bytes are converted, text is returned as is). */
function hashText(hash: Uint8Array | string): string {
  return typeof hash === "string" ? hash : hashToBase58(hash);
}

/**
 * Accepts `hash` (32 bytes or base58 text) as a pin hash for the jet `name`,
 * in addition to any hashes it already accepts. Affects pins matched from
 * now on.
 */
export function registerJetHash(name: string, hash: Uint8Array | string): void {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new RangeError(`not a jet name: ${name}`);
  if (typeof hash !== "string" && hash.length !== 32) {
    throw new RangeError(`a pin hash has 32 bytes, got ${hash.length}`);
  }
  accept(name, hashText(hash));
}

/** True if the table lists `name` at all. */
export function hasJetName(name: string): boolean {
  return table.has(name);
}

/** True if `hash` is accepted for the jet `name`. */
export function isAcceptedHash(name: string, hash: Uint8Array | string): boolean {
  return table.get(name)?.has(hashText(hash)) ?? false;
}

/** The hashes accepted for `name` (base58), in registration order. */
export function acceptedHashes(name: string): readonly string[] {
  return [...(table.get(name) ?? [])];
}

/** Every jet name in the table. */
export function jetNames(): readonly string[] {
  return [...table.keys()];
}

/** The jet name a law name (a nat) spells, if the table lists it. */
export function jetNameOf(name: Nat): string | undefined {
  return byNat.get(name);
}
