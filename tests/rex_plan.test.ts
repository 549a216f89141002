// Rex ⇄ PLAN: the constructor pins, the exact encoding of leaves, nodes,
// rows and embeds, agreement with the evaluator, decoding through thunks,
// rejection of malformed values, sharing, cycles and depth 1,000,000.

import assert from "node:assert/strict";
import {
  Clo,
  Law,
  natFromText,
  Pin,
  Thunk,
  ThunkState,
  type Val,
} from "../runtime/plan/value.ts";
import { force } from "../runtime/plan/eval.ts";
import { readPlan } from "../runtime/plan/text.ts";
import { equal } from "../runtime/plan/compare.ts";
import {
  embd,
  line,
  nest,
  open,
  parseRex,
  planToRex,
  type Rex,
  REX_CONSTRUCTORS,
  rexEqual,
  RexError,
  rexToPlan,
  showRex,
  text,
  word,
} from "../sire/rex/mod.ts";
import { randomRex, Rng } from "../sire/rex/random.ts";

const NAMES: [string, number, number][] = [
  ["EMBD", 0x44424d452323, 2],
  ["WORD", 0x44524f572323, 3],
  ["TEXT", 0x545845542323, 3],
  ["LINE", 0x454e494c2323, 3],
  ["OPEN", 0x4e45504f2323, 4],
  ["NEST", 0x5453454e2323, 4],
  ["INFX", 0x58464e492323, 4],
  ["PREF", 0x464552502323, 4],
  ["SHUT", 0x545548532323, 4],
];

Deno.test("rex plan: constructor pins", () => {
  for (const [k, name, arity] of NAMES) {
    const p = REX_CONSTRUCTORS[k as keyof typeof REX_CONSTRUCTORS];
    assert.ok(p instanceof Pin);
    const l = p.item;
    assert.ok(l instanceof Law);
    assert.equal(l.name, name, k);
    assert.equal(l.arity, arity, k);
    assert.equal(l.body, 0, k);
    // The name is the text `##SHAPE`; shifted right 16 bits it is the shape.
    assert.equal(Math.floor(name / 65536), natFromText(k));
  }
});

Deno.test("rex plan: exact encoding of leaves, nodes, rows and embeds", () => {
  const v = rexToPlan(word("x")) as Clo;
  assert.ok(v instanceof Clo);
  assert.equal(v.head, REX_CONSTRUCTORS.WORD);
  assert.deepEqual(v.args, [natFromText("x"), 0]);
  assert.equal(v.ar, 1);

  const n = rexToPlan(nest("|", [word("a"), word("b")], text("h"))) as Clo;
  assert.equal(n.head, REX_CONSTRUCTORS.NEST);
  assert.equal(n.args.length, 3);
  assert.equal(n.args[0], natFromText("|"));
  const row = n.args[1] as Clo;
  assert.ok(row instanceof Clo);
  assert.ok(row.head instanceof Law);
  assert.equal(row.head.name, 0);
  assert.equal(row.head.arity, 3);
  assert.equal(row.head.body, 0);
  // Rows apply their last element first.
  assert.equal((row.args[0] as Clo).args[0], natFromText("b"));
  assert.equal((row.args[1] as Clo).args[0], natFromText("a"));
  assert.equal((n.args[2] as Clo).head, REX_CONSTRUCTORS.TEXT);

  const e = rexToPlan(nest(",", [])) as Clo;
  const empty = e.args[1] as Law;
  assert.ok(empty instanceof Law);
  assert.equal(empty.arity, 1);
  assert.equal(e.args[2], 0);

  const big = 2n ** 80n;
  const m = rexToPlan(embd(big)) as Clo;
  assert.equal(m.head, REX_CONSTRUCTORS.EMBD);
  assert.deepEqual(m.args, [big]);
  assert.equal(rexToPlan(text("")) instanceof Clo, true);
  assert.equal((rexToPlan(text("")) as Clo).args[0], 0);
  assert.equal((rexToPlan(line("日本")) as Clo).args[0], natFromText("日本"));
});

Deno.test("rex plan: agrees with values built by the evaluator", () => {
  const [w, n] = [NAMES[1][1], NAMES[5][1]];
  // (NEST "|" [f (WORD "x" 0)] (WORD "y" 0)), written in PLAN text notation.
  const src = `(<{${n} 4 0}> 124 ({0 3 0} (<{${w} 3 0}> %x 0) (<{${w} 3 0}> %f 0))` +
    ` (<{${w} 3 0}> %y 0))`;
  const v = force(readPlan(src));
  const t = planToRex(v);
  assert.equal(showRex(t), "NEST'|'[f x] ~ y");
  assert.ok(equal(v, rexToPlan(t)));
});

/** A copy of `t` whose texts lose trailing NUL bytes (a nat cannot keep them). */
function strip(t: Rex): Rex {
  const copy = structuredClone(t);
  const todo: Rex[] = [copy];
  while (todo.length > 0) {
    const r = todo.pop()!;
    if (r.kind === "EMBD") continue;
    if (r.heir) todo.push(r.heir);
    if ("sons" in r) todo.push(...r.sons);
    else r.text = r.text.replace(/\0+$/, "");
  }
  return copy;
}

Deno.test("rex plan: round trip of parsed and random trees", () => {
  const src = "= (f x)\n  | g x.y {t} -z\n  } line\n  } two\n(a + b)[c](| d)\n";
  for (const t of parseRex(src)) assert.ok(rexEqual(planToRex(rexToPlan(t)), t));
  const r = new Rng(99);
  for (let i = 0; i < 2000; i++) {
    const t = randomRex(r);
    const back = planToRex(rexToPlan(t));
    assert.ok(rexEqual(back, strip(t)), showRex(t));
  }
  // Trailing NULs are the one thing the encoding cannot keep.
  assert.equal(showRex(planToRex(rexToPlan(text("a\0\0")))), 'T"a"');
});

Deno.test("rex plan: decoding follows evaluated thunks", () => {
  const done = (x: Val) => new Thunk(0, x, ThunkState.Done);
  const v = rexToPlan(nest("|", [word("a"), word("b")], word("h"))) as Clo;
  const row = v.args[1] as Clo;
  const wrapped = new Clo(v.head, [
    done(v.args[0]),
    done(new Clo(row.head, [done(row.args[0]), row.args[1]], 1)),
    done(v.args[2]),
  ], 1);
  assert.equal(showRex(planToRex(done(wrapped))), "NEST'|'[a b] ~ h");
});

Deno.test("rex plan: malformed values are rejected", () => {
  const wordPin = REX_CONSTRUCTORS.WORD;
  const nestPin = REX_CONSTRUCTORS.NEST;
  const bad: Val[] = [
    0,
    5,
    wordPin,
    new Law(1, 2, 0),
    new Clo(wordPin, [1], 2), // missing an argument
    new Clo(new Pin(new Law(natFromText("##WORX"), 3, 0)), [1, 0], 1),
    new Clo(new Pin(new Law(natFromText("##WORD"), 3, 1)), [1, 0], 1),
    new Clo(new Pin(new Law(natFromText("##WORD"), 4, 0)), [1, 0, 0], 1),
    new Clo(wordPin, [new Law(0, 1, 0), 0], 1), // text not a nat
    new Clo(wordPin, [1, 7], 1), // heir not a rex
    new Clo(nestPin, [1, 3, 0], 1), // sons not a row
    new Clo(nestPin, [1, new Clo(new Law(0, 3, 0), [1], 2), 0], 1), // partial row
    new Clo(nestPin, [1, new Clo(new Law(0, 2, 0), [9], 1), 0], 1), // son not a rex
    new Clo(wordPin, [1, new Thunk(wordPin, 1)], 1), // unevaluated
  ];
  for (const v of bad) {
    assert.throws(() => planToRex(v), (e: unknown) => {
      return e instanceof RexError && e.message.startsWith("malformed rex");
    });
  }
});

Deno.test("rex plan: an equal but distinct constructor pin is accepted", () => {
  const pin = new Pin(new Law(natFromText("##TEXT"), 3, 0));
  assert.equal(showRex(planToRex(new Clo(pin, [natFromText("hi"), 0], 1))), 'T"hi"');
});

Deno.test("rex plan: sharing is preserved, cycles are rejected", () => {
  const shared = nest("|", [word("s")]);
  const t = nest("|", [shared, shared, open("=", [shared])]);
  const v = rexToPlan(t) as Clo;
  const sons = (v.args[1] as Clo).args;
  assert.equal(sons[2], sons[1]);
  const back = planToRex(v);
  assert.ok(rexEqual(back, t));
  assert.ok(back.kind === "NEST" && back.sons[0] === back.sons[1]);

  const loop = word("x");
  loop.heir = loop;
  assert.throws(() => rexToPlan(loop), RexError);
});

Deno.test("rex plan: depth 1,000,000 both ways", () => {
  const n = 1_000_000;
  let t: Rex = word("a");
  for (let i = 0; i < n; i++) t = nest("|", [t]);
  const back = planToRex(rexToPlan(t));
  assert.ok(rexEqual(back, t));
  let h: Rex | null = null;
  for (let i = 0; i < n / 10; i++) h = word("w", h);
  assert.ok(rexEqual(planToRex(rexToPlan(h!)), h));
});
