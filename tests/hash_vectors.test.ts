import assert from "node:assert/strict";
import { blake3 as nobleBlake3 } from "@noble/hashes/blake3.js";
import {
  Clo,
  Law,
  natFromText,
  Pin,
  Thunk,
  ThunkState,
  type Val,
} from "../runtime/plan/value.ts";
import { makeBar, makeRow } from "../runtime/plan/shapes.ts";
import { blake3, blake3Hasher } from "../runtime/plan/blake3.ts";
import {
  hashFromBase58,
  hashToBase58,
  pinHash,
  planBytes,
  planHash,
} from "../runtime/plan/hash.ts";
import { Rng, ValueGen } from "./seed_gen.ts";

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

const u64 = (n: number | bigint) =>
  hex(new Uint8Array(new BigUint64Array([BigInt(n)]).buffer));
const NAT = (n: number | bigint) => n === 0 ? u64(0) : u64(1) + u64(n);

/** `(f x y …)` as a normal closure of a nat or law head with arity `ar`. */
function app(head: number | Law | Pin, ar: number, ...args: Val[]): Clo {
  const c = new Clo(head, args, ar - args.length);
  c.nf = true;
  return c;
}
const a0 = (...args: Val[]) => app(0, 3, ...args);
const a2 = (...args: Val[]) => app(2, 3, ...args);

Deno.test("hash: S([3 4]) and its hash (spec vector)", () => {
  const row = makeRow([3, 4]);
  assert.equal(hex(planBytes(row)), "06" + u64(2) + "03" + NAT(3) + "03" + NAT(4));
  assert.equal(
    hex(planHash(row)),
    "c19ce7d1d4adf1133b691f269bf2ee1c47f020382d0a1fd065ab715350672572",
  );
});

Deno.test("hash: pin hashes of _Seq, _If and _Force (jet table vectors)", () => {
  const law = (name: string, arity: number, body: Val) =>
    new Pin(new Law(natFromText(name), arity, body));
  // {_Seq 2 (0 (0 (0 (2 2) 2) (0 {0 2 1} 2)) 1)}
  const seq = law("_Seq", 2, a0(a0(a0(a2(2), 2), a0(new Law(0, 2, 1), 2)), 1));
  assert.equal(
    hashToBase58(pinHash(seq)),
    "7fPzp1b5QXpDDkvpt2oBGUm3w6eCPVKjDnUQ8i8w8mj5",
  );
  // {_If 3 (0 (0 (0 (2 2) 3) (0 {0 2 1} 2)) 1)}
  const iff = law("_If", 3, a0(a0(a0(a2(2), 3), a0(new Law(0, 2, 1), 2)), 1));
  assert.equal(
    hashToBase58(pinHash(iff)),
    "CGWi51frV26N7KUBbso2WzBad8W2mbix6HaejVem5YaZ",
  );
  // {_Force 1 (0 (0 (2 (0 0 1)) (0 2 1)) (2 0))}
  const force = law("_Force", 1, a0(a0(a2(a0(0, 1)), a0(2, 1)), a2(0)));
  assert.equal(
    hashToBase58(pinHash(force)),
    "A7ZtnajpFHHJ29VVzZoZ4BENtqNio1LZcG7Pdc9nMFvf",
  );
});

Deno.test("hash: pin hashes are cached and sub-pins contribute their hash", () => {
  const inner = new Pin(makeRow([1, 2]));
  const outer = new Pin(app(new Law(9, 2, 0), 2, inner));
  assert.equal(inner.hash, null);
  const h = pinHash(outer);
  assert.notEqual(inner.hash, null);
  assert.equal(pinHash(outer), h);
  assert.equal(hex(planBytes(inner)), "00" + hex(pinHash(inner)));
  assert.deepEqual(planHash(inner), blake3(Uint8Array.of(0, ...pinHash(inner))));
  assert.deepEqual(pinHash(inner), planHash(makeRow([1, 2])));
  // Hashing sees through evaluated thunks.
  const t = new Thunk(0, makeRow([1, 2]), ThunkState.Done);
  assert.deepEqual(planHash(t), pinHash(inner));
});

Deno.test("hash: S sees data-jet shapes", () => {
  const S = (v: Val) => hex(planBytes(v));
  assert.equal(S(new Law(0, 1, 0)), "06" + u64(0)); // empty row
  assert.equal(S(new Law(0, 3, 0)), "05" + NAT(2)); // cow 2
  assert.equal(
    S(app(new Law(0, 4, 0), 4, 9)),
    "02" + u64(1) + "05" + NAT(3) + "03" + NAT(9),
  );
  assert.equal(S(makeBar(Uint8Array.of(0x61, 0x62))), "04" + u64(2) + "6162");
  assert.equal(S(makeBar(new Uint8Array(0))), "04" + u64(0));
  assert.equal(S(makeBar(Uint8Array.of(0))), "04" + u64(1) + "00");
  // {1 1 2} is not a bar (bit length 2): a plain law.
  assert.equal(S(new Law(1, 1, 2)), "01" + NAT(1) + NAT(1) + "03" + NAT(2));
  const set = new Law(1, 2, makeRow([1, 2]));
  assert.equal(S(set), "07" + u64(2) + "03" + NAT(1) + "03" + NAT(2));
  assert.equal(S(new Law(1, 2, new Law(0, 1, 0))), "07" + u64(0));
  // Not ascending: a plain law whose body is a row.
  const notSet = new Law(1, 2, makeRow([2, 1]));
  assert.equal(
    S(notSet),
    "01" + NAT(1) + NAT(2) + "06" + u64(2) + "03" + NAT(2) + "03" + NAT(1),
  );
  const tab = app(set, 2, makeRow([5, 6]));
  assert.equal(
    S(tab),
    "08" + u64(2) + ["03" + NAT(1), "03" + NAT(2), "03" + NAT(5), "03" + NAT(6)].join(""),
  );
  assert.equal(
    S(app(new Law(1, 2, new Law(0, 1, 0)), 2, new Law(0, 1, 0))),
    "08" + u64(0),
  );
  // A set applied to a row of the wrong length is an ordinary closure.
  assert.equal(S(app(set, 2, makeRow([5]))), "02" + u64(1) + S(set) + S(makeRow([5])));
  // Nats: words and big nats.
  assert.equal(S(2n ** 60n), "03" + NAT(2n ** 60n));
  assert.equal(S(2n ** 64n + 5n), "03" + u64(2) + u64(5) + u64(1));
  assert.equal(
    S(new Law(2n ** 64n, 2n ** 70n, 0)),
    "01" + u64(2) + u64(0) + u64(1) + u64(2) + u64(0) + u64(64) + "03" + u64(0),
  );
  // A generic closure: head, then arguments in application order.
  assert.equal(
    S(app(1, 5, 7, 8)),
    "02" + u64(2) + "03" + NAT(1) + "03" + NAT(7) + "03" + NAT(8),
  );
});

Deno.test("hash: base58 display form", () => {
  assert.equal(hashToBase58(Uint8Array.of(0, 0, 1)), "112");
  assert.equal(hashToBase58(new Uint8Array(0)), "");
  const r = new Rng(3);
  for (let i = 0; i < 200; i++) {
    const h = r.bytes(32);
    if (i % 7 === 0) h[0] = 0;
    assert.deepEqual(hashFromBase58(hashToBase58(h)), h);
  }
  assert.throws(() => hashFromBase58("0OIl"), SyntaxError);
});

Deno.test("hash: base58 agrees with a bigint reference on any length", () => {
  const digits = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  const reference = (b: Uint8Array): string => {
    let zeros = 0;
    while (zeros < b.length && b[zeros] === 0) zeros++;
    let n = 0n;
    for (const x of b) n = n * 256n + BigInt(x);
    let s = "";
    for (; n > 0n; n /= 58n) s = digits[Number(n % 58n)] + s;
    return "1".repeat(zeros) + s;
  };
  const r = new Rng(11);
  for (let i = 0; i < 400; i++) {
    const b = r.bytes(i % 70);
    for (let z = i % 4; z > 0 && b.length > 0; z--) b[r.int(Math.min(3, b.length))] = 0;
    if (i % 9 === 0) b.fill(255);
    assert.equal(hashToBase58(b), reference(b), `bytes ${b.toHex()}`);
  }
});

Deno.test("hash: BLAKE3 agrees with @noble/hashes (one-shot and incremental)", () => {
  const r = new Rng(12);
  // Chunk and tree boundaries: 1, 2, 3, 4, 8 and 17 chunks, ± a byte.
  const sizes = [0, 1, 63, 64, 65, 1023, 1024, 1025, 2047, 2048, 2049, 3072, 3073];
  for (const c of [4, 8, 17, 64, 129]) sizes.push(c * 1024 - 1, c * 1024, c * 1024 + 1);
  for (const n of sizes) {
    const d = r.bytes(n);
    const want = hex(nobleBlake3(d));
    assert.equal(hex(blake3(d)), want, `one-shot ${n}`);
    // Fed in uneven pieces.
    const h = blake3Hasher();
    for (let off = 0, step = 1; off < n; off += step, step = (step * 7 + 3) % 1500 + 1) {
      h.update(d.subarray(off, Math.min(n, off + step)));
    }
    assert.equal(hex(h.digest()), want, `incremental ${n}`);
  }
  // The official test vector input (bytes i % 251) at 102,400 bytes.
  const big = Uint8Array.from({ length: 102400 }, (_, i) => i % 251);
  assert.equal(hex(blake3(big)), hex(nobleBlake3(big)));
  const h = blake3Hasher();
  h.digest();
  assert.throws(() => h.digest());
  assert.throws(() => h.update(new Uint8Array(1)));
});

Deno.test("hash: the single-chunk BLAKE3 agrees with @noble/hashes", () => {
  const r = new Rng(11);
  for (let n = 0; n <= 1100; n++) {
    const d = r.bytes(n);
    assert.equal(hex(blake3(d)), hex(nobleBlake3(d)));
    assert.equal(hex(blake3(d, n >> 1)), hex(nobleBlake3(d.subarray(0, n >> 1))));
  }
});

Deno.test("hash: equal values hash equally; a pin hashes its item", () => {
  const gen = new ValueGen(new Rng(5));
  for (let i = 0; i < 2000; i++) {
    const v = gen.value(5);
    assert.deepEqual(pinHash(new Pin(v)), planHash(v));
  }
});

Deno.test("hash depth: 1,000,000 nested closures, rows, laws and pins", () => {
  let v: Val = 1;
  for (let i = 0; i < 1_000_000; i++) v = app(0, 3, v);
  assert.equal(planHash(v).length, 32);
  let w: Val = 0;
  for (let i = 999_999; i >= 0; i--) {
    const k = i % 4;
    w = k === 0
      ? new Pin(w)
      : k === 1
      ? makeRow([i, w])
      : k === 2
      ? new Law(i, 2, w)
      : app(1, 5, w);
  }
  const h = pinHash(w as Pin);
  // Rebuilt independently, the same value hashes the same.
  let w2: Val = 0;
  for (let i = 999_999; i >= 0; i--) {
    const k = i % 4;
    w2 = k === 0
      ? new Pin(w2)
      : k === 1
      ? makeRow([i, w2])
      : k === 2
      ? new Law(i, 2, w2)
      : app(1, 5, w2);
  }
  assert.deepEqual(pinHash(w2 as Pin), h);
});
