/**
 * Pods (spec §3.5): a pin together with every pin it depends on, as upstream
 * writes Sire cache files.
 *
 * A pod is the ASCII magic `SEEDPOD:` followed by a plain seed of the row
 * `[topHash pins]`: `topHash` is the 32-byte bar of the top pin's hash, and
 * `pins[j]` is the row `[germ refIndices]` — the germ bar of a pin and the
 * indices in `pins` of its references. Pins come dependencies first, in
 * post-order, the top pin last.
 *
 * @module
 */

import type { Pin, Val } from "../plan/value.ts";
import { pinHash } from "../plan/hash.ts";
import { barBytes, makeBar, makeRow, rowItems } from "../plan/shapes.ts";
import { SeedError } from "./error.ts";
import { saveSeed } from "./save.ts";
import { decodeSeed, type LoadOptions, loadSeed } from "./load.ts";
import { loadGerm, pinRefs, saveGerm } from "./germ.ts";

/** The 8-byte magic that starts a pod. */
export const POD_MAGIC: Uint8Array = new TextEncoder().encode("SEEDPOD:");

/** True if `bytes` starts with the pod magic. */
export function isPod(bytes: Uint8Array): boolean {
  if (bytes.length < POD_MAGIC.length) return false;
  for (let i = 0; i < POD_MAGIC.length; i++) if (bytes[i] !== POD_MAGIC[i]) return false;
  return true;
}

/** Saves a pin and all the pins it depends on as a pod. */
export function savePod(top: Pin): Uint8Array {
  const index = new Map<string, number>();
  const entries: Val[] = [];
  const fPin: Pin[] = [], fRefs: Pin[][] = [], fNext: number[] = [];
  const enter = (p: Pin) => {
    fPin.push(p);
    fRefs.push(pinRefs(p));
    fNext.push(0);
  };
  enter(top);
  while (fPin.length > 0) {
    const f = fPin.length - 1, refs = fRefs[f];
    if (fNext[f] < refs.length) {
      const r = refs[fNext[f]++];
      if (!index.has(pinHash(r).toHex())) enter(r);
      continue;
    }
    const p = fPin.pop()!;
    fRefs.pop();
    fNext.pop();
    const germ = saveGerm(p);
    const idx = germ.refs.map((r) => index.get(pinHash(r).toHex())!);
    index.set(pinHash(p).toHex(), entries.length);
    entries.push(makeRow([makeBar(germ.bytes), makeRow(idx)]));
  }
  const seed = saveSeed(makeRow([makeBar(pinHash(top)), makeRow(entries)]));
  const out = new Uint8Array(POD_MAGIC.length + seed.length);
  out.set(POD_MAGIC);
  out.set(seed, POD_MAGIC.length);
  return out;
}

/**
 * Loads a pod, rebuilding every pin in it, and checks that the last pin has
 * the recorded hash. Returns the top pin.
 */
export function loadPod(bytes: Uint8Array, opts: LoadOptions = {}): Pin {
  const at = POD_MAGIC.length;
  if (!isPod(bytes)) throw new SeedError("not a pod (no SEEDPOD: magic)", 0);
  const v = decodeSeed(bytes.subarray(at), [], opts, at);
  const bad = (what: string) => new SeedError(`malformed pod: ${what}`, at);
  const parts = rowItems(v);
  if (parts === null || parts.length !== 2) throw bad("not a row of two");
  const topHash = barBytes(parts[0]);
  if (topHash === null || topHash.length !== 32) {
    throw bad("top hash is not a 32-byte bar");
  }
  const entries = rowItems(parts[1]);
  if (entries === null) throw bad("pin table is not a row");
  if (entries.length === 0) throw bad("no pins");
  const pins: Pin[] = [];
  for (let j = 0; j < entries.length; j++) {
    const entry = rowItems(entries[j]);
    if (entry === null || entry.length !== 2) throw bad(`entry ${j} is not a row of two`);
    const germ = barBytes(entry[0]);
    const idx = rowItems(entry[1]);
    if (germ === null || idx === null) throw bad(`entry ${j} is not [bar row]`);
    const refs = idx.map((i: Val) => {
      if (typeof i !== "number" || i >= j) throw bad(`entry ${j} has a bad reference`);
      return pins[i];
    });
    try {
      pins.push(loadGerm(refs, germ, opts));
    } catch (e) {
      if (e instanceof SeedError) throw bad(`entry ${j}: ${e.message}`);
      throw e;
    }
  }
  const top = pins[pins.length - 1];
  if (pinHash(top).toHex() !== topHash.toHex()) {
    throw new SeedError("pod integrity check failed: top pin hash differs", at);
  }
  return top;
}

/** Loads either a pod (returning its top pin) or a plain seed. */
export function loadSeedOrPod(bytes: Uint8Array, opts: LoadOptions = {}): Val {
  return isPod(bytes) ? loadPod(bytes, opts) : loadSeed(bytes, opts);
}
