// Law bodies (spec §1.5), self, partial and over-application, let-rec knots,
// pins of non-laws, black holes, laziness and sharing.

import assert from "node:assert/strict";
import { force, stats, whnf } from "../runtime/plan/eval.ts";
import { readPlan, showPlan } from "../runtime/plan/text.ts";
import { PlanBudgetExceeded, PlanCrash, PlanLoop } from "../runtime/plan/errors.ts";
import {
  apply,
  arityOf,
  Clo,
  deref,
  Law,
  Pin,
  Thunk,
  type Val,
} from "../runtime/plan/value.ts";
import { law, lib } from "./naive_plan.ts";

const { T, C, K, HD, TL, ADD } = lib;
const ev = (src: string): Val => force(readPlan(src));
const sh = (src: string): string => showPlan(ev(src));

/** Steps taken by `fn`. */
function steps(fn: () => void): number {
  const s0 = stats.steps;
  fn();
  return stats.steps - s0;
}

// --- building expressions from a body --------------------------------------

Deno.test("body: nats up to the arity are argument slots, 0 is self", () => {
  assert.equal(sh("({%f 3 1} 10 11 12)"), "10");
  assert.equal(sh("({%f 3 2} 10 11 12)"), "11");
  assert.equal(sh("({%f 3 3} 10 11 12)"), "12");
  assert.equal(sh("({%f 3 0} 10 11 12)"), "{%f 3 0}");
  // Argument slots hand over the argument itself, unevaluated until needed.
  assert.equal(sh("({%f 2 2} (9 9) (3 4))"), "5");
});

Deno.test("body: (0 f y) builds an application of the built parts", () => {
  assert.equal(sh(`({%f 2 (0 2 1)} 5 (${T} %Q))`), `(${T} %Q 5)`);
  // (c 1 b): the literal 1 must be quoted because 1 ≤ maxRef.
  assert.equal(sh(`({%f 3 (0 (0 3 (2 1)) 2)} %a %b (${T} %x))`), `(${T} %x 1 %b)`);
  // Nested applications, built in full before anything is evaluated.
  assert.equal(sh(`({%f 1 (0 (0 (2 ${T}) (0 (2 3) 1)) 1)} 4)`), `(${T} 5 4)`);
});

Deno.test("body: (2 c) quotes c", () => {
  assert.equal(sh("({%f 1 (2 1)} 9)"), "1");
  assert.equal(sh("({%f 1 (2 0)} 9)"), "0");
  assert.equal(sh("({%f 1 (2 (0 1 1))} 9)"), "(0 1 1)");
  assert.equal(sh("({%f 1 (2 (2 1))} 9)"), "(2 1)");
  assert.equal(sh("({%f 1 (2 (1 1 1))} 9)"), "(1 1 1)");
  assert.equal(sh("({%f 1 (2 {%g 1 1})} 9)"), "{%g 1 1}");
  // A quoted law inside an application is a constant function.
  assert.equal(sh("({%f 1 (0 (2 {%g 1 1}) 1)} 9)"), "9");
});

Deno.test("body: nats above maxRef are literals (maxRef counts the lets)", () => {
  assert.equal(sh("({%f 2 3} 5 6)"), "3");
  assert.equal(sh("({%f 2 300} 5 6)"), "300");
  assert.equal(sh("({%f 1 (1 7 3)} 5)"), "3"); // maxRef = 2
  assert.equal(sh("({%f 1 (1 7 2)} 5)"), "7"); // slot 2 = the let
  assert.equal(sh("({%f 1 (1 7 (1 8 3))} 5)"), "8");
  assert.equal(sh("({%f 1 (1 7 (1 8 4))} 5)"), "4");
  assert.equal(sh("({%f 1 18446744073709551616} 5)"), "18446744073709551616");
});

Deno.test("body: laws, pins and other applications are literals", () => {
  assert.equal(sh("({%f 1 {%g 1 1}} 5)"), "{%g 1 1}");
  assert.equal(sh("({%f 1 <1>} 5)"), "<1>");
  assert.equal(sh("({%f 1 <(0 1 1)>} 5)"), "<(0 1 1)>");
  assert.equal(sh("({%f 1 (0 1)} 5)"), "(0 1)"); // one arg: not an app form
  assert.equal(sh("({%f 1 (1 1)} 5)"), "(1 1)");
  assert.equal(sh("({%f 1 (2 1 1)} 5)"), "(2 1 1)"); // two args: not a quote
  assert.equal(sh("({%f 1 (1 1 1 1)} 5)"), "(1 1 1 1)"); // three args: not a let
  assert.equal(sh("({%f 2 ({%g 3 0} 1 2)} 5 6)"), "({%g 3 0} 1 2)");
  // A pin of 0 at the head does not make an application form.
  assert.equal(sh("({%f 1 (<0> 1 1)} 5)"), "(<0> 1 1)");
});

Deno.test("body: a let inside an application is a literal", () => {
  assert.equal(sh(`({%f 1 (0 (2 ${T}) (1 7 1))} 5)`), `(${T} (1 7 1))`);
  assert.equal(sh(`({%f 1 (0 (0 (2 ${T}) (1 1 1)) 1)} 5)`), `(${T} (1 1 1) 5)`);
  // ...and so is a let in the final expression of a chain, when quoted.
  assert.equal(sh("({%f 1 (1 7 (2 (1 2 2)))} 5)"), "(1 2 2)");
});

Deno.test("body: a top-level let chain", () => {
  // slot 2 = (T x), slot 3 = (T slot2), result slot 3.
  assert.equal(
    sh(`({%f 1 (1 (0 (2 ${T}) 1) (1 (0 (2 ${T}) 2) 3))} 5)`),
    `(${T} (${T} 5))`,
  );
  const f = law("f", ["x", "y"], ["T", "b", "a"], [["a", [3, "x"]], ["b", [3, "a"]]], {
    T,
  });
  assert.equal(sh(`(${f} 1 2)`), `(${T} 3 2)`);
  // The body may be a bare reference to a let.
  assert.equal(sh("({%f 1 (1 (0 (2 3) 1) 2)} 5)"), "6");
});

Deno.test("body: forward references between lets", () => {
  // slot 2 = (T slot3), slot 3 = (3 x).
  assert.equal(sh(`({%f 1 (1 (0 (2 ${T}) 3) (1 (0 (2 3) 1) 2))} 5)`), `(${T} 6)`);
  const f = law("f", ["x"], "a", [["a", ["T", "b", "c"]], ["b", [3, "c"]], ["c", [
    3,
    "x",
  ]]], {
    T,
  });
  assert.equal(sh(`(${f} 0)`), `(${T} 2 1)`);
});

Deno.test("body: mutually recursive lets (data)", () => {
  // xs = (C %a ys), ys = (C %b xs): two infinite alternating lists.
  const f = law(
    "f",
    ["u"],
    ["T", ["hd", ["tl", ["tl", ["tl", "xs"]]]], ["hd", ["tl", ["tl", "xs"]]]],
    [["xs", ["C", "%a", "ys"]], ["ys", ["C", "%b", "xs"]]],
    { T, C, hd: HD, tl: TL, "%a": "%a", "%b": "%b" },
  );
  assert.equal(sh(`(${f} 0)`), `(${T} %b %a)`);
});

Deno.test("body: mutually recursive lets (functions)", () => {
  // ev = (EV od), od = (OD ev); (EV o n) = n==0 ? 1 : o (n-1), OD likewise.
  const EV = law("EV", ["o", "n"], [2, 1, "o", "n"]);
  const OD = law("OD", ["e", "n"], [2, 0, "e", "n"]);
  const isEven = law("isEven", ["n"], ["ev", "n"], [["ev", ["EV", "od"]], [
    "od",
    ["OD", "ev"],
  ]], { EV, OD });
  assert.equal(ev(`(${isEven} 10)`), 1);
  assert.equal(ev(`(${isEven} 7)`), 0);
  assert.equal(ev(`(${isEven} 0)`), 1);
});

Deno.test("body: alias bindings of arguments and earlier lets", () => {
  // slot 3 = x, slot 4 = slot 3, slot 5 = y.
  assert.equal(
    sh(`({%f 2 (1 1 (1 3 (1 2 (0 (0 (2 ${T}) 4) 5))))} %p %q)`),
    `(${T} %p %q)`,
  );
  // An alias of a computed let shares it.
  const f = law("f", ["x"], ["T", "a", "b"], [["a", [3, "x"]], ["b", "a"]], { T });
  assert.equal(sh(`(${f} 4)`), `(${T} 5 5)`);
  // An alias of self.
  assert.equal(sh("({%f 1 (1 0 2)} 4)"), "{%f 1 (1 0 2)}");
});

Deno.test("self is the pin for a pinned law and the law otherwise", () => {
  const l = whnf(readPlan("{%f 1 0}"));
  assert.ok(l instanceof Law);
  assert.equal(force(apply(l, 3)), l);
  const p = whnf(readPlan("<{%f 1 0}>"));
  assert.ok(p instanceof Pin);
  assert.equal(force(apply(p, 3)), p);
  assert.equal(sh("(<{%f 1 0}> 3)"), "<{%f 1 0}>");
  // Self inside a let and inside an application.
  assert.equal(
    sh(`({%f 1 (1 (0 (2 ${T}) 0) 2)} 5)`),
    `(${T} {%f 1 (1 (0 (2 ${T}) 0) 2)})`,
  );
  assert.equal(
    sh(`(<{%f 1 (0 (2 ${T}) 0)}> 5)`),
    `(${T} <{%f 1 (0 (2 ${T}) 0)}>)`,
  );
  // Recursion through self: counts down to a constant.
  assert.equal(sh("({%cd 1 (0 (0 (0 (2 2) (2 %done)) 0) 1)} 10)"), "%done");
  assert.equal(sh("(<{%cd 1 (0 (0 (0 (2 2) (2 %done)) 0) 1)}> 10)"), "%done");
});

Deno.test("self through pins of non-laws is the law (or pin of law) underneath", () => {
  assert.equal(sh("(<({%f 2 0} 7)> 8)"), "{%f 2 0}");
  assert.equal(sh("(<<{%f 2 0}>> 1 2)"), "<{%f 2 0}>");
  assert.equal(sh("(<(<{%f 2 0}> 7)> 8)"), "<{%f 2 0}>");
  assert.equal(sh("(<<(<{%f 2 0}> 7)>> 8)"), "<{%f 2 0}>");
});

// --- application -----------------------------------------------------------

Deno.test("partial application is a closure with the remaining arity", () => {
  const v = ev("({%f 3 1} 1 2)");
  assert.ok(v instanceof Clo);
  assert.equal(arityOf(v), 1);
  assert.equal(showPlan(v), "({%f 3 1} 1 2)");
  assert.equal(sh("(({%f 3 3} 1) 2 3)"), "3");
  assert.equal(sh("((({%f 3 2} 1) 2) 3)"), "2");
  // A partial application shared by two calls.
  const part = readPlan("({%f 3 (0 (0 (2 {%T 9 0}) 2) 3)} 1)");
  assert.equal(showPlan(force(apply(part, 5, 6))), `(${T} 5 6)`);
  assert.equal(showPlan(force(apply(part, 7, 8))), `(${T} 7 8)`);
});

Deno.test("over-application continues with the result", () => {
  assert.equal(sh(`(${K} ${K} 1 2)`), `(${K} 2)`);
  assert.equal(sh("({%f 1 (2 {%g 2 2})} 0 5 6)"), "6");
  assert.equal(sh("({%f 2 (0 (2 {%g 3 3}) 1)} 1 2 3 4)"), "4");
  assert.equal(sh(`(2 ${K} 0 0 5 6)`), "5");
  assert.equal(sh(`(${K} 3 0 1)`), "2"); // (K 3 0) is 3, and (3 1) is 2
});

// --- let-rec knots -----------------------------------------------------------

Deno.test("knot: an infinite cyclic list whose head is taken lazily", () => {
  const ones = law("ones", ["x"], ["hd", ["tl", ["tl", ["tl", "xs"]]]], [[
    "xs",
    ["C", "x", "xs"],
  ]], { C, hd: HD, tl: TL });
  assert.equal(sh(`(${ones} %one)`), "%one");
  // The list itself is in WHNF (a closure) but has no normal form.
  const cyc = readPlan(`({%cyc 1 (1 (0 (0 (2 ${C}) 1) 2) 2)} 7)`);
  const w = whnf(cyc);
  assert.ok(w instanceof Clo);
  assert.equal(deref(w.args[1]), w, "the tail is the list itself");
  assert.throws(() => force(cyc, { budget: 1e6 }), PlanLoop);
});

Deno.test("knot: a recursive local function", () => {
  // go = (G go); (G self n) counts n down and returns %end.
  const G = law("G", ["self", "n"], [2, "%end", "self", "n"], [], { "%end": "%end" });
  const f = law("f", ["n"], ["go", "n"], [["go", ["G", "go"]]], { G });
  assert.equal(sh(`(${f} 1000)`), "%end");
});

// --- pins --------------------------------------------------------------------

Deno.test("pins of non-laws run their item", () => {
  assert.equal(sh(`(<(${K} 3)> %y)`), "3");
  assert.equal(sh(`(<<(${K} 3)>> %y)`), "3");
  assert.equal(sh("(<3> 4)"), "5");
  assert.equal(sh("(<0> %f 1 0)"), "{%f 1 0}");
  assert.equal(sh("(<(0 %f)> 1 0)"), "{%f 1 0}");
  assert.equal(sh(`(<(<${K}> 3)> 4)`), "3");
  // Arguments inside the pinned closure come first.
  assert.equal(
    sh(`(<({%f 3 (0 (0 (0 (2 ${T}) 1) 2) 3)} 1)> 2 3)`),
    `(${T} 1 2 3)`,
  );
  assert.equal(sh(`(<(<({%f 3 (0 (0 (0 (2 ${T}) 1) 2) 3)} 1)> 2)> 3)`), `(${T} 1 2 3)`);
  assert.throws(() => ev("(<<9>> 1)"), (e) => e instanceof PlanCrash && e.op === 9);
  assert.equal(arityOf(ev(`<(${K} 3)>`)), 1);
  assert.equal(arityOf(ev(`<(<(${T} 1)> 2)>`)), 7);
});

// --- black holes -------------------------------------------------------------

Deno.test("black hole: a let whose value needs itself is a PlanLoop", () => {
  const cases = [
    "({%f 1 (1 (0 (2 3) 2) 2)} 5)", // a = (3 a)
    "({%f 1 (1 2 2)} 5)", // a = a
    `({%f 1 (1 (0 (0 (2 ${K}) 3) (2 0)) (1 (0 (0 (2 ${K}) 2) (2 0)) 2))} 5)`, // a = K b 0, b = K a 0
    "({%f 1 (1 3 (1 2 2))} 5)", // a = b, b = a
    "({%f 1 (1 (0 (0 (0 (2 2) (2 0)) (2 0)) 2) 2)} 5)", // a = (2 0 0 a)
    "({%f 1 (1 (0 (0 (0 (0 (0 (2 1) 2) 2) 2) 2) 2) 2)} 5)", // a = (1 a a a a a)
  ];
  for (const src of cases) {
    assert.throws(() => force(readPlan(src), { budget: 1e6 }), PlanLoop, src);
  }
});

Deno.test("black hole: unused loops and crashes are harmless", () => {
  assert.equal(sh("({%f 1 (1 (0 (2 3) 2) 1)} 5)"), "5");
  assert.equal(sh("({%f 1 (1 2 1)} 5)"), "5");
  assert.equal(sh("({%f 1 (1 (0 (2 9) 1) 1)} 5)"), "5");
});

Deno.test("divergence without a black hole exceeds the budget", () => {
  const w = "{%w 1 (0 1 1)}";
  assert.throws(
    () => force(readPlan(`(${w} ${w})`), { budget: 10000 }),
    PlanBudgetExceeded,
  );
  assert.throws(
    () => force(readPlan(`(<${w}> <${w}>)`), { budget: 10000 }),
    (e) => e instanceof PlanBudgetExceeded && e.budget === 10000,
  );
});

// --- laziness ----------------------------------------------------------------

Deno.test("laziness: unused arguments are not evaluated", () => {
  assert.equal(sh(`(${K} 7 (9 9))`), "7");
  assert.equal(sh("({%f 2 1} 7 (9 9))"), "7");
  assert.equal(sh(`(${K} 7 ({%w 1 (0 1 1)} {%w 1 (0 1 1)}))`), "7");
  // whnf stops at the closure; force reaches the crash.
  const v = readPlan(`(${K} (9 9))`);
  assert.ok(whnf(v) instanceof Clo);
  assert.throws(() => force(v), PlanCrash);
});

// --- sharing and in-place update -------------------------------------------

Deno.test("in-place update: an evaluated thunk is not evaluated again", () => {
  const add = force(readPlan(ADD));
  const t = apply(add, 0, 300);
  const s = steps(() => assert.equal(whnf(t), 300));
  assert.ok(s >= 300, `adding 300 took ${s} steps`);
  assert.ok(t instanceof Thunk);
  assert.equal(deref(t), 300);
  assert.equal(steps(() => assert.equal(whnf(t), 300)), 0);
  assert.equal(steps(() => assert.equal(force(t), 300)), 0);
});

Deno.test("sharing: a thunk used twice is evaluated once", () => {
  const add = force(readPlan(ADD));
  const tag = force(readPlan(T));
  const one = steps(() => force(apply(add, 0, 300)));
  // The same thunk object as both arguments.
  const x = apply(add, 0, 300);
  const shared = steps(() => force(apply(tag, x, x)));
  // Two separate thunks.
  const twice = steps(() => force(apply(tag, apply(add, 0, 300), apply(add, 0, 300))));
  assert.ok(shared < one * 1.5, `shared: ${shared} steps, one: ${one}`);
  assert.ok(twice > one * 1.5, `separate: ${twice} steps, one: ${one}`);
});

Deno.test("sharing: a let used twice and an argument used twice", () => {
  const consts = { T, add: ADD };
  const dup = force(
    readPlan(law("dup", ["n"], ["T", "a", "a"], [["a", ["add", 0, "n"]]], consts)),
  );
  const nodup = force(
    readPlan(law("nodup", ["n"], ["T", ["add", 0, "n"], ["add", 0, "n"]], [], consts)),
  );
  const twice = force(readPlan(law("twice", ["a"], ["T", "a", "a"], [], consts)));
  const add = force(readPlan(ADD));
  const one = steps(() => force(apply(add, 0, 300)));
  const a = steps(() => force(apply(dup, 300)));
  const b = steps(() => force(apply(nodup, 300)));
  const c = steps(() => force(apply(twice, apply(add, 0, 300))));
  assert.ok(a < one * 1.5, `let: ${a} vs ${one}`);
  assert.ok(b > one * 1.5, `unshared: ${b} vs ${one}`);
  assert.ok(c < one * 1.5, `argument: ${c} vs ${one}`);
  assert.equal(showPlan(force(apply(dup, 3))), `(${T} 3 3)`);
});
