// PLAN opcodes 0–4, crashing nat heads and arity (spec §1.2–1.4, §1.6, §2).
//
// Most cases read an expression with `readPlan`, normalise it with `force`
// and compare the printed normal form. `T` below is a plain law of arity 9
// used as a tagging constructor: `(T %P)` applied to up to 7 more arguments
// stays a closure, so the branch an opcode took is visible in the output.

import assert from "node:assert/strict";
import { force, whnf } from "../runtime/plan/eval.ts";
import { readPlan, showPlan } from "../runtime/plan/text.ts";
import { PlanCrash } from "../runtime/plan/errors.ts";
import { arityOf, Clo, Law, natFromText, Pin, type Val } from "../runtime/plan/value.ts";
import { Interner } from "./naive_plan.ts";

const T = "{%T 9 0}";
const ev = (src: string): Val => force(readPlan(src));
const sh = (src: string): string => showPlan(ev(src));
/** `(1 p l a n x)` with tagging branches. */
const op1 = (x: string) => `(1 (${T} %P) (${T} %L) (${T} %A) (${T} %N) ${x})`;
/** `(2 z p x)` with a tagging successor branch. */
const op2 = (x: string) => `(2 %z (${T} %S) ${x})`;

/** Asserts that `src` crashes; returns op and arg. */
function crash(src: string): { op: Val; arg: Val } {
  try {
    const v = ev(src);
    assert.fail(`expected a crash from ${src}, got ${showPlan(v)}`);
  } catch (e) {
    if (!(e instanceof PlanCrash)) throw e;
    return { op: e.op, arg: e.arg };
  }
}

/** Asserts that a value contains no thunk and only canonical nats. */
function assertPlain(v: Val): void {
  const i = new Interner();
  i.real(v);
  assert.equal(i.thunks, 0, `thunk left inside ${showPlan(v)}`);
  assert.equal(i.badNats, 0, `non-canonical nat inside ${showPlan(v)}`);
}

// --- opcode 0: law construction --------------------------------------------

Deno.test("op 0: builds a law from name, arity and body", () => {
  const v = ev("(0 %f 2 0)");
  assert.ok(v instanceof Law);
  assert.equal(v.name, natFromText("f"));
  assert.equal(v.arity, 2);
  assert.equal(v.body, 0);
  assert.equal(showPlan(v), "{%f 2 0}");
  assert.equal(sh("{%f 2 0}"), "{%f 2 0}");
  assert.equal(sh("{0 1 0}"), "{0 1 0}");
});

Deno.test("op 0: name and arity are evaluated", () => {
  assert.equal(sh("(0 (3 %e) (3 1) 0)"), "{%f 2 0}");
  assert.equal(sh("(0 ({%k 2 1} %g 9) ({%k 2 1} 3 9) 7)"), "{%g 3 7}");
});

Deno.test("op 0: a non-nat name becomes 0", () => {
  assert.equal(sh("(0 (0 1) 2 5)"), "{0 2 5}");
  assert.equal(sh("(0 {%g 1 0} 2 5)"), "{0 2 5}");
  assert.equal(sh("(0 <7> 2 5)"), "{0 2 5}");
  assert.equal(sh("(0 ({%g 3 0} 1) 2 5)"), "{0 2 5}");
});

Deno.test("op 0: a non-nat arity becomes 0 and crashes (0, 0)", () => {
  for (const a of ["(0 1)", "<2>", "{%g 2 0}", "({%g 2 0} 1)"]) {
    const c = crash(`(0 %f ${a} 5)`);
    assert.equal(c.op, 0, a);
    assert.equal(c.arg, 0, a);
  }
});

Deno.test("op 0: arity 0 crashes with op 0, arg 0", () => {
  const c = crash("(0 %f 0 7)");
  assert.equal(c.op, 0);
  assert.equal(c.arg, 0);
  assert.deepEqual(crash("(0 0 0 0)"), { op: 0, arg: 0 });
});

Deno.test("op 0: the body is normalised, with no thunks left", () => {
  const v = ev("(0 %f 1 (0 (3 4) (3 5)))");
  assert.equal(showPlan(v), "{%f 1 (0 5 6)}");
  assert.ok(v instanceof Law);
  assert.ok(v.body instanceof Clo);
  assertPlain(v);
  assert.equal(sh("{%f 1 <(3 4)>}"), "{%f 1 <5>}");
});

Deno.test("op 0: name, arity, body in that order, arity checked last", () => {
  assert.equal(crash("(0 (7 1) (8 1) (9 1))").op, 7);
  assert.equal(crash("(0 1 (8 1) (9 1))").op, 8);
  assert.equal(crash("(0 1 1 (9 1))").op, 9);
  // The body crash wins over the arity-0 crash (legal order, spec §1.4).
  const c = crash("(0 %f 0 (9 1))");
  assert.equal(c.op, 9);
  assert.equal(c.arg, 1);
});

Deno.test("op 0: big names and arities", () => {
  assert.equal(sh("(0 18446744073709551616 1 0)"), "{18446744073709551616 1 0}");
  const big = ev("(0 %f 18446744073709551616 0)");
  assert.ok(big instanceof Law);
  assert.equal(big.arity, 18446744073709551616n);
  // Applying it to a few arguments cannot saturate it.
  const c = ev("({%f 18446744073709551616 0} 1 2 3)");
  assert.ok(c instanceof Clo);
  assert.equal(showPlan(c), "({%f 18446744073709551616 0} 1 2 3)");
});

Deno.test("op 0: partial and over-saturated", () => {
  assert.equal(sh("(0 %f)"), "(0 %f)");
  assert.equal(sh("(0 %f 2)"), "(0 %f 2)");
  assert.equal(arityOf(ev("(0 %f)")), 2);
  assert.equal(arityOf(ev("(0 %f 2)")), 1);
  // (0 %f 1 (2 7)) is a law returning the constant 7; the extra arg runs it.
  assert.equal(sh("(0 %f 1 (2 7) 5)"), "7");
});

// --- opcode 1: case on the kind of a value ---------------------------------

Deno.test("op 1: pin branch gives (p item)", () => {
  assert.equal(sh(op1("<5>")), `(${T} %P 5)`);
  assert.equal(sh(op1("<{%g 2 1}>")), `(${T} %P {%g 2 1})`);
  assert.equal(sh(op1("<<5>>")), `(${T} %P <5>)`);
  assert.equal(sh(op1("<(0 1)>")), `(${T} %P (0 1))`);
});

Deno.test("op 1: law branch gives (l name arity body)", () => {
  assert.equal(sh(op1("{%g 2 (0 1 2)}")), `(${T} %L %g 2 (0 1 2))`);
  assert.equal(sh(op1("{0 1 0}")), `(${T} %L 0 1 0)`);
  // The argument is evaluated first: this over-application yields a law.
  assert.equal(sh(op1("({%k 2 1} {%g 1 7} 9)")), `(${T} %L %g 1 7)`);
});

Deno.test("op 1: app branch splits off the last argument", () => {
  assert.equal(sh(op1("(0 5)")), `(${T} %A 0 5)`);
  assert.equal(sh(op1("(0 5 6)")), `(${T} %A (0 5) 6)`);
  assert.equal(sh(op1("({%k 4 0} 1 2 3)")), `(${T} %A ({%k 4 0} 1 2) 3)`);
  // A closure headed by a pin of a non-law keeps the pin as its head.
  assert.equal(sh(op1("(<(0 5)> 7)")), `(${T} %A <(0 5)> 7)`);
  assert.equal(sh(op1("(<{%k 3 0}> 1 2)")), `(${T} %A (<{%k 3 0}> 1) 2)`);
  // Arguments of the closure are normalised along with the result.
  assert.equal(sh(op1("({%k 3 0} (3 1) (3 2))")), `(${T} %A ({%k 3 0} 2) 3)`);
});

Deno.test("op 1: the split parts re-apply to the same closure", () => {
  // (re f y) = (f y): rebuilds the closure that op 1 took apart.
  const re = "{%re 2 (0 1 2)}";
  assert.equal(sh(`(1 0 0 ${re} 0 ({%k 3 0} 1 2))`), "({%k 3 0} 1 2)");
  // (sat f y) = (f y 9): saturates the 3-ary law, which returns itself.
  const sat = "{%sat 2 (0 (0 1 2) (2 9))}";
  assert.equal(sh(`(1 0 0 ${sat} 0 ({%k 3 0} 1 2))`), "{%k 3 0}");
  assert.equal(sh(`(1 0 0 ${sat} 0 ({%k 3 1} 1 2))`), "1");
});

Deno.test("op 1: nat branch gives (n x)", () => {
  assert.equal(sh(op1("42")), `(${T} %N 42)`);
  assert.equal(sh(op1("0")), `(${T} %N 0)`);
  assert.equal(sh(op1("(3 41)")), `(${T} %N 42)`);
  assert.equal(
    sh(op1("18446744073709551616")),
    `(${T} %N 18446744073709551616)`,
  );
});

Deno.test("op 1: only the chosen branch is evaluated", () => {
  assert.equal(sh(`(1 (9 0) (9 1) (9 2) (${T} %N) 5)`), `(${T} %N 5)`);
  assert.equal(sh(`(1 (${T} %P) (9 1) (9 2) (9 3) <5>)`), `(${T} %P 5)`);
  assert.equal(sh(`(1 (9 0) (${T} %L) (9 2) (9 3) {%g 1 0})`), `(${T} %L %g 1 0)`);
  assert.equal(sh(`(1 (9 0) (9 1) (${T} %A) (9 3) (0 1))`), `(${T} %A 0 1)`);
  const c = crash("(1 0 0 0 (9 3) 5)");
  assert.deepEqual(c, { op: 9, arg: 3 });
  assert.deepEqual(crash("(1 0 0 0 0 (9 4))"), { op: 9, arg: 4 });
});

// --- opcode 2: case on a nat -----------------------------------------------

Deno.test("op 2: zero and successor branches", () => {
  assert.equal(sh(op2("0")), "%z");
  assert.equal(sh(op2("5")), `(${T} %S 4)`);
  assert.equal(sh(op2("1")), `(${T} %S 0)`);
  assert.equal(sh(op2("(3 0)")), `(${T} %S 0)`);
});

Deno.test("op 2: a non-nat counts as zero", () => {
  for (const x of ["(0 1)", "{%g 1 0}", "<3>", "(<{%g 2 0}> 1)"]) {
    assert.equal(sh(op2(x)), "%z", x);
  }
});

Deno.test("op 2: big nats and the 2^53 boundary", () => {
  const a = ev(op2("9007199254740992"));
  assert.equal(showPlan(a), `(${T} %S 9007199254740991)`);
  assert.ok(a instanceof Clo);
  assert.equal(a.args[1], 9007199254740991); // a JS number again
  const b = ev(op2("18446744073709551616"));
  assert.ok(b instanceof Clo);
  assert.equal(b.args[1], 18446744073709551615n);
  assertPlain(a);
  assertPlain(b);
});

Deno.test("op 2: branches are lazy; z and (p k) are evaluated as the result", () => {
  assert.equal(sh("(2 7 (9 9) 0)"), "7");
  assert.equal(sh(`(2 (9 9) (${T} %S) 3)`), `(${T} %S 2)`);
  assert.equal(sh("(2 (3 6) 0 0)"), "7");
  assert.equal(sh("(2 0 {%kk 2 1} 3)"), "({%kk 2 1} 2)");
  assert.equal(sh("(2 0 (3) 3)"), "3");
  assert.deepEqual(crash("(2 0 0 (9 2))"), { op: 9, arg: 2 });
});

// --- opcode 3: increment ---------------------------------------------------

Deno.test("op 3: increments, non-nats count as zero", () => {
  assert.equal(ev("(3 0)"), 1);
  assert.equal(ev("(3 41)"), 42);
  assert.equal(ev("(3 (3 (3 0)))"), 3);
  assert.equal(ev("(3 (0 1))"), 1);
  assert.equal(ev("(3 <5>)"), 1);
  assert.equal(ev("(3 {%g 1 0})"), 1);
});

Deno.test("op 3: across 2^53 and on bignats", () => {
  assert.equal(ev("(3 9007199254740990)"), 9007199254740991);
  assert.equal(ev("(3 9007199254740991)"), 9007199254740992n);
  assert.equal(ev("(3 (3 9007199254740991))"), 9007199254740993n);
  assert.equal(ev("(3 18446744073709551615)"), 18446744073709551616n);
  assert.equal(
    ev("(3 340282366920938463463374607431768211455)"),
    340282366920938463463374607431768211456n,
  );
});

Deno.test("op 3: over-application continues with the result", () => {
  // (3 1) is 2, and (2 2) is a closure of opcode 2.
  assert.equal(sh("(3 1 2)"), "(2 2)");
  // (3 2) is 3, which increments the extra argument.
  assert.equal(ev("(3 2 5)"), 6);
});

// --- opcode 4: pins --------------------------------------------------------

Deno.test("op 4: pins a normalised value", () => {
  const p = ev("(4 (3 4))");
  assert.ok(p instanceof Pin);
  assert.equal(p.item, 5);
  assert.equal(showPlan(p), "<5>");
  const q = ev("(4 (0 (3 1) (3 2)))");
  assert.equal(showPlan(q), "<(0 2 3)>");
  assertPlain(q);
  assert.equal(sh("<({%k 3 0} (3 1) <(3 2)>)>"), "<({%k 3 0} 2 <3>)>");
  assert.equal(sh("<<<0>>>"), "<<<0>>>");
});

Deno.test("op 4: crashes inside the item propagate", () => {
  assert.deepEqual(crash("<(9 1)>"), { op: 9, arg: 1 });
  assert.deepEqual(crash("<({%k 3 0} 1 (8 2))>"), { op: 8, arg: 2 });
});

// --- nat heads ≥ 5 ---------------------------------------------------------

Deno.test("nat ≥ 5: crashes with op and the normalised argument", () => {
  assert.deepEqual(crash("(5 0)"), { op: 5, arg: 0 });
  assert.deepEqual(crash("(7 (3 4))"), { op: 7, arg: 5 });
  const c = crash("(%die (0 (3 1)))");
  assert.equal(c.op, natFromText("die"));
  assert.equal(showPlan(c.arg), "(0 2)");
  assertPlain(c.arg);
  const d = crash("(5 ({%k 3 0} (3 1) <(3 2)>))");
  assert.equal(showPlan(d.arg), "({%k 3 0} 2 <3>)");
  assertPlain(d.arg);
  const e = crash("(6 {%g 1 (0 (3 1) 2)})");
  assert.equal(showPlan(e.arg), "{%g 1 (0 2 2)}");
});

Deno.test("nat ≥ 5: bignat heads crash too", () => {
  const a = crash("(18446744073709551616 1)");
  assert.equal(a.op, 18446744073709551616n);
  assert.equal(a.arg, 1);
  const b = crash("(9007199254740992 (3 1))");
  assert.equal(b.op, 9007199254740992n);
  assert.equal(b.arg, 2);
  assert.equal(crash("(9007199254740991 0)").op, 9007199254740991);
});

Deno.test("nat ≥ 5: a crash inside the argument wins", () => {
  assert.deepEqual(crash("(6 (7 0))"), { op: 7, arg: 0 });
  assert.deepEqual(crash("(5 1 2)"), { op: 5, arg: 1 });
  // Unapplied, a nat is just a value.
  assert.equal(ev("5"), 5);
  assert.equal(arityOf(ev("5")), 1);
});

// --- arity -----------------------------------------------------------------

Deno.test("arity of nats, laws, pins and closures", () => {
  const cases: [string, number][] = [
    ["0", 3],
    ["1", 5],
    ["2", 3],
    ["3", 1],
    ["4", 1],
    ["5", 1],
    ["%die", 1],
    ["18446744073709551616", 1],
    ["{%g 4 0}", 4],
    ["<{%g 4 0}>", 4],
    ["<<{%g 4 0}>>", 4],
    ["<0>", 3],
    ["<1>", 5],
    ["<7>", 1],
    ["<(0 1)>", 2],
    ["(0 1)", 2],
    ["(1 1 1)", 3],
    ["({%g 4 0} 1)", 3],
    ["(<{%g 4 0}> 1 2)", 2],
    ["(<(0 1)> 2)", 1],
  ];
  for (const [src, a] of cases) {
    assert.equal(arityOf(whnf(readPlan(src))), a, src);
    assert.equal(arityOf(ev(src)), a, src);
  }
});

// --- printing and reading nats ---------------------------------------------

Deno.test("showPlan prints identifier nats as %word, others in decimal", () => {
  assert.equal(showPlan(0), "0");
  assert.equal(showPlan(64), "64");
  assert.equal(showPlan(97), "%a");
  assert.equal(showPlan(natFromText("_x9")), "%_x9");
  assert.equal(showPlan(natFromText("9x")), String(natFromText("9x")));
  assert.equal(showPlan(natFromText("a b")), String(natFromText("a b")));
  for (const s of ["%hello_World", "123456789012345678901234567890", "%z"]) {
    assert.equal(sh(s), s);
  }
});
