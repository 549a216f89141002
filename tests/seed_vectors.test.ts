import assert from "node:assert/strict";
import { Clo, Law, natFromText, Pin } from "../runtime/plan/value.ts";
import { makeRow } from "../runtime/plan/shapes.ts";
import { equal } from "../runtime/plan/compare.ts";
import {
  decodeSeed,
  encodeSeed,
  loadGerm,
  loadPod,
  loadSeed,
  saveGerm,
  savePod,
  saveSeed,
  SeedError,
} from "../runtime/seed/mod.ts";

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function unhex(s: string): Uint8Array {
  s = s.replace(/\s+/g, "");
  return Uint8Array.from(
    { length: s.length / 2 },
    (_, i) => parseInt(s.substr(2 * i, 2), 16),
  );
}

const u64 = (n: number) => hex(new Uint8Array(new BigUint64Array([BigInt(n)]).buffer));

// The combinators used by upstream's seed smoke tests.
const S = new Pin(
  new Law(
    natFromText("S"),
    3,
    new Clo(0, [new Clo(0, [1, 3], 1), new Clo(0, [2, 3], 1)], 1),
  ),
);
const K = new Pin(new Law(natFromText("K"), 2, 1));
const I = new Pin(new Clo(S, [K, K], 1));

Deno.test("seed: row [3 4] is the 48-byte worked example", () => {
  const want = [0, 0, 0, 3, 1].map(u64).join("") + "040300" + "4f8a10" + "0000";
  const got = saveSeed(makeRow([3, 4]));
  assert.equal(got.length, 48);
  assert.equal(hex(got), want);
  assert.ok(equal(loadSeed(got), makeRow([3, 4])));
});

Deno.test("seed: lone nat 5", () => {
  const want = [0, 0, 0, 1, 0].map(u64).join("") + "05" + "00".repeat(7);
  assert.equal(hex(saveSeed(5)), want);
  assert.equal(loadSeed(unhex(want)), 5);
});

Deno.test("seed: shared tree ((0 1) (0 1)) has two fragments", () => {
  // ((0 1) (0 1)) is the closure (0 1 (0 1)): its head cell (0 1) is shared.
  const z1 = new Clo(0, [1], 2);
  const v = new Clo(0, [1, z1], 1);
  const got = saveSeed(v);
  assert.equal(
    hex(got),
    [0, 0, 0, 2, 2].map(u64).join("") + "0100" + "4202" + "00".repeat(4),
  );
  assert.ok(equal(loadSeed(got), v));
});

Deno.test("seed: upstream iSeed / iGerm vectors for I = <(S K K)>", () => {
  const iSeed = "0000000000000000 0000000000000000 0000000000000000 0700000000000000" +
    "0200000000000000 534b040302010074 16543a9dc1e6596d 4673070000000000";
  assert.equal(hex(saveSeed(I)), iSeed.replace(/ /g, ""));
  assert.ok(equal(loadSeed(unhex(iSeed)), I));

  const iGerm = "0200000000000000 0000000000000000 0000000000000000 0000000000000000" +
    "0100000000000000 5100000000000000";
  const g = saveGerm(I);
  assert.deepEqual(g.refs, [S, K]);
  assert.equal(hex(g.bytes), iGerm.replace(/ /g, ""));
  assert.ok(equal(loadGerm([S, K], unhex(iGerm)), I));
});

Deno.test("seed: germ of a pin of a pin is a single hole", () => {
  const inner = new Pin(new Law(1, 1, 7));
  const outer = new Pin(inner);
  const g = saveGerm(outer);
  assert.deepEqual(g.refs, [inner]);
  assert.equal(hex(g.bytes), [1, 0, 0, 0, 0].map(u64).join(""));
  assert.equal(loadGerm(g.refs, g.bytes).item, inner);
});

Deno.test("seed: germ holes must match the header", () => {
  const g = saveGerm(I);
  assert.throws(() => loadGerm([S], g.bytes), SeedError);
  assert.throws(() => decodeSeed(g.bytes, []), SeedError);
});

Deno.test("seed: germ refs follow rows in index order", () => {
  const a = new Pin(1), b = new Pin(2), c = new Pin(3);
  // Row [a b c] is ({0 4 0} c b a): PLAN order would be c b a.
  const p = new Pin(makeRow([a, b, new Clo(new Law(5, 3, 0), [c, a], 1)]));
  assert.deepEqual(saveGerm(p).refs, [a, b, c]);
  // A generic closure: head, then arguments in application order.
  const q = new Pin(new Clo(new Law(5, 4, 0), [c, b, a], 1));
  assert.deepEqual(saveGerm(q).refs, [c, b, a]);
});

Deno.test("seed: equal pins (by hash) share one hole", () => {
  const p1 = new Pin(makeRow([9, 9])), p2 = new Pin(makeRow([9, 9]));
  const top = new Pin(makeRow([p1, p2]));
  const g = saveGerm(top);
  assert.equal(g.refs.length, 1);
  assert.ok(equal(loadGerm(g.refs, g.bytes), top));
});

Deno.test("seed: pod round trip and integrity check", () => {
  const mid = new Pin(makeRow([I, S, 42]));
  const top = new Pin(new Clo(new Law(3, 2, 1), [mid], 1));
  const pod = savePod(top);
  assert.equal(new TextDecoder().decode(pod.subarray(0, 8)), "SEEDPOD:");
  assert.equal(pod.length % 8, 0);
  const back = loadPod(pod);
  assert.ok(equal(back, top));
  assert.deepEqual(back.hash, top.hash);
  assert.deepEqual(savePod(back), pod);
  // The pins of another pod under this pod's top hash fail the check. A row
  // [topHash pins] is the closure (cow pins topHash).
  const mine = loadSeed(pod.subarray(8)) as Clo;
  const theirs = loadSeed(savePod(new Pin(5)).subarray(8)) as Clo;
  const swapped = saveSeed(makeRow([mine.args[1], theirs.args[0]]));
  const bad = new Uint8Array(8 + swapped.length);
  bad.set(pod.subarray(0, 8));
  bad.set(swapped, 8);
  assert.throws(() => loadPod(bad), SeedError);
  assert.throws(() => loadPod(new Uint8Array(16)), SeedError);
});

Deno.test("seed: saturated trees and bad laws are rejected", () => {
  // (3 5): a saturated increment.
  const inc = encodeSeed(new Clo(3 as 0, [5], 1), []);
  assert.throws(() => loadSeed(inc), SeedError);
  // (0 1 0 7): a law of arity 0.
  const law0 = encodeSeed(new Clo(0, [1, 0, 7], 1), []);
  assert.throws(() => loadSeed(law0), SeedError);
  // (0 (0 1) 2 3): a law whose name is not a nat.
  const badName = encodeSeed(new Clo(0, [new Clo(0, [1], 2), 2, 3], 1), []);
  assert.throws(() => loadSeed(badName), SeedError);
  // ({f 1 0} 5): a saturated law.
  const sat = encodeSeed(new Clo(new Law(7, 1, 0), [5], 1), []);
  assert.throws(() => loadSeed(sat), SeedError);
  // Over-applied law and pin constructors are fine: (0 7 2 0 9) = ({7 2 0} 9).
  const over = loadSeed(encodeSeed(new Clo(0, [7, 2, 0, 9], 1), []));
  assert.ok(equal(over, new Clo(new Law(7, 2, 0), [9], 1)));
  const pinApp = loadSeed(encodeSeed(new Clo(4, [new Law(7, 2, 0), 9], 1), []));
  assert.ok(equal(pinApp, new Clo(new Pin(new Law(7, 2, 0)), [9], 1)));
});

Deno.test("seed: load builds closures with the right remaining arity", () => {
  const law = new Law(1, 5, 0);
  const v = loadSeed(saveSeed(new Clo(law, [1, 2], 3))) as Clo;
  assert.equal(v.ar, 3);
  assert.equal(v.nf, true);
  const row = loadSeed(saveSeed(makeRow([1, 2, 3]))) as Clo;
  assert.equal(row.ar, 1);
  assert.deepEqual(row.args, [3, 2, 1]);
  const big = loadSeed(saveSeed(new Clo(new Law(1, 2n ** 80n, 0), [1], Infinity))) as Clo;
  assert.equal(big.ar, Infinity);
  const op1 = loadSeed(saveSeed(new Clo(1, [0, 0], 3))) as Clo;
  assert.equal(op1.ar, 3);
});
