// Depth: a million-deep non-tail recursion, a million-long application
// spine, million-deep pins, laws and closures must evaluate, normalise,
// print and read back without overflowing the JS stack.

import assert from "node:assert/strict";
import { force, whnf } from "../runtime/plan/eval.ts";
import { readPlan, showPlan } from "../runtime/plan/text.ts";
import { apply, arityOf, Clo, Law, Pin, Thunk, type Val } from "../runtime/plan/value.ts";
import { law, lib, planEq } from "./naive_plan.ts";

const N = 1_000_000;
const { ADD, KI } = lib;

/** Prints `v`, reads the text back, normalises it and checks it is `v` again. */
function roundTrip(v: Val): string {
  const text = showPlan(v);
  const back = force(readPlan(text));
  assert.ok(planEq(v, back), "printed value reads back as itself");
  return text;
}

Deno.test("depth: addition recursing 1,000,000 deep (not a tail call)", () => {
  const add = force(readPlan(ADD));
  assert.equal(force(apply(add, 0, N)), N);
  assert.equal(force(readPlan(`(${ADD} 7 ${N})`)), N + 7);
});

Deno.test("depth: a 1,000,000-deep chain of increments read from text", () => {
  const text = "(3 ".repeat(N) + "0" + ")".repeat(N);
  assert.equal(force(readPlan(text)), N);
});

Deno.test("depth: a law building a 1,000,000-deep nested closure", () => {
  // (nest n) = (0 (0 (… (0 0)))) with n nestings, built lazily by recursion.
  const nestS = law("nestS", ["f", "k"], [0, ["f", "k"]]);
  const nest = law("nest", ["n"], [2, 0, ["nestS", "nest"], "n"], [], { nestS });
  const v = force(readPlan(`(${nest} ${N})`));
  let d = 0;
  for (let x: Val = v; x instanceof Clo; x = x.args[0]) d++;
  assert.equal(d, N);
  const text = roundTrip(v);
  assert.equal(text.length, 3 * N + 1 + N);
});

Deno.test("depth: a law of arity 1,000,001 applied to 1,000,000 arguments", () => {
  const cow = new Law(0, N + 1, 0);
  let v: Val = cow;
  for (let i = 0; i < N; i++) v = new Thunk(v, i);
  const c = force(v);
  assert.ok(c instanceof Clo);
  assert.equal(c.args.length, N);
  assert.equal(c.args[N - 1], N - 1);
  assert.equal(arityOf(c), 1);
  const text = roundTrip(c);
  assert.ok(text.startsWith(`({0 ${N + 1} 0} 0 1 2 3 `));
  // One more argument saturates it: the law returns itself.
  assert.equal(force(apply(c, 7)), cow);
  // Opcode 1 splits off the last argument of the long closure.
  assert.equal(force(readPlan(`(1 0 0 ${KI} 0 ${text})`)), N - 1);
});

Deno.test("depth: a law of arity 1,000,000 that runs and uses its last argument", () => {
  const f = new Law(0x66, N, N);
  let v: Val = f;
  for (let i = 1; i <= N; i++) v = new Thunk(v, i === N ? apply(3, i) : i);
  assert.equal(force(v), N + 1);
});

Deno.test("depth: a 1,000,000-deep nested pin", () => {
  let v: Val = 0;
  for (let i = 0; i < N; i++) v = new Thunk(4, v);
  const p = force(v);
  assert.ok(p instanceof Pin);
  assert.equal(arityOf(p), 3);
  const text = roundTrip(p);
  assert.equal(text, "<".repeat(N) + "0" + ">".repeat(N));
  // A deep pin of a partial application still runs its item.
  let q: Val = readPlan(`(${lib.K} %top)`);
  for (let i = 0; i < N; i++) q = new Thunk(4, q);
  assert.equal(showPlan(force(apply(q, 9))), "%top");
});

Deno.test("depth: a 1,000,000-deep nested law", () => {
  // {%n 1 {%n 1 … 0}}: each law's body is the next law (a literal).
  let v: Val = 0;
  for (let i = 0; i < N; i++) v = apply(0, 0x6e, 1, v);
  const l = force(v);
  assert.ok(l instanceof Law);
  const text = roundTrip(l);
  assert.ok(text.startsWith("{%n 1 {%n 1 "));
  // Applying the outer law returns the inner one.
  const inner = force(apply(l, 5));
  assert.ok(inner instanceof Law);
  assert.equal(inner, l.body);
});

Deno.test("depth: reading and printing a 1,000,000-deep application in argument position", () => {
  const text = "(0 ".repeat(N) + "0" + ")".repeat(N);
  const v = force(readPlan(text));
  assert.equal(showPlan(v), text);
  assert.ok(whnf(readPlan(text)) instanceof Clo);
});

Deno.test("depth: a law with 20,000 chained lets", () => {
  // slot a+1+j = (3 slot a+2+j), the last one = x; the result is x + 20000.
  const M = 20_000;
  const lets: [string, unknown][] = [];
  for (let j = 0; j < M; j++) lets.push([`l${j}`, j + 1 < M ? [3, `l${j + 1}`] : "x"]);
  const f = law("f", ["x"], "l0", lets as [string, never][]);
  assert.equal(force(readPlan(`(${f} 5)`)), 5 + M - 1);
});
