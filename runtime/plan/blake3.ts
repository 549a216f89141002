/**
 * BLAKE3 (plain, unkeyed, 32-byte output) for pin hashing.
 *
 * Inputs of at most one chunk (1024 bytes) — nearly every pin — are hashed
 * here directly, which avoids the per-call set-up cost of the general
 * implementation; longer inputs go to `@noble/hashes`. Both give identical
 * digests (checked by the tests).
 *
 * @module
 */

import { blake3 as nobleBlake3 } from "@noble/hashes/blake3.js";

const IV = Uint32Array.of(
  0x6a09e667,
  0xbb67ae85,
  0x3c6ef372,
  0xa54ff53a,
  0x510e527f,
  0x9b05688c,
  0x1f83d9ab,
  0x5be0cd19,
);
const CHUNK_START = 1, CHUNK_END = 2, ROOT = 8;
const CHUNK_LEN = 1024, BLOCK_LEN = 64;

// Message word order for each of the 7 rounds (the permutation applied
// repeatedly to 0..15).
const SCHEDULE = (() => {
  const perm = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];
  const out = new Uint8Array(7 * 16);
  let cur = Array.from({ length: 16 }, (_, i) => i);
  for (let r = 0; r < 7; r++) {
    out.set(cur, 16 * r);
    cur = perm.map((p) => cur[p]);
  }
  return out;
})();

const m = new Uint32Array(16);
const cv = new Uint32Array(8);
const block = new Uint8Array(BLOCK_LEN);
const block32 = new Uint32Array(block.buffer);
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Compresses `block` (length `len`) into `cv` with chunk counter 0. */
function compress(len: number, flags: number): void {
  m.set(block32);
  let v0 = cv[0], v1 = cv[1], v2 = cv[2], v3 = cv[3];
  let v4 = cv[4], v5 = cv[5], v6 = cv[6], v7 = cv[7];
  let v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
  let v12 = 0, v13 = 0, v14 = len, v15 = flags;
  const o = SCHEDULE;
  for (let r = 0; r < 7 * 16; r += 16) {
    // Columns.
    v0 = (v0 + v4 + m[o[r]]) | 0;
    v12 ^= v0;
    v12 = (v12 >>> 16) | (v12 << 16);
    v8 = (v8 + v12) | 0;
    v4 ^= v8;
    v4 = (v4 >>> 12) | (v4 << 20);
    v0 = (v0 + v4 + m[o[r + 1]]) | 0;
    v12 ^= v0;
    v12 = (v12 >>> 8) | (v12 << 24);
    v8 = (v8 + v12) | 0;
    v4 ^= v8;
    v4 = (v4 >>> 7) | (v4 << 25);

    v1 = (v1 + v5 + m[o[r + 2]]) | 0;
    v13 ^= v1;
    v13 = (v13 >>> 16) | (v13 << 16);
    v9 = (v9 + v13) | 0;
    v5 ^= v9;
    v5 = (v5 >>> 12) | (v5 << 20);
    v1 = (v1 + v5 + m[o[r + 3]]) | 0;
    v13 ^= v1;
    v13 = (v13 >>> 8) | (v13 << 24);
    v9 = (v9 + v13) | 0;
    v5 ^= v9;
    v5 = (v5 >>> 7) | (v5 << 25);

    v2 = (v2 + v6 + m[o[r + 4]]) | 0;
    v14 ^= v2;
    v14 = (v14 >>> 16) | (v14 << 16);
    v10 = (v10 + v14) | 0;
    v6 ^= v10;
    v6 = (v6 >>> 12) | (v6 << 20);
    v2 = (v2 + v6 + m[o[r + 5]]) | 0;
    v14 ^= v2;
    v14 = (v14 >>> 8) | (v14 << 24);
    v10 = (v10 + v14) | 0;
    v6 ^= v10;
    v6 = (v6 >>> 7) | (v6 << 25);

    v3 = (v3 + v7 + m[o[r + 6]]) | 0;
    v15 ^= v3;
    v15 = (v15 >>> 16) | (v15 << 16);
    v11 = (v11 + v15) | 0;
    v7 ^= v11;
    v7 = (v7 >>> 12) | (v7 << 20);
    v3 = (v3 + v7 + m[o[r + 7]]) | 0;
    v15 ^= v3;
    v15 = (v15 >>> 8) | (v15 << 24);
    v11 = (v11 + v15) | 0;
    v7 ^= v11;
    v7 = (v7 >>> 7) | (v7 << 25);

    // Diagonals.
    v0 = (v0 + v5 + m[o[r + 8]]) | 0;
    v15 ^= v0;
    v15 = (v15 >>> 16) | (v15 << 16);
    v10 = (v10 + v15) | 0;
    v5 ^= v10;
    v5 = (v5 >>> 12) | (v5 << 20);
    v0 = (v0 + v5 + m[o[r + 9]]) | 0;
    v15 ^= v0;
    v15 = (v15 >>> 8) | (v15 << 24);
    v10 = (v10 + v15) | 0;
    v5 ^= v10;
    v5 = (v5 >>> 7) | (v5 << 25);

    v1 = (v1 + v6 + m[o[r + 10]]) | 0;
    v12 ^= v1;
    v12 = (v12 >>> 16) | (v12 << 16);
    v11 = (v11 + v12) | 0;
    v6 ^= v11;
    v6 = (v6 >>> 12) | (v6 << 20);
    v1 = (v1 + v6 + m[o[r + 11]]) | 0;
    v12 ^= v1;
    v12 = (v12 >>> 8) | (v12 << 24);
    v11 = (v11 + v12) | 0;
    v6 ^= v11;
    v6 = (v6 >>> 7) | (v6 << 25);

    v2 = (v2 + v7 + m[o[r + 12]]) | 0;
    v13 ^= v2;
    v13 = (v13 >>> 16) | (v13 << 16);
    v8 = (v8 + v13) | 0;
    v7 ^= v8;
    v7 = (v7 >>> 12) | (v7 << 20);
    v2 = (v2 + v7 + m[o[r + 13]]) | 0;
    v13 ^= v2;
    v13 = (v13 >>> 8) | (v13 << 24);
    v8 = (v8 + v13) | 0;
    v7 ^= v8;
    v7 = (v7 >>> 7) | (v7 << 25);

    v3 = (v3 + v4 + m[o[r + 14]]) | 0;
    v14 ^= v3;
    v14 = (v14 >>> 16) | (v14 << 16);
    v9 = (v9 + v14) | 0;
    v4 ^= v9;
    v4 = (v4 >>> 12) | (v4 << 20);
    v3 = (v3 + v4 + m[o[r + 15]]) | 0;
    v14 ^= v3;
    v14 = (v14 >>> 8) | (v14 << 24);
    v9 = (v9 + v14) | 0;
    v4 ^= v9;
    v4 = (v4 >>> 7) | (v4 << 25);
  }
  cv[0] = v0 ^ v8;
  cv[1] = v1 ^ v9;
  cv[2] = v2 ^ v10;
  cv[3] = v3 ^ v11;
  cv[4] = v4 ^ v12;
  cv[5] = v5 ^ v13;
  cv[6] = v6 ^ v14;
  cv[7] = v7 ^ v15;
}

/** The 32-byte BLAKE3 hash of `data`, or of its first `len` bytes. */
export function blake3(data: Uint8Array, len: number = data.length): Uint8Array {
  if (len > CHUNK_LEN || !LITTLE_ENDIAN) {
    return nobleBlake3(len === data.length ? data : data.subarray(0, len));
  }
  cv.set(IV);
  let off = 0, flags = CHUNK_START;
  // Every block but the last is full; an empty input is one empty block.
  while (len - off > BLOCK_LEN) {
    for (let i = 0; i < BLOCK_LEN; i++) block[i] = data[off + i];
    compress(BLOCK_LEN, flags);
    flags = 0;
    off += BLOCK_LEN;
  }
  const last = len - off;
  for (let i = 0; i < last; i++) block[i] = data[off + i];
  for (let i = last; i < BLOCK_LEN; i++) block[i] = 0;
  compress(last, flags | CHUNK_END | ROOT);
  const out = new Uint8Array(32);
  new Uint32Array(out.buffer).set(cv);
  return out;
}

/** An incremental BLAKE3 hasher (the general implementation). */
export function blake3Hasher(): ReturnType<typeof nobleBlake3.create> {
  return nobleBlake3.create();
}
