import assert from "node:assert/strict";
import { Clo, Law, Pin, Thunk, ThunkState, type Val } from "../runtime/plan/value.ts";
import { makeBar, makeRow } from "../runtime/plan/shapes.ts";
import { compare, compareNat, equal } from "../runtime/plan/compare.ts";
import { loadSeed, saveSeed } from "../runtime/seed/mod.ts";
import { Rng, ValueGen } from "./seed_gen.ts";

/** `(head args…)` as a closure; `ar` is the head's arity. */
function app(head: number | Law | Pin, ar: number, ...args: Val[]): Clo {
  return new Clo(head, args, ar - args.length);
}

const LT = -1, EQ = 0, GT = 1;

Deno.test("compare: nat < pin < law < closure", () => {
  const xs: Val[] = [7, new Pin(0), new Law(0, 1, 0), app(0, 3, 0)];
  for (let i = 0; i < xs.length; i++) {
    for (let j = 0; j < xs.length; j++) {
      assert.equal(compare(xs[i], xs[j]), Math.sign(i - j), `${i} vs ${j}`);
    }
  }
  assert.equal(compare(2n ** 80n, new Pin(0)), LT);
});

Deno.test("compare: nats by value, across number and bigint", () => {
  assert.equal(compareNat(0, 1), LT);
  assert.equal(compareNat(2 ** 53 - 1, 2n ** 53n), LT);
  assert.equal(compareNat(2n ** 64n, 2n ** 53n), GT);
  assert.equal(compare(5, 5), EQ);
  assert.equal(compare(2n ** 70n, 2n ** 70n), EQ);
});

Deno.test("compare: laws by name, then arity, then body", () => {
  assert.equal(compare(new Law(1, 9, 9), new Law(2, 1, 0)), LT);
  assert.equal(compare(new Law(2, 1, 9), new Law(2, 3, 0)), LT);
  assert.equal(compare(new Law(2, 3, 5), new Law(2, 3, 4)), GT);
  assert.equal(compare(new Law(2, 3, app(0, 3, 1)), new Law(2, 3, app(0, 3, 1))), EQ);
});

Deno.test("compare: closures by car then cdr", () => {
  // Fewer arguments first, whatever the heads.
  assert.equal(compare(app(2, 3, 2), app(1, 5, 1, 1)), LT);
  assert.equal(compare(app(1, 5, 1, 1, 1), app(1, 5, 1, 1)), GT);
  // Same length: head, then arguments in application order.
  assert.equal(compare(app(0, 3, 9, 9), app(1, 5, 0, 0)), LT);
  assert.equal(compare(app(1, 5, 0, 9), app(1, 5, 1, 0)), LT);
  assert.equal(compare(app(1, 5, 1, 0), app(1, 5, 1, 1)), LT);
  assert.equal(compare(app(1, 5, 1, 1), app(1, 5, 1, 1)), EQ);
  // Rows compare their last element first (it is the first argument).
  assert.equal(compare(makeRow([1, 9]), makeRow([2, 0])), GT);
  assert.equal(compare(makeRow([9]), makeRow([0, 0])), LT);
  // A row is smaller than a tab of the same length (cow < set as heads).
  const set = new Law(1, 2, makeRow([5]));
  assert.equal(compare(makeRow([0]), app(set, 2, makeRow([0]))), LT);
});

Deno.test("compare: pins by item; equal hashes are equal", () => {
  const a = new Pin(makeRow([1, 2])),
    b = new Pin(makeRow([1, 2])),
    c = new Pin(makeRow([1, 3]));
  assert.equal(compare(a, b), EQ);
  assert.ok(equal(a, b));
  assert.equal(compare(a, c), compare(makeRow([1, 2]), makeRow([1, 3])));
  assert.ok(!equal(a, c));
  assert.ok(equal(a, a));
});

Deno.test("compare: bars order by length, then by bytes from the end", () => {
  const bar = (...b: number[]) => makeBar(Uint8Array.from(b));
  assert.equal(compare(bar(9, 9), bar(0, 0, 0)), LT);
  assert.equal(compare(bar(9, 1), bar(0, 2)), LT);
  assert.equal(compare(bar(1, 2), bar(1, 2)), EQ);
});

Deno.test("compare: follows evaluated thunks, rejects unevaluated ones", () => {
  const done = (x: Val) => new Thunk(0, x, ThunkState.Done);
  assert.equal(compare(done(makeRow([1])), makeRow([1])), EQ);
  assert.ok(equal(app(0, 3, done(5)), app(0, 3, 5)));
  assert.throws(() => compare(app(0, 3, new Thunk(3, 4)), app(0, 3, 1)), TypeError);
  assert.throws(() => equal(app(0, 3, new Thunk(3, 4)), app(0, 3, 1)), TypeError);
});

Deno.test("compare: a total order consistent with equality (random values)", () => {
  const gen = new ValueGen(new Rng(21));
  const xs = Array.from({ length: 400 }, () => gen.value(4));
  for (let i = 0; i < xs.length; i++) {
    const a = xs[i], b = xs[(i * 7 + 3) % xs.length], c = xs[(i * 13 + 5) % xs.length];
    const ab = compare(a, b);
    assert.equal(compare(b, a), -ab as -1 | 0 | 1);
    assert.equal(ab === 0, equal(a, b));
    // Transitivity on sampled triples.
    const bc = compare(b, c);
    if (ab === bc && ab !== 0) assert.equal(compare(a, c), ab);
    // A copy through a seed is equal and compares equal.
    const copy = loadSeed(saveSeed(a));
    assert.equal(compare(a, copy), EQ);
    assert.ok(equal(copy, a));
  }
  const sorted = [...xs].sort(compare);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(compare(sorted[i - 1], sorted[i]) <= 0);
  }
});

Deno.test("compare depth: 1,000,000 nested values", () => {
  const build = (last: number): Val => {
    let v: Val = last;
    for (let i = 0; i < 1_000_000; i++) {
      v = i % 3 === 0 ? app(0, 3, v) : i % 3 === 1 ? makeRow([v, i]) : new Law(i, 1, v);
    }
    return v;
  };
  const a = build(1), b = build(1), c = build(2);
  assert.ok(equal(a, b));
  assert.equal(compare(a, b), EQ);
  assert.ok(!equal(a, c));
  assert.equal(compare(a, c), LT);
  assert.equal(compare(c, a), GT);
  let p: Val = 0, q: Val = 0;
  for (let i = 0; i < 100_000; i++) {
    p = new Pin(makeRow([p]));
    q = new Pin(makeRow([q]));
  }
  assert.ok(equal(p, q));
});
