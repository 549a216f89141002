/**
 * The compiler state as PLAN: the initial state, binding records, the AST
 * encoding stored as binding code, canonical tabs, and the module switch.
 */

import assert from "node:assert/strict";
import { assertPlan, sire } from "./sire_util.ts";
import {
  bindingOf,
  decodeAst,
  encodeAst,
  INITIAL_STATE,
  lookupBinding,
  stateParts,
  switchToContext,
  T,
  tabView,
} from "../sire/compiler/mod.ts";
import { mkA, mkF, mkG, mkK, mkL, mkM, mkR, mkV } from "../sire/compiler/ast.ts";
import { Clo, natFromText, Pin, type Val } from "../runtime/plan/value.ts";
import { makeRow as row } from "../sire/compiler/tab.ts";
import { force, whnf } from "../runtime/plan/eval.ts";

const N = natFromText;

Deno.test("state: the initial state is [1 0 #[] #[]]", () => {
  assertPlan(
    INITIAL_STATE,
    "(0 0 5 0 ({1 2 {0 1 0}} {0 1 0}) ({1 2 {0 1 0}} {0 1 0}) 0 1)",
  );
});

Deno.test("state: a binding is PIN [key value code location name props]", () => {
  const s = sire("#### here\n\n= v 7\n\n= 0 (0 1) (f x) v");
  const pv = lookupBinding(s.state, N("v"))!;
  assert.ok(pv instanceof Pin);
  assertPlan(pv.item, `(0 0 7 0 0 ${N("v")} ${N("here")} (0 0 3 0 7 ${N("K")}) 7 1)`);
  const b = bindingOf(lookupBinding(s.state, N("f"))!);
  assert.equal(b.key, 2);
  assertPlan(b.props, "(0 1)");
  // code = [%F pin mark recr tag args [%G pinOfV]]
  const code = force(b.code);
  const expected = force(
    encodeAst(
      mkF({ pin: true, mark: false, recr: false, tag: N("f"), args: 1, body: mkG(pv) }),
    ),
  );
  assertPlan(code, expected);
});

Deno.test("state: AST nouns use the documented tags and round-trip", () => {
  const ast = mkL(
    mkK(5),
    mkR(
      [mkA(mkV(0), mkV(1))],
      mkM(mkF({
        pin: false,
        mark: true,
        recr: true,
        tag: N("t"),
        args: 2,
        body: mkV(2),
      })),
    ),
  );
  const noun = encodeAst(ast);
  const [K, A, L, R, M, F] = ["K", "A", "L", "R", "M", "F"].map(N);
  assertPlan(
    noun,
    row([
      L,
      row([K, 5]),
      row([R, row([row([A, 0, 1])]), row([M, row([F, 0, 1, 1, N("t"), 2, 2])])]),
    ]),
  );
  // A structural copy (no remembered decoding) decodes to the same AST.
  const back = decodeAst(copy(noun));
  assert.equal(back.t, T.L);
  assertPlan(encodeAst(back), noun);
});

/** A structural copy of a value, sharing nothing but leaves. */
function copy(v: Val): Val {
  v = whnf(v);
  return v instanceof Clo ? new Clo(v.head, v.args.map(copy), v.ar) : v;
}

Deno.test("state: decoding rejects malformed AST nouns", () => {
  assert.throws(() => decodeAst(row([N("Q"), 1])), /bad Sire AST/);
  assert.throws(() => decodeAst(row([N("K")])), /bad Sire AST/);
  assert.throws(() => decodeAst(row([N("F"), 2, 0, 0, 0, 1, 0])), /bad flag/);
  assert.throws(() => decodeAst(7n), /bad Sire AST/);
});

Deno.test("state: scope tabs stay canonical (keys ascending)", () => {
  const s = sire("= zz 1\n\n= aa 2\n\n= mm 3\n\n= aa 4");
  const t = tabView(stateParts(s.state).scope)!;
  assert.deepEqual(t.keys, [N("aa"), N("mm"), N("zz")]);
});

Deno.test("state: switching modules pins the old scope and empties the new one", () => {
  const s = sire("#### one\n\n= x 1");
  const st = switchToContext(s.state, N("two") as number);
  const p = stateParts(st);
  assert.equal(whnf(p.context), N("two"));
  assert.equal(tabView(p.scope)!.keys.length, 0);
  const mods = tabView(p.modules)!;
  assert.deepEqual(mods.keys, [N("one")]);
  const pinned = whnf(mods.vals[0]);
  assert.ok(pinned instanceof Pin);
  assert.deepEqual(tabView(pinned.item)!.keys, [N("x")]);
  assert.equal(whnf(p.nextKey), 2);
});
