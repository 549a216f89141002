import assert from "node:assert/strict";
import { Clo, Law, Pin, type Val } from "../runtime/plan/value.ts";
import { makeRow } from "../runtime/plan/shapes.ts";
import { equal } from "../runtime/plan/compare.ts";
import { loadGerm, loadSeed, saveGerm, saveSeed } from "../runtime/seed/mod.ts";

const DEPTH = 1_000_000;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function roundTrip(v: Val): Val {
  const bytes = saveSeed(v);
  const back = loadSeed(bytes);
  assert.ok(equal(back, v));
  assert.ok(sameBytes(saveSeed(back), bytes));
  return back;
}

Deno.test("seed depth: 1,000,000 nested arguments (0 (0 (0 …)))", () => {
  let v: Val = 5;
  for (let i = 0; i < DEPTH; i++) v = new Clo(0, [v], 2);
  roundTrip(v);
});

Deno.test("seed depth: a 1,000,000-element row (a 1,000,000-long spine)", () => {
  const items: Val[] = [];
  for (let i = 0; i < DEPTH; i++) items.push(i % 1000);
  const back = roundTrip(makeRow(items)) as Clo;
  assert.equal(back.args.length, DEPTH);
});

Deno.test("seed depth: 1,000,000 nested rows, laws and pins", () => {
  let v: Val = 0;
  for (let i = DEPTH - 1; i >= 0; i--) {
    const k = i % 3;
    v = k === 2 ? makeRow([v, i]) : k === 1 ? new Law(i, 1 + (i & 3), v) : new Pin(v);
  }
  roundTrip(v);
  // The germ of the outermost pin has the next pin down as its only hole.
  const g = saveGerm(v as Pin);
  assert.equal(g.refs.length, 1);
  assert.ok(equal(loadGerm(g.refs, g.bytes), v));
});
