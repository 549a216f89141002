/**
 * The macro protocol: macros written in Sire (from primitives only) and in
 * PLAN, in expression and command position; success, failure with a
 * message, malformed results, state replacement (gensyms via slot 0, a state
 * built outside the compiler), overriding builtins, and the `#` routes for
 * juxtaposed leaves and digit-initial words.
 */

import assert from "node:assert/strict";
import { sire, valueOf } from "./sire_util.ts";
import {
  bindingOf,
  insertBinding,
  lookupBinding,
  makeState,
  makeTab,
  mkK,
  runText,
  Session,
  Shape,
  SireError,
  type SireEvent,
  stateParts,
  viewRex,
} from "../sire/compiler/mod.ts";
import { makeRow } from "../sire/compiler/tab.ts";
import { Clo, Law, natFromText, type Val } from "../runtime/plan/value.ts";
import { force, makePin, whnf } from "../runtime/plan/eval.ts";

const N = natFromText;

// Rex constructors and state accessors written with PLAN primitives only.
const PRELUDE = `
= EMBD (4 (0 {##EMBD} 2 0))
= WORD (4 (0 {##WORD} 3 0))
= OPEN (4 (0 {##OPEN} 4 0))

= (slot0 st) (1 (x & 0) (a b c & 0) (h t & t) (x & 0) st)
= (bump st) (1 (x & 0) (a b c & 0) (h t & h (3 t)) (x & 0) st)

= ({+++} st rex err ok)
| ok st (EMBD 7)

= ({!!!} st rex err ok)
| err rex {nope}

= ({%%%} st rex err ok)
| ok (bump st) (EMBD (slot0 st))

= ({$$$} st rex err ok)
| ok st (EMBD rex)

= ({^^^} st rex err ok)
| ok st
| OPEN {#=} (0 0 3 0 (WORD {7} 0) (WORD {seven} 0)) 0
`;

function fails(src: string, reason: RegExp | string, kind?: string): SireError {
  try {
    sire(PRELUDE + "\n" + src);
  } catch (e) {
    assert.ok(e instanceof SireError, `expected a SireError, got ${e}`);
    if (typeof reason === "string") assert.equal(e.reason, reason);
    else assert.match(e.reason, reason);
    if (kind) assert.equal(e.kind, kind);
    return e;
  }
  assert.fail("expected a failure");
}

Deno.test("macro: expansion in expression and command position", () => {
  const ev: SireEvent[] = [];
  const s = sire(PRELUDE + "\n=?= 7 (+++ anything at all)\n\n(+++)\n\n= x (3 (+++))", ev);
  assert.equal(ev.filter((e) => e.kind === "value").length, 1);
  assert.equal(valueOf(s, "x"), 8);
});

Deno.test("macro: a failure reports the macro's message and kind", () => {
  const e = fails("= x (!!! 3)", "nope", "macro");
  assert.equal(e.line, PRELUDE.split("\n").length + 1);
});

Deno.test("macro: gensyms come from state slot 0 and the new state is kept", () => {
  const s = sire(PRELUDE + "\n= g1 (%%% x)\n\n= g2 (%%% y)");
  const k1 = valueOf(s, "g1") as number;
  assert.equal(typeof k1, "number");
  assert.equal(bindingOf(lookupBinding(s.state, N("g1"))!).key, k1 + 1);
  assert.equal(valueOf(s, "g2"), k1 + 2);
  assert.equal(whnf(stateParts(s.state).nextKey), k1 + 4);
});

Deno.test("macro: receives the whole node, heir included", () => {
  const ev: SireEvent[] = [];
  sire(PRELUDE + "\n($$$ a)(b)", ev);
  const v = ev.find((e) => e.kind === "value") as { value: Val };
  const r = viewRex(v.value)!;
  assert.equal(r.shape, Shape.NEST);
  assert.equal(r.text, N("$$$"));
  assert.equal(r.sons.length, 1);
  assert.equal(viewRex(r.heir)!.text, N("b"));
});

Deno.test("macro: expansions can be builtin commands", () => {
  const s = sire(PRELUDE + "\n(^^^)");
  assert.equal(valueOf(s, "seven"), 7);
});

Deno.test("macro: malformed results are rejected", () => {
  fails(
    "= ({???} st rex err ok) 5\n\n(??? 1)",
    "Invalid macro expansion result(not row)",
  );
  fails(
    "= ({@@@} st rex err ok) (0 0 3 0 1 2)\n\n(@@@ 1)",
    "Invalid macro expansion result(not arity = 3)",
  );
  fails(
    "= ({@@@} st rex err ok) (0 0 4 0 2 st rex)\n\n(@@@ 1)",
    "Invalid macro expansion result(bad rex)",
  );
  fails(
    "= ({@@@} st rex err ok) (0 0 4 0 (0 0) st rex)\n\n(@@@ 1)",
    "Invalid macro expansion result(bad tag)",
  );
  fails("= ({@@@} st rex err ok) (ok st 5)\n\n= x (@@@ 1)", "malformed rex");
});

Deno.test("macro: a macro named = takes over, #= stays builtin", () => {
  const s = sire(PRELUDE + "\n= ({=} st rex err ok) (err rex {no defs here})\n\n#= y 3");
  assert.equal(valueOf(s, "y"), 3);
  const e = fails(
    "= ({=} st rex err ok) (err rex {no defs here})\n\n= y 3",
    "no defs here",
  );
  assert.equal(e.kind, "macro");
});

Deno.test("macro: # handles juxtaposed leaves and digit-initial words", () => {
  const s = sire(
    PRELUDE + "\n= ({#} st rex err ok) (ok st (EMBD rex))\n\n= a 0xff\n\n= b f(3)",
  );
  const a = viewRex(valueOf(s, "a"))!;
  assert.equal(a.shape, Shape.PREF);
  assert.equal(a.text, N("#"));
  assert.equal(viewRex(a.sons[0])!.text, N("0xff"));
  const b = viewRex(valueOf(s, "b"))!;
  assert.equal(b.shape, Shape.INFX);
  assert.equal(b.sons.length, 2);
  assert.equal(viewRex(b.sons[0])!.heir, 0);
  assert.equal(viewRex(b.sons[1])!.text, N("3"));
});

Deno.test("macro: a state replaced wholesale is used lazily", () => {
  // A hand-built binding whose code is a constant, as macros write them.
  const bind = makePin(
    force(makeRow([500, 42, makeRow([N("K"), 42]), 0, N("hand"), 0])),
  );
  const st2 = makeState({
    nextKey: 900,
    context: 0,
    scope: makeTab([N("hand")], [bind]),
    modules: makeTab([], []),
  });
  const one = new Clo(makePin(new Law(N("##EMBD"), 2, 0)), [1], 1);
  const result = force(makeRow([one, st2, 1]));
  // A PLAN macro of 4 arguments returning the constant result.
  const macro = new Law(N("swap"), 4, new Clo(2, [result], 2));
  const sess = new Session();
  insertBinding(sess, 0, 0, N("&&&"), macro, mkK(macro));
  runText(sess, "=?= 1 (&&& x)\n\n=?= 42 hand\n\n= z 3");
  assert.equal(bindingOf(lookupBinding(sess.state, N("z"))!).key, 900);

  // A state that is not a row only fails when it is used.
  const bad = new Law(N("bad"), 4, new Clo(2, [force(makeRow([one, 5, 1]))], 2));
  const s2 = new Session();
  insertBinding(s2, 0, 0, N("&&&"), bad, mkK(bad));
  runText(s2, "=?= 1 (&&& x)");
  assert.throws(() => runText(s2, "= y 1"), /Invalid state object: not a row/);
  assert.equal(s2.state, 5);
});
