/**
 * Reading seeds (spec §3.4) into normal PLAN values.
 *
 * Every count in the header is checked against the bytes that remain before
 * anything is allocated, every reference against the table built so far, and
 * every bit read against the end of the input, so malformed input fails with
 * a {@linkcode SeedError} instead of hanging or allocating without bound.
 *
 * Cells are rebuilt like upstream's native loader: a spine `(f x1 … xn)`
 * becomes a closure while the head's arity is not reached; `(0 n a b)` with
 * nats `n` and `a ≥ 1` becomes the law `{n a b}`; `(4 x)` becomes the pin
 * `<x>`. Any other saturated application would need evaluation and is
 * rejected. Decoding is a loop over an explicit stack.
 *
 * @module
 */

import {
  arityOf,
  CLO,
  Clo,
  type Head,
  Law,
  type Nat,
  natFromBytes,
  Pin,
  type Val,
} from "../plan/value.ts";
import { SeedError } from "./error.ts";
import { HEADER_BYTES, refWidth } from "./format.ts";

/** Options for loading seeds, germs and pods. */
export interface LoadOptions {
  /**
   * Makes the pin of a loaded item (default `new Pin(item)`). Jet matching
   * hooks in here.
   */
  makePin?: (item: Val) => Pin;
  /**
   * Upper bound on the number of closure argument slots the loader may
   * build, guarding against inputs that expand quadratically (default 2^25).
   */
  maxArgs?: number;
}

/** Reads a plain seed (no holes). */
export function loadSeed(bytes: Uint8Array, opts: LoadOptions = {}): Val {
  return decodeSeed(bytes, [], opts);
}

const EMPTY: Val[] = [];
const TWO32 = 0x100000000;

/**
 * Reads a seed whose holes are filled, in order, by `holes`; the number of
 * holes must match the header. `base` is the offset of `bytes` inside a
 * larger input, added to the offsets of errors.
 */
export function decodeSeed(
  bytes: Uint8Array,
  holes: readonly Pin[],
  opts: LoadOptions = {},
  base = 0,
): Val {
  try {
    return decode(bytes, holes, opts);
  } catch (e) {
    if (e instanceof SeedError && base !== 0) {
      throw new SeedError(e.reason, e.offset + base);
    }
    throw e;
  }
}

function decode(bytes: Uint8Array, holes: readonly Pin[], opts: LoadOptions): Val {
  const mkPin = opts.makePin ?? ((x: Val) => new Pin(x));
  let budget = opts.maxArgs ?? 1 << 25;
  const len = bytes.length;
  if (len % 8 !== 0) throw new SeedError("seed length is not a multiple of 8", len);
  if (len < HEADER_BYTES) throw new SeedError("seed shorter than its header", len);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A u64 as a number; anything ≥ 2^53 becomes Infinity (always too big).
  const u64 = (off: number): number => {
    const hi = dv.getUint32(off + 4, true);
    return hi >= 1 << 21 ? Infinity : hi * TWO32 + dv.getUint32(off, true);
  };
  const nHole = u64(0), nBig = u64(8), nWord = u64(16), nByte = u64(24), nFrag = u64(32);
  if (nHole !== holes.length) {
    throw new SeedError(`seed has ${nHole} holes but ${holes.length} were given`, 0);
  }
  let off = HEADER_BYTES;
  const need = (n: number, what: string) => {
    if (n > len - off) throw new SeedError(`truncated ${what}`, off);
  };
  need(8 * nBig, "big-nat widths");
  const widths = new Array<number>(nBig);
  let bigBytes = 0;
  for (let i = 0; i < nBig; i++) {
    widths[i] = u64(off + 8 * i);
    bigBytes += 8 * widths[i];
  }
  off += 8 * nBig;
  need(bigBytes, "big nats");
  need(bigBytes + 8 * nWord, "words");
  need(bigBytes + 8 * nWord + nByte, "bytes");
  const nAtom = nBig + nWord + nByte, leaves = nHole + nAtom;
  const bitStart = 8 * (off + bigBytes + 8 * nWord + nByte), bitEnd = 8 * len;
  // Every fragment takes at least two bits.
  if (nFrag > (bitEnd - bitStart) / 2) {
    throw new SeedError(`${nFrag} fragments cannot fit`, bitStart >>> 3);
  }
  const size = leaves + nFrag;
  if (size === 0) throw new SeedError("empty seed", 0);

  const table = new Array<Val>(size);
  for (let i = 0; i < nHole; i++) table[i] = holes[i];
  let t = nHole;
  for (let i = 0; i < nBig; i++) {
    table[t++] = natFromBytes(bytes.subarray(off, off + 8 * widths[i]));
    off += 8 * widths[i];
  }
  for (let i = 0; i < nWord; i++, off += 8) {
    const lo = dv.getUint32(off, true), hi = dv.getUint32(off + 4, true);
    table[t++] = hi < 1 << 21 ? hi * TWO32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
  }
  for (let i = 0; i < nByte; i++) table[t++] = bytes[off++];
  if (nFrag === 0) return table[size - 1];

  // Bit reader over [bitStart, bitEnd).
  let bp = bitStart;
  const eof = () => new SeedError("truncated fragment stream", len);
  const readBits = (n: number): number => {
    if (bp + n > bitEnd) throw eof();
    const at = bp >>> 3, sh = bp & 7;
    if (n <= 24 && at + 3 < len) {
      // Fast path: one little-endian 32-bit window holds all the bits.
      const w = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) |
        (bytes[at + 3] << 24)) >>> sh;
      bp += n;
      return w & ((1 << n) - 1);
    }
    let v = 0, got = 0;
    while (got < n) {
      const sh = bp & 7, take = Math.min(8 - sh, n - got);
      v += ((bytes[bp >>> 3] >>> sh) & ((1 << take) - 1)) * 2 ** got;
      got += take;
      bp += take;
    }
    return v;
  };

  const closure = (head: Head, args: Val[], ar: number): Clo => {
    budget -= args.length;
    if (budget < 0) {
      throw new SeedError("seed expands beyond the loader's limit", bp >>> 3);
    }
    const c = new Clo(head, args, ar);
    c.nf = true;
    return c;
  };

  // Applies `f` to `args` without evaluating anything.
  const construct = (f: Val, args: Val[]): Val => {
    let head = f as Head;
    let pre = EMPTY;
    if (typeof f === "object" && f.t === CLO) {
      head = f.head;
      pre = f.args;
    }
    let i = 0;
    for (;;) {
      const rem = arityOf(head) - pre.length, avail = args.length - i;
      if (avail === 0) return pre.length === 0 ? head : closure(head, pre, rem);
      if (avail < rem) {
        const all = pre.length === 0 && i === 0 ? args : pre.concat(args.slice(i));
        return closure(head, all, rem - avail);
      }
      if (head === 0) {
        const [n, a, b] = pre.concat(args.slice(i, i + rem));
        if (typeof n === "object" || typeof a === "object") {
          throw new SeedError("law with a name or arity that is not a nat", bp >>> 3);
        }
        if (a === 0) throw new SeedError("law of arity 0", bp >>> 3);
        head = new Law(n as Nat, a as Nat, b);
      } else if (head === 4) {
        head = mkPin(args[i]);
      } else {
        throw new SeedError("saturated application: not a normal value", bp >>> 3);
      }
      pre = EMPTY;
      i += rem;
    }
  };

  // Open applications: head, argument buffer, how many arguments are in.
  const fHead: Val[] = [], fArgs: Val[][] = [], fFill: number[] = [];
  for (let count = leaves; count < size; count++) {
    const width = refWidth(count);
    let implicit = 1;
    fragment: for (;;) {
      // The argument count (a run of ones ended by a zero), then the
      // reference.
      let n = implicit;
      implicit = 0;
      for (;;) {
        if (bp >= bitEnd) throw eof();
        const sh = bp & 7, avail = 8 - sh;
        const zeros = ~(bytes[bp >>> 3] >>> sh) & ((1 << avail) - 1);
        if (zeros === 0) {
          n += avail;
          bp += avail;
          continue;
        }
        const ones = 31 - Math.clz32(zeros & -zeros);
        bp += ones + 1;
        n += ones;
        break;
      }
      const ref = readBits(width);
      if (ref >= count) {
        throw new SeedError(`reference ${ref} beyond table of ${count}`, (bp - 1) >>> 3);
      }
      let v = table[ref];
      if (n > 0) {
        fHead.push(v);
        fArgs.push(new Array<Val>(n));
        fFill.push(0);
        continue;
      }
      for (;;) {
        const top = fArgs.length - 1;
        if (top < 0) {
          table[count] = v;
          break fragment;
        }
        const args = fArgs[top];
        const k = fFill[top];
        args[k] = v;
        if (k + 1 < args.length) {
          fFill[top] = k + 1;
          continue fragment;
        }
        fArgs.pop();
        fFill.pop();
        v = construct(fHead.pop()!, args);
      }
    }
  }
  return table[size - 1];
}
