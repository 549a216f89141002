/**
 * BLAKE3 (plain, unkeyed, 32-byte output) for pin hashing, cache keys and
 * the digest jets: the whole tree mode (chunks, chaining values, parent
 * nodes), written for this runtime so hashing needs no library code at
 * start-up. Inputs of one chunk (1,024 bytes) or less — nearly every pin —
 * take a path that allocates only the digest. `tests/hash_vectors.test.ts`
 * checks it against `@noble/hashes` on lengths around every boundary.
 *
 * @module
 */

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
const CHUNK_START = 1, CHUNK_END = 2, PARENT = 4, ROOT = 8;
const CHUNK_LEN = 1024, BLOCK_LEN = 64;
const TWO32 = 0x100000000;

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

/** Message words of the block being compressed. */
const m = new Uint32Array(16);

/** Loads 64 bytes of `src` at `off` (zero-padded past `end`) into `m`. */
function loadBlock(src: Uint8Array, off: number, end: number): void {
  for (let w = 0; w < 16; w++) {
    const i = off + 4 * w;
    if (i + 3 < end) {
      m[w] = src[i] | (src[i + 1] << 8) | (src[i + 2] << 16) | (src[i + 3] << 24);
    } else {
      let x = 0;
      for (let b = 3; b >= 0; b--) x = (x << 8) | (i + b < end ? src[i + b] : 0);
      m[w] = x;
    }
  }
}

/**
 * The compression function on the words in `m`: chaining value `cv` (8
 * words at `cvOff`), 64-bit block counter, block length and flags. The first
 * 8 words of the output (the next chaining value) go to `out` at `outOff`.
 */
function compress(
  cv: Uint32Array,
  cvOff: number,
  counter: number,
  len: number,
  flags: number,
  out: Uint32Array,
  outOff: number,
): void {
  let v0 = cv[cvOff], v1 = cv[cvOff + 1], v2 = cv[cvOff + 2], v3 = cv[cvOff + 3];
  let v4 = cv[cvOff + 4], v5 = cv[cvOff + 5], v6 = cv[cvOff + 6], v7 = cv[cvOff + 7];
  let v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
  let v12 = counter | 0, v13 = (counter / TWO32) | 0, v14 = len, v15 = flags;
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
  out[outOff] = v0 ^ v8;
  out[outOff + 1] = v1 ^ v9;
  out[outOff + 2] = v2 ^ v10;
  out[outOff + 3] = v3 ^ v11;
  out[outOff + 4] = v4 ^ v12;
  out[outOff + 5] = v5 ^ v13;
  out[outOff + 6] = v6 ^ v14;
  out[outOff + 7] = v7 ^ v15;
}

/** The 32 little-endian bytes of 8 words. */
function digestBytes(words: Uint32Array, off: number): Uint8Array {
  const out = new Uint8Array(32);
  for (let w = 0; w < 8; w++) {
    const x = words[off + w];
    out[4 * w] = x & 255;
    out[4 * w + 1] = (x >>> 8) & 255;
    out[4 * w + 2] = (x >>> 16) & 255;
    out[4 * w + 3] = x >>> 24;
  }
  return out;
}

/** Scratch chaining value for one-shot hashing. */
const scratch = new Uint32Array(8);

/** The 32-byte BLAKE3 hash of `data`, or of its first `len` bytes. */
export function blake3(data: Uint8Array, len: number = data.length): Uint8Array {
  if (len > CHUNK_LEN) {
    const h = new Blake3Hasher();
    h.update(len === data.length ? data : data.subarray(0, len));
    return h.digest();
  }
  scratch.set(IV);
  let off = 0, flags = CHUNK_START;
  // Every block but the last is full; an empty input is one empty block.
  while (len - off > BLOCK_LEN) {
    loadBlock(data, off, len);
    compress(scratch, 0, 0, BLOCK_LEN, flags, scratch, 0);
    flags = 0;
    off += BLOCK_LEN;
  }
  loadBlock(data, off, len);
  compress(scratch, 0, 0, len - off, flags | CHUNK_END | ROOT, scratch, 0);
  return digestBytes(scratch, 0);
}

/** An incremental BLAKE3 hasher: `update` any number of times, then `digest`. */
export class Blake3Hasher {
  /** Chaining value of the chunk in progress. */
  #cv = Uint32Array.from(IV);
  /** Bytes of the current block not yet compressed (held back: it may be last). */
  #block = new Uint8Array(BLOCK_LEN);
  #blockLen = 0;
  /** Blocks of the current chunk already compressed. */
  #blocks = 0;
  /** Index of the current chunk. */
  #chunk = 0;
  /** Chaining values of completed subtrees, 8 words each, largest first. */
  #stack = new Uint32Array(8 * 54);
  #depth = 0;
  #done = false;

  /** Adds `data` to the input. */
  update(data: Uint8Array): this {
    if (this.#done) throw new Error("BLAKE3 hasher already finished");
    let off = 0;
    while (off < data.length) {
      if (this.#blockLen === BLOCK_LEN) {
        if (this.#blocks === CHUNK_LEN / BLOCK_LEN - 1) this.#endChunk();
        else this.#compressBlock(0);
      }
      const take = Math.min(BLOCK_LEN - this.#blockLen, data.length - off);
      this.#block.set(data.subarray(off, off + take), this.#blockLen);
      this.#blockLen += take;
      off += take;
    }
    return this;
  }

  /** Finishes and returns the 32-byte digest (the hasher cannot be reused). */
  digest(): Uint8Array {
    if (this.#done) throw new Error("BLAKE3 hasher already finished");
    this.#done = true;
    const flags = (this.#blocks === 0 ? CHUNK_START : 0) | CHUNK_END;
    loadBlock(this.#block, 0, this.#blockLen);
    if (this.#depth === 0) {
      compress(this.#cv, 0, this.#chunk, this.#blockLen, flags | ROOT, this.#cv, 0);
      return digestBytes(this.#cv, 0);
    }
    // Close the last chunk, then fold the stack from the right; the last
    // parent is the root.
    compress(this.#cv, 0, this.#chunk, this.#blockLen, flags, this.#cv, 0);
    const stack = this.#stack;
    for (let d = this.#depth - 1; d >= 0; d--) {
      for (let w = 0; w < 8; w++) {
        m[w] = stack[8 * d + w];
        m[8 + w] = this.#cv[w];
      }
      compress(IV, 0, 0, BLOCK_LEN, PARENT | (d === 0 ? ROOT : 0), this.#cv, 0);
    }
    return digestBytes(this.#cv, 0);
  }

  /** Compresses the full pending block as a non-final block of the chunk. */
  #compressBlock(extra: number): void {
    loadBlock(this.#block, 0, BLOCK_LEN);
    const start = this.#blocks === 0 ? CHUNK_START : 0;
    compress(this.#cv, 0, this.#chunk, BLOCK_LEN, start | extra, this.#cv, 0);
    this.#blocks++;
    this.#blockLen = 0;
  }

  /** Finishes a full chunk (more input follows) and merges completed subtrees. */
  #endChunk(): void {
    this.#compressBlock(CHUNK_END);
    const stack = this.#stack;
    let total = ++this.#chunk;
    // One merge per trailing zero bit of the number of chunks done.
    while ((total & 1) === 0) {
      const d = --this.#depth;
      for (let w = 0; w < 8; w++) {
        m[w] = stack[8 * d + w];
        m[8 + w] = this.#cv[w];
      }
      compress(IV, 0, 0, BLOCK_LEN, PARENT, this.#cv, 0);
      total /= 2;
    }
    stack.set(this.#cv, 8 * this.#depth++);
    this.#cv.set(IV);
    this.#blocks = 0;
  }
}

/** A fresh incremental BLAKE3 hasher. */
export function blake3Hasher(): Blake3Hasher {
  return new Blake3Hasher();
}
