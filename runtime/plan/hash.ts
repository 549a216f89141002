/**
 * Pin hashing (spec §4): the BLAKE3 hash of a tagged serialisation `S` of a
 * value that sees data-jet shapes, and the base58 display form of hashes.
 *
 * `S` is pre-order; every integer field is little-endian:
 *
 * | value | bytes |
 * |---|---|
 * | pin | `00` + the pin's 32-byte hash |
 * | other law | `01` NAT(name) NAT(arity) S(body) |
 * | other closure | `02` u64(k) S(head) S(arg1) … S(argk) |
 * | nat | `03` NAT(n) |
 * | bar | `04` u64(byte length) bytes |
 * | cow n | `05` NAT(n) |
 * | row | `06` u64(length) S(x0) … |
 * | set | `07` u64(size) S(keys, ascending) |
 * | tab | `08` u64(size) S(keys, ascending) S(values, in key order) |
 *
 * with NAT(0) = u64(0), NAT(n < 2^64) = u64(1) u64(n), otherwise u64(k)
 * followed by the k 64-bit words of n, least significant first.
 *
 * Sub-pins contribute only their hash, so {@linkcode pinHash} first hashes
 * every reachable unhashed pin bottom-up; serialisation itself is a loop over
 * an explicit stack. Hashes are cached in `Pin.hash`.
 *
 * @module
 */

import { blake3, blake3Hasher } from "./blake3.ts";
import {
  CLO,
  type Clo,
  deref,
  LAW,
  type Nat,
  natBytes,
  PIN,
  type Pin,
  THUNK,
  type Val,
} from "./value.ts";
import {
  barBytes,
  cowSizeNat,
  rowSize,
  setKeys,
  setSize,
  tabKeySet,
  tabSize,
  tabValues,
} from "./shapes.ts";

/** A destination for serialised bytes. */
interface Sink {
  /** Consumes `len` bytes of `buf` starting at 0; `buf` is reused after. */
  take(buf: Uint8Array, len: number): void;
}

const CHUNK = 1 << 16;

/** A buffered byte writer that hands full chunks to a sink. */
class Writer {
  private buf = new Uint8Array(CHUNK);
  private view = new DataView(this.buf.buffer);
  private pos = 0;
  constructor(private sink: Sink | null) {}

  /** Starts over, writing to `sink`. */
  reset(sink: Sink): void {
    this.sink = sink;
    this.pos = 0;
  }

  /** Hands the buffered tail to a hash sink and returns the digest. */
  finishWith(sink: HashSink): Uint8Array {
    const n = this.pos;
    this.pos = 0;
    return sink.finish(this.buf, n);
  }

  private room(n: number): void {
    if (this.pos + n > CHUNK) this.flush();
  }

  flush(): void {
    if (this.pos > 0) this.sink!.take(this.buf, this.pos);
    this.pos = 0;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** A u64 from a non-negative safe integer. */
  u64(n: number): void {
    this.room(8);
    this.view.setUint32(this.pos, n >>> 0, true);
    this.view.setUint32(this.pos + 4, Math.floor(n / 0x100000000), true);
    this.pos += 8;
  }

  bytes(b: Uint8Array): void {
    let off = 0;
    while (off < b.length) {
      if (this.pos === CHUNK) this.flush();
      const n = Math.min(CHUNK - this.pos, b.length - off);
      this.buf.set(b.subarray(off, off + n), this.pos);
      this.pos += n;
      off += n;
    }
  }

  /** NAT(n): length in 64-bit words, then the words. */
  nat(n: Nat): void {
    if (n === 0) return this.u64(0);
    if (typeof n === "number") {
      this.u64(1);
      return this.u64(n);
    }
    const b = natBytes(n);
    const words = Math.ceil(b.length / 8);
    this.u64(words);
    this.bytes(b);
    const pad = words * 8 - b.length;
    for (let i = 0; i < pad; i++) this.byte(0);
  }
}

/** Writes S(v) into `w`; every pin reachable must already be hashed. */
function serialise(v: Val, w: Writer): void {
  const stk: Val[] = [v];
  while (stk.length > 0) {
    const x = deref(stk.pop()!);
    if (typeof x !== "object") {
      w.byte(3);
      w.nat(x);
      continue;
    }
    switch (x.t) {
      case PIN:
        w.byte(0);
        w.bytes(x.hash!);
        continue;
      case LAW: {
        // Each data-jet law is recognised once (a set check compares keys).
        if (x.name === 0) {
          if (rowSize(x) === 0) {
            w.byte(6);
            w.u64(0);
            continue;
          }
          const n = cowSizeNat(x);
          if (n !== -1) {
            w.byte(5);
            w.nat(n);
            continue;
          }
        } else if (x.name === 1) {
          const b = barBytes(x);
          if (b !== null) {
            w.byte(4);
            w.u64(b.length);
            w.bytes(b);
            continue;
          }
          const n = setSize(x);
          if (n >= 0) {
            w.byte(7);
            w.u64(n);
            if (n > 0) { for (const a of (setKeys(x) as Clo).args) stk.push(a); }
            continue;
          }
        }
        w.byte(1);
        w.nat(x.name);
        w.nat(x.arity);
        stk.push(x.body);
        continue;
      }
      case CLO: {
        const args = x.args;
        const k = rowSize(x);
        if (k >= 0) {
          w.byte(6);
          w.u64(k);
          // Element i is args[k-1-i]: push args in order so x0 pops first.
          for (const a of args) stk.push(a);
          continue;
        }
        const n = tabSize(x);
        if (n >= 0) {
          w.byte(8);
          w.u64(n);
          if (n > 0) {
            for (const a of (tabValues(x) as Clo).args) stk.push(a);
            for (const a of (setKeys(tabKeySet(x)) as Clo).args) stk.push(a);
          }
          continue;
        }
        w.byte(2);
        w.u64(args.length);
        for (let i = args.length - 1; i >= 0; i--) stk.push(args[i]);
        stk.push(x.head);
        continue;
      }
      default:
        throw new TypeError("pin hashing: unevaluated thunk");
    }
  }
}

/** Hashes every unhashed pin reachable from `v`, dependencies first. */
function hashReachablePins(v: Val): void {
  const order: Pin[] = [];
  const seen = new Set<Pin>();
  const stk: Val[] = [v];
  const done: Pin[] = []; // stack of pins whose items are being walked
  const marks: number[] = []; // stk height at which each of `done` finishes
  while (stk.length > 0) {
    while (marks.length > 0 && marks[marks.length - 1] === stk.length) {
      marks.pop();
      order.push(done.pop()!);
    }
    if (stk.length === 0) break;
    const x = deref(stk.pop()!);
    if (typeof x !== "object") continue;
    switch (x.t) {
      case PIN:
        if (x.hash !== null || seen.has(x)) break;
        seen.add(x);
        done.push(x);
        marks.push(stk.length);
        stk.push(x.item);
        break;
      case LAW:
        stk.push(x.body);
        break;
      case CLO:
        stk.push(x.head);
        for (const a of x.args) stk.push(a);
        break;
      case THUNK:
        throw new TypeError("pin hashing: unevaluated thunk");
    }
  }
  while (done.length > 0) order.push(done.pop()!);
  for (const p of order) p.hash = hashOf(p.item);
}

/** A sink that hashes; short inputs are hashed in one call. */
class HashSink implements Sink {
  private h: ReturnType<typeof blake3Hasher> | null = null;
  take(buf: Uint8Array, len: number): void {
    if (this.h === null) this.h = blake3Hasher();
    this.h.update(buf.subarray(0, len));
  }
  /** Finishes with the last `len` bytes of `buf`. */
  finish(buf: Uint8Array, len: number): Uint8Array {
    if (this.h === null) return blake3(buf, len);
    this.h.update(buf.subarray(0, len));
    return this.h.digest();
  }
}

let spare: Writer | null = null;

/** BLAKE3 of S(v); all reachable pins must be hashed. */
function hashOf(v: Val): Uint8Array {
  const sink = new HashSink();
  const w = spare ?? new Writer(null);
  spare = null;
  try {
    w.reset(sink);
    serialise(v, w);
    return w.finishWith(sink);
  } finally {
    spare = w;
  }
}

/**
 * The hash of a pin: BLAKE3 of S(item), 32 bytes. Computed on first use
 * (together with every unhashed pin inside it) and cached in `p.hash`.
 */
export function pinHash(p: Pin): Uint8Array {
  if (p.hash === null) hashReachablePins(p);
  return p.hash!;
}

/** BLAKE3 of S(v) for any normal value (`_PlanHash`), 32 bytes. */
export function planHash(v: Val): Uint8Array {
  hashReachablePins(v);
  return hashOf(v);
}

/** The serialisation S(v) that pin hashes are computed from (spec §4). */
export function planBytes(v: Val): Uint8Array {
  hashReachablePins(v);
  const parts: Uint8Array[] = [];
  let total = 0;
  const w = new Writer({
    take: (b, n) => {
      parts.push(b.slice(0, n));
      total += n;
    },
  });
  serialise(v, w);
  w.flush();
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/**
 * Base58 (Bitcoin alphabet) of a byte string: the display form of hashes.
 * Converts with small-number arithmetic (base-256 digits to base-58 digits),
 * which is far cheaper than bigint division; jet matching calls it for
 * every jet-named pin it loads.
 */
export function hashToBase58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Base-58 digits of the value so far, least significant first.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i];
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] * 256;
      digits[j] = carry % 58;
      carry = (carry - digits[j]) / 58;
    }
    while (carry > 0) {
      const d = carry % 58;
      digits.push(d);
      carry = (carry - d) / 58;
    }
  }
  let s = "1".repeat(zeros);
  for (let k = digits.length - 1; k >= 0; k--) s += B58[digits[k]];
  return s;
}

/** Decodes base58 (Bitcoin alphabet); throws `SyntaxError` on a bad digit. */
export function hashFromBase58(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === "1") zeros++;
  let n = 0n;
  for (const ch of text) {
    const d = B58.indexOf(ch);
    if (d < 0) throw new SyntaxError(`not a base58 digit: ${JSON.stringify(ch)}`);
    n = n * 58n + BigInt(d);
  }
  const body: number[] = [];
  while (n > 0n) {
    body.push(Number(n & 255n));
    n >>= 8n;
  }
  const out = new Uint8Array(zeros + body.length);
  for (let i = 0; i < body.length; i++) out[out.length - 1 - i] = body[i];
  return out;
}
