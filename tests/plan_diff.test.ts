// Differential test: random PLAN terms evaluated by the real evaluator and by
// the naive one in `naive_plan.ts` must agree.
//
// Rules, per term:
// * naive gives a normal form  → real gives the same normal form;
// * naive crashes (op, arg)    → real crashes with the same op and arg;
// * naive hits a black hole    → real throws PlanLoop or runs out of budget;
// * naive runs out of budget, or its JS stack overflows → real must still end
//   with a value or a PlanError (nothing else).
// A let that is a bare alias of a later let is left open by the spec (§8.5);
// the naive evaluator reads it as upstream's Haskell runtime does (an alias of
// that let's value; a chain back to itself is a black hole), like the real
// one. Terms that met such an alias are counted separately.

import assert from "node:assert/strict";
import { force, whnf } from "../runtime/plan/eval.ts";
import { readPlan, showPlan } from "../runtime/plan/text.ts";
import { PlanBudgetExceeded, PlanCrash, PlanLoop } from "../runtime/plan/errors.ts";
import { MAX_SMALL, natFromBig, Thunk, type Val } from "../runtime/plan/value.ts";
import {
  Interner,
  lib,
  naiveRun,
  parseTerm,
  showNaive,
  showTerm,
  tApp,
  type Term,
  tLaw,
  tNat,
  tPin,
  wordNat,
} from "./naive_plan.ts";

const TERMS = 20_000;
const NAIVE_BUDGET = 2_000;
const REAL_BUDGET = 200_000;
/** Seed of the generator; `PLAN_DIFF_SEED` overrides it when env access is granted. */
const SEED = Number(
  (Deno.permissions.querySync({ name: "env", variable: "PLAN_DIFF_SEED" }).state ===
      "granted"
    ? Deno.env.get("PLAN_DIFF_SEED")
    : undefined) ?? 0x5eed_2024,
);

// --- deterministic random numbers ------------------------------------------

/** mulberry32: a small seeded PRNG. */
class Rng {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#s = (this.#s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

// --- term generator ----------------------------------------------------------

/** Library laws with their arities (closed terms). */
const LIB: readonly [Term, number][] = (
  [
    [lib.K, 2],
    [lib.KI, 2],
    ["{%I 1 1}", 1],
    [lib.C, 3],
    ["{%T4 4 0}", 4],
    [lib.HD, 1],
    [lib.TL, 1],
    [lib.ADD, 2],
    ["{%w 1 (0 1 1)}", 1], // (w w) diverges
    ["{%lp 1 (1 (0 (2 3) 2) 2)}", 1], // a = (3 a): black hole
    [`{%cyc 1 (1 (0 (0 (2 ${lib.C}) 1) 2) 2)}`, 1], // a cyclic list
    ["{%sa 1 (1 2 2)}", 1], // a = a
    ["{%dup 1 (0 (0 (2 {%C 3 0}) 1) 1)}", 1],
    ["{%cd 1 (0 (0 (0 (2 2) (2 %done)) 0) 1)}", 1], // counts down
    ["{%sw 2 (0 (0 0 2) 1)}", 2], // flips its arguments forever
    ["{%re 2 (0 1 2)}", 2], // re-applies what opcode 1 split
    ["{%sat 2 (0 (0 1 2) (2 9))}", 2],
    ["<({%T4 4 0} 1)>", 3], // a pin of a partial application
    ["<(0 %p)>", 2], // makes laws named %p
    ["<<{%K 2 1}>>", 2],
    [`{%sh 2 (1 (0 (0 (2 ${lib.ADD}) 1) 2) (0 (0 (2 {%C 3 0}) 3) 3))}`, 2], // shares a let
  ] as const
).map(([s, a]) => [parseTerm(s), a]);

const BIG = [
  9007199254740991n,
  9007199254740992n,
  18446744073709551615n,
  18446744073709551616n,
  wordNat("die"),
  wordNat("a"),
];

/** Arity of a head we know statically, else null. */
function knownArity(t: Term): number | null {
  if (t.t === "nat") return t.n === 0n || t.n === 2n ? 3 : t.n === 1n ? 5 : 1;
  if (t.t === "law") return Number(t.a);
  if (t.t === "pin") return knownArity(t.x);
  return null;
}

class Gen {
  constructor(readonly r: Rng) {}

  leaf(): Term {
    const r = this.r;
    const c = r.int(100);
    if (c < 70) return tNat(r.int(c < 40 ? 4 : 10));
    if (c < 80) return tNat(r.pick(BIG));
    return r.pick(LIB)[0];
  }

  term(d: number): Term {
    const r = this.r;
    if (d <= 0) return this.leaf();
    const c = r.int(100);
    if (c < 22) return this.leaf();
    if (c < 72) return this.call(d);
    if (c < 79) return tPin(this.term(d - 1));
    if (c < 92) return this.law(d - 1);
    return this.lib();
  }

  lib(): Term {
    const [l, a] = this.r.pick(LIB);
    const args = Array.from({ length: a }, () => this.term(1));
    return tApp(this.r.int(3) === 0 ? tPin(l) : l, ...args);
  }

  call(d: number): Term {
    const r = this.r;
    const c = r.int(100);
    let head: Term;
    if (c < 35) head = tNat(r.int(5));
    else if (c < 40) head = tNat(5 + r.int(5));
    else if (c < 60) head = r.pick(LIB)[0];
    else if (c < 85) head = this.law(d - 1);
    else head = this.term(d - 1);
    if (r.int(4) === 0 && head.t === "law") head = tPin(head);
    const ar = knownArity(head) ?? 1 + r.int(3);
    const n = Math.max(1, ar + r.pick([-2, -1, 0, 0, 0, 0, 1, 2]));
    return tApp(head, ...Array.from({ length: n }, () => this.term(d - 1)));
  }

  law(d: number): Term {
    const r = this.r;
    const a = 1 + r.int(r.int(5) === 0 ? 4 : 3);
    const m = r.pick([0, 0, 0, 1, 1, 2, 3]);
    const maxRef = a + m;
    const binds = Array.from({ length: m }, () => this.expr(maxRef, d));
    const body = binds.reduceRight((k, v) => tApp(tNat(1), v, k), this.expr(maxRef, d));
    const name = r.int(3) === 0
      ? tNat(0)
      : tNat(r.pick([wordNat("f"), wordNat("g"), 7n]));
    return tLaw(name.t === "nat" ? name.n : 0n, a, body);
  }

  /** A law-body expression over slots 0..maxRef. */
  expr(maxRef: number, d: number): Term {
    const r = this.r;
    const ref = () => tNat(r.int(maxRef + 1));
    if (d <= 0) return r.int(4) === 0 ? tNat(maxRef + 1 + r.int(3)) : ref();
    const c = r.int(100);
    const q = (x: Term) => tApp(tNat(2), x);
    const ap = (f: Term, ...xs: Term[]) => xs.reduce((g, x) => tApp(tNat(0), g, x), f);
    if (c < 30) return ref();
    if (c < 60) {
      const h = r.int(100);
      let head: Term;
      if (h < 40) head = q(tNat(r.int(5)));
      else if (h < 60) head = q(r.pick(LIB)[0]);
      else if (h < 75) head = ref();
      else if (h < 88) head = tNat(0);
      else head = q(tNat(5 + r.int(5)));
      const n = 1 + r.int(3);
      return ap(head, ...Array.from({ length: n }, () => this.expr(maxRef, d - 1)));
    }
    if (c < 68) return q(this.term(d - 1));
    if (c < 74) return tNat(maxRef + 1 + r.int(5));
    if (c < 79) return this.law(d - 1);
    if (c < 84) return tApp(tNat(1), this.expr(maxRef, d - 1), this.expr(maxRef, d - 1));
    if (c < 89) {
      const e = () => this.expr(maxRef, d - 1);
      return r.pick([
        () => tApp(tNat(1), e()),
        () => tApp(tNat(2), e(), e()),
        () => tApp(tNat(0), e()),
      ])();
    }
    if (c < 93) return tPin(this.term(d - 1));
    return ap(q(tNat(3)), ref()); // (3 slot): a knot when the slot is its own let
  }
}

// --- the real evaluator's input ------------------------------------------------

/** Builds the real (unevaluated) value of a term directly, without the reader. */
function realOf(t: Term): Val {
  switch (t.t) {
    case "nat":
      return natFromBig(t.n);
    case "pin":
      return new Thunk(4, realOf(t.x));
    case "law":
      return new Thunk(
        new Thunk(new Thunk(0, natFromBig(t.n)), natFromBig(t.a)),
        realOf(t.b),
      );
    case "app":
      return t.xs.reduce((f: Val, x) => new Thunk(f, realOf(x)), realOf(t.f));
  }
}

type Real =
  | { kind: "value"; v: Val }
  | { kind: "crash"; op: Val; arg: Val }
  | { kind: "loop" | "budget" }
  | { kind: "foreign"; e: unknown };

function runReal(v: Val, budget: number): Real {
  try {
    return { kind: "value", v: force(v, { budget }) };
  } catch (e) {
    if (e instanceof PlanCrash) return { kind: "crash", op: e.op, arg: e.arg };
    if (e instanceof PlanLoop) return { kind: "loop" };
    if (e instanceof PlanBudgetExceeded) return { kind: "budget" };
    return { kind: "foreign", e }; // anything else is a bug
  }
}

function describe(r: Real): string {
  switch (r.kind) {
    case "value":
      return `value ${showPlan(r.v).slice(0, 300)}`;
    case "crash":
      return `crash ${showPlan(r.op)} ${showPlan(r.arg).slice(0, 300)}`;
    case "foreign":
      return `error ${String(r.e)}`;
    default:
      return r.kind;
  }
}

Deno.test(`differential: ${TERMS} random terms, real vs naive evaluator`, () => {
  const rng = new Rng(SEED);
  const gen = new Gen(rng);
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  let thunks = 0;
  let badNats = 0;
  let realMs = 0, naiveMs = 0;
  const cross: Record<string, number> = {};
  let aliased = 0;
  for (let i = 0; i < TERMS; i++) {
    const term = gen.term(1 + rng.int(4));
    const text = showTerm(term);
    const t1 = performance.now();
    const naive = naiveRun(term, NAIVE_BUDGET);
    naiveMs += performance.now() - t1;
    counts[naive.kind] = (counts[naive.kind] ?? 0) + 1;
    if (naive.aliases > 0) aliased++;
    // Alternate between reading the text and building the value directly.
    const input = i % 2 === 0 ? readPlan(text) : realOf(term);
    const decided = naive.kind === "value" || naive.kind === "crash" ||
      naive.kind === "loop";
    const t0 = performance.now();
    const real = runReal(input, decided ? REAL_BUDGET : 5_000);
    realMs += performance.now() - t0;
    const pair = `${naive.kind}->${real.kind}`;
    cross[pair] = (cross[pair] ?? 0) + 1;
    const fail = (why: string) => {
      if (failures.length < 20) {
        const exp = naive.kind === "value"
          ? `value ${showNaive(naive.value)}`
          : naive.kind === "crash"
          ? `crash ${naive.op} ${showNaive(naive.arg)}`
          : naive.kind;
        failures.push(
          `#${i} ${why}\n  term: ${text}\n  naive: ${exp}\n  real: ${describe(real)}`,
        );
      }
    };
    if (real.kind === "foreign") {
      fail("non-PLAN error");
      continue;
    }
    const ids = new Interner();
    switch (naive.kind) {
      case "value":
        if (real.kind !== "value") fail("outcome differs");
        else {
          const want = ids.naive(naive.value);
          if (ids.real(real.v) !== want) fail("normal forms differ");
          thunks += ids.thunks;
          badNats += ids.badNats;
          // Printing matches, and the printed text reads back as the value.
          const printed = showPlan(real.v);
          if (printed.length < 50_000) {
            if (printed !== showNaive(naive.value, 100_000)) fail("printed forms differ");
            if (ids.real(force(readPlan(printed))) !== want) fail("read-back differs");
          }
          // whnf never returns a thunk, and normalising its result agrees.
          if (i % 3 === 0) {
            const w = whnf(realOf(term), { budget: REAL_BUDGET });
            if (w instanceof Thunk) fail("whnf returned a thunk");
            else if (ids.real(force(w)) !== want) fail("force after whnf differs");
          }
        }
        break;
      case "crash":
        if (real.kind !== "crash") fail("outcome differs");
        else {
          const op = real.op;
          const okOp = (typeof op === "number" || typeof op === "bigint") &&
            BigInt(op) === naive.op &&
            (typeof op === "number") === (naive.op <= BigInt(MAX_SMALL));
          if (!okOp) fail("crash op differs");
          else if (ids.real(real.arg) !== ids.naive(naive.arg)) fail("crash arg differs");
          thunks += ids.thunks;
          badNats += ids.badNats;
        }
        break;
      case "loop":
        if (real.kind !== "loop" && real.kind !== "budget") fail("expected a loop");
        break;
      default:
        break;
    }
  }
  console.log(
    "naive->real: " + Object.entries(cross).map(([k, n]) => `${k}=${n}`).join(" "),
  );
  console.log(`time: real ${realMs.toFixed(0)} ms, naive ${naiveMs.toFixed(0)} ms`);
  console.log(
    `differential outcomes (naive evaluator, ${TERMS} terms): ` +
      Object.entries(counts).map(([k, n]) => `${k}=${n}`).join(" ") +
      ` (${aliased} met a §8.5 forward/self alias)`,
  );
  assert.deepEqual(failures, []);
  assert.equal(thunks, 0, "thunks left inside normal forms");
  assert.equal(badNats, 0, "non-canonical nats inside normal forms");
  // The generator must keep producing every interesting outcome.
  assert.ok((counts.value ?? 0) >= TERMS * 0.4, "enough values");
  assert.ok((counts.crash ?? 0) >= TERMS * 0.08, "enough crashes");
  assert.ok((counts.loop ?? 0) >= TERMS * 0.02, "enough loops");
  assert.ok((counts.budget ?? 0) >= TERMS * 0.01, "enough divergent terms");
});

Deno.test("differential: the naive evaluator agrees with hand-checked results", () => {
  // Guards the oracle itself: a few results worked out by hand.
  const cases: [string, string][] = [
    ["(3 (3 4))", "6"],
    ["(2 %z {%K 2 1} 5)", "({%K 2 1} 4)"],
    ["(1 0 0 {%KI 2 2} 0 (0 1 2))", "2"],
    ["(<({%K 2 1} 3)> 4)", "3"],
    ["({%f 1 (1 (0 (2 3) 1) (1 (0 (0 (2 {%C 3 0}) 2) 1) 3))} 4)", "({%C 3 0} 5 4)"],
    [`(${lib.ADD} 3 4)`, "7"],
  ];
  for (const [src, want] of cases) {
    const out = naiveRun(parseTerm(src), 10_000);
    assert.equal(out.kind, "value", src);
    if (out.kind === "value") assert.equal(showNaive(out.value), want, src);
    assert.equal(showPlan(force(readPlan(src))), want, src);
  }
  const c = naiveRun(parseTerm("(0 %f 0 (7 (3 1)))"), 100);
  assert.equal(c.kind, "crash");
  if (c.kind === "crash") assert.equal(showNaive(c.arg), "2");
  assert.equal(naiveRun(parseTerm("({%f 1 (1 (0 (2 3) 2) 2)} 1)"), 100).kind, "loop");
  assert.equal(
    naiveRun(parseTerm("({%w 1 (0 1 1)} {%w 1 (0 1 1)})"), 100).kind,
    "budget",
  );
  // A forward alias: slot 2 = slot 3 = x.
  const fwd = naiveRun(parseTerm("({%f 1 (1 3 (1 1 2))} %x)"), 100);
  assert.equal(fwd.kind === "value" && showNaive(fwd.value), "%x");
  assert.equal(fwd.aliases, 1);
  assert.equal(showPlan(force(readPlan("({%f 1 (1 3 (1 1 2))} %x)"))), "%x");
  // Aliases in a cycle stay black holes.
  assert.equal(naiveRun(parseTerm("({%f 1 (1 3 (1 2 2))} 1)"), 100).kind, "loop");
});
