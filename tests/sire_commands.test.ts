/**
 * Top-level commands: every form of `=`, `*`, `^-^`, `=?=`, `:|`, `####`,
 * expression commands, their `#` spellings, chaining, and their failures.
 */

import assert from "node:assert/strict";
import { assertPlan, sire, valueOf } from "./sire_util.ts";
import {
  bindingOf,
  lookupBinding,
  runText,
  type Session,
  SireError,
  type SireEvent,
  stateParts,
  tabView,
} from "../sire/compiler/mod.ts";
import { natFromText, type Val } from "../runtime/plan/value.ts";
import { whnf } from "../runtime/plan/eval.ts";

const N = natFromText;

function fails(src: string, reason: RegExp | string, kind?: string): SireError {
  try {
    sire(src);
  } catch (e) {
    assert.ok(e instanceof SireError, `expected a SireError, got ${e}`);
    if (typeof reason === "string") assert.equal(e.reason, reason);
    else assert.match(e.reason, reason);
    if (kind) assert.equal(e.kind, kind);
    return e;
  }
  assert.fail("expected a failure");
}

function keyOf(s: Session, name: string): Val {
  return bindingOf(lookupBinding(s.state, N(name))!).key;
}

Deno.test("= binds values and functions; keys come from nextKey", () => {
  const s = sire(`
= x 5
= (f a) a

#= y x
`);
  assert.equal(valueOf(s, "x"), 5);
  assert.equal(valueOf(s, "y"), 5);
  assert.equal(keyOf(s, "x"), 1);
  assert.equal(keyOf(s, "f"), 2);
  assert.equal(keyOf(s, "y"), 3);
  assert.equal(whnf(stateParts(s.state).nextKey), 4);
});

Deno.test("= with an explicit key does not advance nextKey", () => {
  const s = sire(`
= 77 x 5
= z 6
`);
  assert.equal(keyOf(s, "x"), 77);
  assert.equal(keyOf(s, "z"), 1);
});

Deno.test("= with key and props stores the evaluated props", () => {
  const s = sire(`
= p 3
= 0 (0 p 4) q 9
`);
  const b = bindingOf(lookupBinding(s.state, N("q"))!);
  assert.equal(b.key, 2);
  assertPlan(b.props, "(0 3 4)");
  assert.equal(bindingOf(lookupBinding(s.state, N("p"))!).props, 0);
});

Deno.test("= chains through a heir with the same rune; redefinition replaces", () => {
  const s = sire(`
= a 1
= b 2
= a 3
`);
  assert.equal(valueOf(s, "a"), 3);
  assert.equal(valueOf(s, "b"), 2);
  assert.equal(keyOf(s, "a"), 3);
});

Deno.test("= text binders and (**f x) binders", () => {
  const s = sire(`
= {odd name} 4
= (**g x) x

=?= 4 .{odd name}
`);
  assert.equal(valueOf(s, "odd name"), 4);
  assertPlan(valueOf(s, "g"), "<{%g 1 1}>");
});

Deno.test("= failures: arity, bad binder, crash at definition time", () => {
  fails("= x", "Define cmd needs two or three parameters");
  fails("= 1 2 3 4 5", "Define cmd needs two or three parameters");
  fails("= (f 3x) 4", "Bad binder: expected foo (foo bar), (**foo bar), etc");
  const e = fails("= x (5 5)", "crash while evaluating the block", "crash");
  assert.equal(e.op, 5);
  assert.equal(e.arg, 5);
});

Deno.test("* runs each kid in order", () => {
  const s = sire(`
* = a 1
* = b a
#* (= c b)
(#*)
`);
  assert.equal(valueOf(s, "c"), 1);
});

Deno.test("=?= passes on equal values and chains", () => {
  const ev: SireEvent[] = [];
  sire(
    `
=?= 3 (3 2)
=?= (0 1 2) (0 1 2)
(#=?= 1 1)
`,
    ev,
  );
  assert.equal(ev.filter((e) => e.kind === "assert").length, 3);
});

Deno.test("=?= failure shows both sides", () => {
  const e = fails("=?= 3 4", "ASSERTION FAILURE", "assert");
  assert.match(e.message, /left: +3\nright: 4/);
  assert.match(e.message, /test\.sire:1:1/);
  fails("=?= 3", "=?= expects two parameters");
});

Deno.test("a failed block leaves the state unchanged", () => {
  const s = sire("= a 1");
  const before = s.state;
  assert.throws(() => runText(s, "* = b 2\n  =?= 1 2"), SireError);
  assert.equal(s.state, before);
});

Deno.test("expression commands report their value", () => {
  const ev: SireEvent[] = [];
  sire("= x 2\n\n(3 x)\n\nx\n\n{hi}", ev);
  const vals = ev.filter((e) => e.kind === "value").map((e) =>
    (e as { value: Val }).value
  );
  assert.deepEqual(vals, [3, 2, N("hi")]);
});

Deno.test("unbound runes are errors", () => {
  fails("+++ 3", "Unbound rune: +++");
});

Deno.test("#### enters modules; :| imports all or some names", () => {
  const s = sire(`
#### one
= a 1
= b 2

#### two <- one
:| one [a]
= c a

#### three <- two
:| one

#:| two

=?= 2 b
=?= 1 c
`);
  assert.equal(whnf(stateParts(s.state).context), N("three"));
  const mods = tabView(stateParts(s.state).modules)!;
  assert.deepEqual(mods.keys, [N("one"), N("two")]);
});

Deno.test(":| with [] imports nothing but requires the module", () => {
  sire("#### m\n\n= x 1\n\n#### n <- m\n\n:| m []\n\n= y 2");
  fails("#### m\n\n#### n <- m\n\n:| q []", "Module not loaded: q");
  fails("#### m\n\n= x 1\n\n#### n <- m\n\n:| m []\n\n=?= x 1", "Unresolved symbol: x");
  fails(
    "#### m\n\n= x 1\n\n#### n <- m\n\n:| m [x y]",
    "imported symbols do not exist: [y]",
  );
  fails("#### m\n\n#### n <- m\n\n:| m 3 4", "Bad import syntax");
  fails("#### m\n\n#### n <- m\n\n:| m\n#:| m", "Bad import syntax");
});

Deno.test("imports win over existing names (left-biased union)", () => {
  const s = sire("#### m\n\n= x 1\n\n#### n <- m\n\n= x 2\n\n:| m\n\n=?= x 1");
  assert.equal(valueOf(s, "x"), 1);
});

Deno.test("a module only becomes importable after the next header", () => {
  fails("#### m\n\n= x 1\n\n:| m", "Module not loaded: m");
});

Deno.test("#### errors", () => {
  fails("= x 1\n\n#### m", "#### without predecessor, but not in initial state");
  fails("#### m\n\n#### n <- q", "That's not where we were");
  fails("#### m n", "Expected something like (#### foo) or (#### foo <- bar)");
});

Deno.test("^-^ keeps exactly the listed names", () => {
  const s = sire(`
= a 1
= b 2
= c 3

^-^ a
^-^ c c
`);
  assert.deepEqual(tabView(stateParts(s.state).scope)!.keys, [N("a"), N("c")]);
  const t = sire("= a 1\n\n^-^");
  assert.deepEqual(tabView(stateParts(t.state).scope)!.keys, []);
  fails("= a 1\n\n^-^ a b", "filter for non-existing keys: b");
  fails("= a 1\n\n^-^ a\n  | b", "Bad export-filter syntax");
});
