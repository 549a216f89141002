/**
 * Bit-exact code generation: compiled laws compared with PLAN values derived
 * by hand from the rules (variables, quoting, lets, let-rec, lifting,
 * folding, inlining, pinning).
 */

import assert from "node:assert/strict";
import { assertPlan, sire, valueOf } from "./sire_util.ts";
import { Clo, Law, natFromText, Pin } from "../runtime/plan/value.ts";
import { makePin } from "../runtime/plan/eval.ts";

Deno.test("codegen: variables, self and the quoting of small constants", () => {
  const s = sire(`
= a (g p q ? g 2 1)
= b (g p q ? q 5)
= c (f x ? 1)
= d (f x ? 2)
= e (f x ? f)
= g (f x y ? y x)
`);
  // 2 and 1 are <= maxRef 2, so they must be quoted; 5 is not.
  assertPlan(valueOf(s, "a"), "{%g 2 (0 (0 0 (2 2)) (2 1))}");
  assertPlan(valueOf(s, "b"), "{%g 2 (0 2 5)}");
  assertPlan(valueOf(s, "c"), "{%f 1 (2 1)}");
  assertPlan(valueOf(s, "d"), "{%f 1 2}");
  assertPlan(valueOf(s, "e"), "{%f 1 0}");
  assertPlan(valueOf(s, "g"), "{%f 2 (0 2 1)}");
});

Deno.test("codegen: code-shaped constants are quoted, others left raw", () => {
  const s = sire(`
= a (f x ? (0 1 2))
= b (f x ? (2 7))
= c (f x ? (1 7 8))
= d (f x ? (1 7 8 9))
= e (f x ? (0 9))
`);
  assertPlan(valueOf(s, "a"), "{%f 1 (2 (0 1 2))}");
  assertPlan(valueOf(s, "b"), "{%f 1 (2 (2 7))}");
  assertPlan(valueOf(s, "c"), "{%f 1 (2 (1 7 8))}");
  assertPlan(valueOf(s, "d"), "{%f 1 (1 7 8 9)}");
  assertPlan(valueOf(s, "e"), "{%f 1 (0 9)}");
});

Deno.test("codegen: function definitions are pinned, lambdas are not (?? is)", () => {
  const s = sire(`
= (f x) x
= g (h x ? x)
= k (h x ?? x)
= m (x y & x)
`);
  const f = valueOf(s, "f");
  assert.ok(f instanceof Pin);
  assertPlan(f, "<{%f 1 1}>");
  assert.ok(valueOf(s, "g") instanceof Law);
  assertPlan(valueOf(s, "k"), "<{%h 1 1}>");
  assertPlan(valueOf(s, "m"), "{0 2 1}");
});

Deno.test("codegen: lets used twice are kept, used once are substituted", () => {
  const s = sire(`
= (twice x) (@ y (x x) (y y))
= (once x) (@ y (x x) (y 3))
= (konst x) (@ y 5 (x y y))
= (alias x) (@ y x (y y))
`);
  assertPlan(valueOf(s, "twice"), "<{%twice 1 (1 (0 1 1) (0 2 2))}>");
  assertPlan(valueOf(s, "once"), "<{%once 1 (0 (0 1 1) 3)}>");
  assertPlan(valueOf(s, "konst"), "<{%konst 1 (0 (0 1 5) 5)}>");
  assertPlan(valueOf(s, "alias"), "<{%alias 1 (0 1 1)}>");
});

Deno.test("codegen: let-rec keeps multiply-referenced bindings in dependency order", () => {
  const s = sire(`
= (f x) (@@ (= a (x b))(= b (x a)) a)
= (g x) (@@ (= a (x b))(= b (x a)) (a b))
`);
  // f: a is referenced twice (body and b's definition), b once (inlined).
  assertPlan(valueOf(s, "f"), "<{%f 1 (1 (0 1 (0 1 2)) 2)}>");
  // g: both referenced twice; b is first counted while walking a's definition.
  assertPlan(valueOf(s, "g"), "<{%g 1 (1 (0 1 3) (1 (0 1 2) (0 2 3)))}>");
});

Deno.test("codegen: lambda lifting turns free variables into leading parameters", () => {
  const s = sire(`
= lifted (a & (b c & a))
= folded (_ & (p q r & q) 5 6)
= (adder x) (y & x)
`);
  assertPlan(valueOf(s, "lifted"), "{0 1 (0 {0 3 1} 1)}");
  // Partial applications of known values are computed at compile time.
  assertPlan(valueOf(s, "folded"), "{0 1 ({0 3 2} 5 6)}");
  assertPlan(valueOf(s, "adder"), "<{%adder 1 (0 {0 2 1} 1)}>");
});

Deno.test("codegen: a lifted recursive lambda binds its old self to the closure", () => {
  const s = sire(`= (outer x) (go n ? go x)`);
  // Inner law: params (x n), self slot 0; old self = (0 1) kept? used once:
  // body `go x` = ((self x) x) with go replaced by its closure (0 1).
  assertPlan(valueOf(s, "outer"), "<{%outer 1 (0 {%go 2 (0 (0 0 1) 1)} 1)}>");
});

Deno.test("codegen: ** inlines saturated calls; recursive functions never inline", () => {
  const s = sire(`
= (**inc2 x) (3 (3 x))
= (plain x) (3 (3 x))
= (g y) (inc2 y)
= (h y) (**plain y)
= (k y) (plain y)
= (**loop x) (loop x)
= (m y) (loop y)
= part (inc2 4)
`);
  assertPlan(valueOf(s, "g"), "<{%g 1 (0 3 (0 3 1))}>");
  assertPlan(valueOf(s, "h"), "<{%h 1 (0 3 (0 3 1))}>");
  const plain = valueOf(s, "plain");
  assertPlan(valueOf(s, "k"), makeCall("k", plain));
  const loop = valueOf(s, "loop");
  assertPlan(valueOf(s, "m"), makeCall("m", loop));
  assertPlan(valueOf(s, "part"), "6");
});

/** `<{name 1 (0 f 1)}>`: a one-argument pinned law calling the pin `f`. */
function makeCall(name: string, f: unknown) {
  return makePin(new Law(natFromText(name), 1, new Clo(0, [f as Pin, 1], 1)));
}

Deno.test("codegen: explicit tags name laws; & laws are named 0", () => {
  const s = sire(`
= a (? tagged (f x) x)
= b (& nm (x y) y)
= c (?? (**f x) x)
`);
  assertPlan(valueOf(s, "a"), "{%tagged 1 1}");
  assertPlan(valueOf(s, "b"), "{%nm 2 2}");
  assertPlan(valueOf(s, "c"), "<{%f 1 1}>");
});
