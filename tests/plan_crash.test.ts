// Crashes (spec §1.6), their order, loops and budgets as errors, and
// evaluation state after an error has been caught.

import assert from "node:assert/strict";
import { force, stats, whnf } from "../runtime/plan/eval.ts";
import { readPlan, showPlan } from "../runtime/plan/text.ts";
import {
  PlanBudgetExceeded,
  PlanCrash,
  PlanError,
  PlanLoop,
} from "../runtime/plan/errors.ts";
import { apply, Clo, type Val } from "../runtime/plan/value.ts";
import { Interner, lib } from "./naive_plan.ts";

const { T, K, ADD } = lib;

/** Runs `fn`, which must crash; returns op and printed arg. */
function crashOf(fn: () => unknown): { op: Val; arg: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlanCrash) {
      const i = new Interner();
      i.real(e.arg);
      assert.equal(i.thunks, 0, "crash argument must be in normal form");
      return { op: e.op, arg: showPlan(e.arg) };
    }
    throw e;
  }
  assert.fail("expected a crash");
}
const crash = (src: string) => crashOf(() => force(readPlan(src)));

Deno.test("error classes", () => {
  const c = crash("(5 5)");
  assert.deepEqual(c, { op: 5, arg: "5" });
  assert.ok(new PlanCrash(5, 5) instanceof PlanError);
  assert.ok(new PlanLoop() instanceof PlanError);
  assert.ok(!(new PlanLoop() instanceof PlanCrash));
  assert.ok(new PlanBudgetExceeded(3) instanceof PlanError);
  assert.ok(!(new PlanBudgetExceeded(3) instanceof PlanCrash));
});

Deno.test("crash argument is normalised, including nested pins and laws", () => {
  assert.deepEqual(crash(`(7 (${T} (3 1) <(3 2)> {%g 1 (0 (3 3) 1)}))`), {
    op: 7,
    arg: `(${T} 2 <3> {%g 1 (0 4 1)})`,
  });
  // The argument of a crash reached from inside a law body.
  assert.deepEqual(crash("({%f 2 (0 (2 %oops) (0 (0 (2 0) 1) 2))} 4 5)"), {
    op: 0x73706f6f,
    arg: "(0 4 5)",
  });
});

Deno.test("crash order: closures are normalised head first, then arguments in order", () => {
  assert.deepEqual(crash(`(${T} (8 1) (9 2))`), { op: 8, arg: "1" });
  assert.deepEqual(crash(`(${T} 0 (9 2) (8 1))`), { op: 9, arg: "2" });
  assert.deepEqual(crash(`((${T} (8 1)) (9 2))`), { op: 8, arg: "1" });
  assert.deepEqual(crash("<(0 (8 1) (9 2))>"), { op: 8, arg: "1" });
  assert.deepEqual(crash("{%g 1 (0 (8 1) (9 2))}"), { op: 8, arg: "1" });
  // The crash argument itself is normalised before the outer crash happens.
  assert.deepEqual(crash(`(5 (${T} 1 (6 2)))`), { op: 6, arg: "2" });
});

Deno.test("crash order: evaluation follows the opcode rules", () => {
  assert.deepEqual(crash("(1 (8 0) 0 0 0 (9 0))"), { op: 9, arg: "0" });
  assert.deepEqual(crash("(2 (8 0) (7 0) (9 0))"), { op: 9, arg: "0" });
  assert.deepEqual(crash("(2 (8 0) (7 0) 0)"), { op: 8, arg: "0" });
  assert.deepEqual(crash("(2 (8 0) (7 0) 1)"), { op: 7, arg: "0" });
  assert.deepEqual(crash("(3 (9 0))"), { op: 9, arg: "0" });
  // Over-application: the inner saturated call runs first.
  assert.deepEqual(crash(`(${K} (8 0) (9 0) (7 0))`), { op: 8, arg: "0" });
});

Deno.test("whnf does not crash on unevaluated arguments, force does", () => {
  const v = readPlan(`(${T} 1 (9 9))`);
  const w = whnf(v);
  assert.ok(w instanceof Clo);
  assert.deepEqual(crashOf(() => force(v)), { op: 9, arg: "9" });
});

Deno.test("after a crash the same thunk crashes the same way (no stale black holes)", () => {
  const add = force(readPlan(ADD));
  const bad = readPlan("(9 1)");
  const u = apply(add, 3, 4);
  // add recurses on y = u (evaluating it), then returns x = bad, which crashes.
  const o = apply(3, apply(add, bad, u));
  assert.deepEqual(crashOf(() => whnf(o)), { op: 9, arg: "1" });
  assert.deepEqual(crashOf(() => whnf(o)), { op: 9, arg: "1" });
  assert.deepEqual(crashOf(() => force(bad)), { op: 9, arg: "1" });
  const s0 = stats.steps;
  assert.equal(whnf(u), 7);
  assert.equal(stats.steps, s0, "u was evaluated before the crash and kept its value");
  // Unrelated evaluation is fine afterwards.
  assert.equal(force(apply(add, 2, 3)), 5);
});

Deno.test("after a crash deep inside nested evaluation, inner thunks are reusable", () => {
  let inner: Val = readPlan("(9 %deep)");
  const mid: Val[] = [];
  for (let i = 0; i < 10000; i++) {
    inner = apply(3, inner);
    if (i % 1000 === 0) mid.push(inner);
  }
  for (let k = 0; k < 2; k++) {
    assert.deepEqual(crashOf(() => whnf(inner)), { op: 9, arg: "%deep" });
  }
  for (const m of mid) {
    assert.deepEqual(crashOf(() => whnf(m)), { op: 9, arg: "%deep" });
  }
});

Deno.test("after a crash while normalising a closure, it can be normalised again", () => {
  const c = whnf(readPlan(`(${T} (3 1) (9 2) (3 3))`));
  assert.ok(c instanceof Clo);
  assert.deepEqual(crashOf(() => force(c)), { op: 9, arg: "2" });
  // A second attempt must crash again, not report a loop.
  assert.deepEqual(crashOf(() => force(c)), { op: 9, arg: "2" });
  const inPin = readPlan(`<(${T} (3 1) (9 2))>`);
  assert.deepEqual(crashOf(() => force(inPin)), { op: 9, arg: "2" });
  assert.deepEqual(crashOf(() => force(inPin)), { op: 9, arg: "2" });
});

Deno.test("after exceeding the budget, the same thunks finish with more budget", () => {
  const add = force(readPlan(ADD));
  const t = apply(add, 0, 200);
  assert.throws(() => whnf(t, { budget: 50 }), PlanBudgetExceeded);
  assert.throws(() => whnf(t, { budget: 50 }), PlanBudgetExceeded);
  assert.equal(whnf(t), 200);
  // Inside a law with lets that were half evaluated.
  const f = readPlan(
    `({%f 1 (1 (0 (0 (2 ${ADD}) 1) 1) (0 (0 (2 ${T}) 2) 2))} 100)`,
  );
  assert.throws(() => force(f, { budget: 60 }), PlanBudgetExceeded);
  assert.equal(showPlan(force(f)), `(${T} 200 200)`);
  // A closure whose normalisation ran out of budget half-way.
  const c = whnf(readPlan(`(${T} (${ADD} 1000 100) (${ADD} 2000 100))`));
  assert.throws(() => force(c, { budget: 150 }), PlanBudgetExceeded);
  assert.equal(showPlan(force(c)), `(${T} 1100 2100)`);
});

Deno.test("a loop stays a loop, and other thunks are unaffected", () => {
  const lp = readPlan(`({%f 1 (1 (0 (0 (2 ${K}) 3) (2 0)) (1 (0 (2 3) 2) 2))} 5)`);
  assert.throws(() => whnf(lp, { budget: 1e6 }), PlanLoop);
  assert.throws(() => whnf(lp, { budget: 1e6 }), PlanLoop);
  const cyc = readPlan(`({%cyc 1 (1 (0 (0 (2 ${T}) 1) 2) 2)} 7)`);
  assert.throws(() => force(cyc, { budget: 1e6 }), PlanLoop);
  assert.throws(() => force(cyc, { budget: 1e6 }), PlanLoop);
  assert.ok(whnf(cyc) instanceof Clo);
  assert.equal(force(readPlan("(3 4)")), 5);
});

Deno.test("a crash carries bignat ops and big arguments", () => {
  const c = crash("(340282366920938463463374607431768211456 (3 18446744073709551615))");
  assert.equal(c.op, 340282366920938463463374607431768211456n);
  assert.equal(c.arg, "18446744073709551616");
});

Deno.test("crashes deep in non-tail recursion unwind cleanly", () => {
  const add = force(readPlan(ADD));
  // add x 20000 recurses 20000 deep before returning x, which crashes.
  const o = apply(add, readPlan("(9 %bottom)"), 20000);
  assert.deepEqual(crashOf(() => force(o)), { op: 9, arg: "%bottom" });
  assert.equal(force(apply(add, 20000, 20000)), 40000);
});
