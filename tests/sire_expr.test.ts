/**
 * Expression runes and leaves: every builtin rune (also `#`-prefixed), the
 * literal forms, name resolution, and the errors of each.
 */

import assert from "node:assert/strict";
import { assertPlan, sire, valueOf } from "./sire_util.ts";
import { SireError } from "../sire/compiler/mod.ts";
import { natFromText } from "../runtime/plan/value.ts";

const N = natFromText;

function fails(src: string, reason: RegExp | string): SireError {
  try {
    sire(src);
  } catch (e) {
    assert.ok(e instanceof SireError, `expected a SireError, got ${e}`);
    if (typeof reason === "string") assert.equal(e.reason, reason);
    else assert.match(e.reason, reason);
    return e;
  }
  assert.fail("expected a failure");
}

Deno.test("leaves: decimal words, texts of every quoting style, line strings", () => {
  const s = sire(`
= a 007
= b {hi there}
= c "hi there"
= d }_hi_
= e 123456789012345678901234567890

= f
} one
}
} three
`);
  assert.equal(valueOf(s, "a"), 7);
  assert.equal(valueOf(s, "b"), N("hi there"));
  assert.equal(valueOf(s, "c"), N("hi there"));
  assert.equal(valueOf(s, "d"), N("hi"));
  assert.equal(valueOf(s, "e"), 123456789012345678901234567890n);
  assert.equal(valueOf(s, "f"), N("one\n\nthree"));
});

Deno.test("leaves: digit-initial words and juxtaposition need a # macro", () => {
  fails("= x 0xff", "don't know how to parse this leaf");
  fails("= x f(3)", "leaf-juxtaposition, but no # macro");
  fails("= x nope", "Unresolved symbol: nope");
});

Deno.test("| and - apply left to right; one kid is itself", () => {
  const s = sire(`
= a (0 1 2)
= b (#| 0 1 2)
= c (- 3 4)
= d (#- 3)
= e 3-4
`);
  assertPlan(valueOf(s, "a"), "(0 1 2)");
  assertPlan(valueOf(s, "b"), "(0 1 2)");
  assert.equal(valueOf(s, "c"), 5);
  assert.equal(valueOf(s, "d"), 3);
  assert.equal(valueOf(s, "e"), 5);
  fails("= x (|)", "empty application");
});

Deno.test("@ binds one name; @@ binds a recursive group", () => {
  const s = sire(`
= a (@ x 3 (0 x x))
= b (#@ x 3 (#@ y 4 (0 x y)))
= c (@@ (= p (0 q))(= q 7) p)
= d (#@@ (= p 3) (0 p))
`);
  assertPlan(valueOf(s, "a"), "(0 3 3)");
  assertPlan(valueOf(s, "b"), "(0 3 4)");
  assertPlan(valueOf(s, "c"), "(0 7)");
  assertPlan(valueOf(s, "d"), "(0 3)");
  fails("= x (@ y 3)", "Three paramaters are required");
  fails("= x (@@ (= p))", "Two paramaters are required");
  fails("= x (@@ (p 3) p)", "Invalid (=) bind-seq");
});

Deno.test("^ binds _ to its last kid", () => {
  const s = sire(`
= a (^ 0 _ 5 (3 4))
= b (#^ _ 9)
`);
  assertPlan(valueOf(s, "a"), "(0 5 5)");
  assert.equal(valueOf(s, "b"), 9);
  fails("= x (^ 3)", "Needs at least two paramaters");
});

Deno.test("& anonymous lambdas, with and without tag, with one or many args", () => {
  const s = sire(`
= a (x & x)
= b (#& (x y) y)
= c (& t x 0)
= d ((x y & x) 4 5)
`);
  assertPlan(valueOf(s, "a"), "{0 1 1}");
  assertPlan(valueOf(s, "b"), "{0 2 2}");
  assertPlan(valueOf(s, "c"), "{%t 1 (2 0)}");
  assert.equal(valueOf(s, "d"), 4);
  fails("= x (& 1 2 3 4)", "Expected two or three parameters");
  fails("= x (& [a] 4)", "Expected something like: (x y z)");
});

Deno.test("? and ?? named lambdas; recursion refers to self", () => {
  const s = sire(`
= a (f x ? f)
= b (#?? (f x) x)
= c ((f x ? 2 0 (k & f k) x) 3)
= d (#? (f x) f)
`);
  assertPlan(valueOf(s, "a"), "{%f 1 0}");
  assertPlan(valueOf(s, "b"), "<{%f 1 1}>");
  assert.equal(valueOf(s, "c"), 0);
  assertPlan(valueOf(s, "d"), "{%f 1 0}");
  fails("= x (? f)", "Expected two or three parameters");
  fails("= x (? (|) 3)", "Expected at least one parameter");
  fails("= x (? ((** f g) x) 3)", "Expected something like **x");
  fails("= x (? [f x] 3)", "Expecting something like: (f x y)");
  // A zero-argument law is a crash (arity 0).
  const e = fails("= x (? f 3)", "crash while evaluating the block");
  assert.equal(e.op, 0);
});

Deno.test(". resolves any key, locals first; m.x reads another module", () => {
  const s = sire(`
#### m
= {a b} 4
= c 5

#### n <- m
= d (. m {a b})
= e m.c
= (f c) (.c)
= g (#. m c)
`);
  assert.equal(valueOf(s, "d"), 4);
  assert.equal(valueOf(s, "e"), 5);
  assertPlan(valueOf(s, "f"), "<{%f 1 1}>");
  assert.equal(valueOf(s, "g"), 5);
  fails("#### m\n\n#### n <- m\n\n= x m.q", "Unresolved symbol: m.q");
  fails("= x (. a b c)", "Needs one or two parameters");
});

Deno.test("** marks for inlining; needs exactly one kid", () => {
  const s = sire(`
= (f x) x
= a (**f 3)
= b (#** f)
`);
  assert.equal(valueOf(s, "a"), 3);
  fails("= x (** 1 2)", "This needs to have only one parameter");
});

Deno.test("unknown runes inside expressions are undefined", () => {
  fails("= x (+++ 3)", "Undefined rune: +++");
  fails("= x (3 +++ 4)", "Undefined rune: +++");
});

Deno.test("errors point at the offending rex", () => {
  const e = fails("= x\n  | 0 zork", "Unresolved symbol: zork");
  assert.equal(e.line, 2);
  assert.equal(e.col, 7);
  assert.match(
    e.message,
    /test\.sire:2:7: Unresolved symbol: zork\n\t {2}\| 0 zork\n\t {6}\^/,
  );
});
