/**
 * Shared pieces of the seed format (spec §3.2): the header, the ordering of
 * atoms and the width of fragment references.
 *
 * A seed is five u64 counts (holes, bigs, words, bytes, fragments), the word
 * length of each big, the bigs (least significant word first), the words,
 * the bytes, then a bit stream of fragments packed least significant bit
 * first, padded with zeros to a multiple of 8 bytes. The reference table is
 * holes, then atoms in file order, then fragments in order of decoding.
 *
 * @module
 */

import type { Nat } from "../plan/value.ts";

/** Size of the fixed header in bytes. */
export const HEADER_BYTES = 40;

/** Number of bits needed to write `n` (0 for 0); `n` is a safe integer. */
export function bitLen(n: number): number {
  if (n < 0x80000000) return 32 - Math.clz32(n);
  return Math.floor(Math.log2(n)) + 1;
}

/** Width in bits of each reference in a fragment, for a table of `size`. */
export function refWidth(size: number): number {
  return size <= 1 ? 0 : bitLen(size - 1);
}

/** Where an atom is stored: 0 = big (≥ 2^64), 1 = word (≥ 256), 2 = byte. */
export function atomClass(n: Nat): 0 | 1 | 2 {
  if (typeof n === "number") return n < 256 ? 2 : 1;
  return n < 0x10000000000000000n ? 1 : 0;
}

/** Number of 64-bit words of a nat ≥ 2^64. */
export function bigWords(n: bigint): number {
  return Math.ceil(n.toString(16).length / 16);
}

/**
 * The order atoms are written in, as upstream's writer sorts them: bigs by
 * word count (more first), then by most significant word (larger first), then
 * by the remaining words (smaller first); then words and bytes, larger first.
 */
export function compareAtoms(a: Nat, b: Nat): number {
  const ca = atomClass(a), cb = atomClass(b);
  if (ca !== cb) return ca - cb;
  if (ca !== 0) return a > b ? -1 : a < b ? 1 : 0;
  const x = a as bigint, y = b as bigint;
  const wx = bigWords(x), wy = bigWords(y);
  if (wx !== wy) return wy - wx;
  const shift = BigInt(64 * (wx - 1));
  const mx = x >> shift, my = y >> shift;
  if (mx !== my) return mx > my ? -1 : 1;
  const mask = (1n << shift) - 1n;
  const lx = x & mask, ly = y & mask;
  return lx < ly ? -1 : lx > ly ? 1 : 0;
}
