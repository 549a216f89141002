/**
 * The value printer (`sire/print`): Sire notation for every shape of value,
 * re-parseable Rex output, depth safety and the `maxChars` cap.
 */

import assert from "node:assert/strict";
import { showValue } from "../sire/print/mod.ts";
import {
  apply,
  Clo,
  Law,
  natFromText,
  Pin,
  Thunk,
  ThunkState,
  type Val,
} from "../runtime/plan/value.ts";
import { makeBar, makeCow, makeRow } from "../runtime/plan/shapes.ts";
import { parseRex, rexToPlan } from "../sire/rex/mod.ts";

const T = natFromText;
const bytes = (s: string) => new TextEncoder().encode(s);
const set = (keys: Val[]) => new Law(1, 2, makeRow(keys));
const tab = (keys: Val[], vals: Val[]) => new Clo(set(keys), [makeRow(vals)], 1);
const mul = new Pin(new Law(T("mul"), 2, 0));

/** The output reads back as Rex (a single block). */
function reparses(s: string): void {
  assert.equal(parseRex(s).length, 1, s);
}

Deno.test("nats: decimal, %letters, {text}", () => {
  assert.equal(showValue(0), "0");
  assert.equal(showValue(9), "9");
  assert.equal(showValue(33), "33"); // "!" is < 256 and not a letter
  assert.equal(showValue(0x71), "%q"); // a single letter
  assert.equal(showValue(T("zebra")), "%zebra");
  assert.equal(showValue(T("two words")), "{two words}");
  assert.equal(showValue(T("r2d2")), "{r2d2}");
  assert.equal(showValue(T("tab\there")), String(T("tab\there"))); // not printable
  assert.equal(showValue(T("héllo")), String(T("héllo"))); // not ASCII
  assert.equal(showValue(2n ** 64n), "18446744073709551616");
  assert.equal(
    showValue(T("Longer Mixed-Case TEXT, with punctuation!")),
    "{Longer Mixed-Case TEXT, with punctuation!}",
  );
  const braces = showValue(T("open { only"));
  assert.ok(!braces.startsWith("{"), braces); // needs a quote form
  reparses(braces);
});

Deno.test("rows, cows, tabs, sets", () => {
  assert.equal(showValue(makeRow([])), "[]");
  assert.equal(showValue(makeRow([4, T("ab"), makeRow([5])])), "[4 %ab [5]]");
  assert.equal(showValue(makeCow(3)), "C3");
  assert.equal(showValue(makeCow(1)), "C1");
  assert.equal(showValue(tab([], [])), "#[]");
  assert.equal(showValue(tab([T("k"), T("v")], [10, makeRow([])])), "#[k=10 v=[]]");
  assert.equal(showValue(tab([3, T("x y")], [T("p"), 0])), "#[3=(%p) {x y}=0]");
  assert.equal(showValue(set([])), "%[]");
  assert.equal(showValue(set([1, T("key")])), "%[1 key]");
  reparses(showValue(tab([T("k")], [new Clo(mul, [2], 1)])));
});

Deno.test("bars: b#name, b#{text}, x#hex", () => {
  assert.equal(showValue(makeBar(bytes("hello_2"))), "b#hello_2");
  assert.equal(showValue(makeBar(bytes("hi there!"))), "b#{hi there!}");
  assert.equal(showValue(makeBar(new Uint8Array())), "b#{}");
  assert.equal(showValue(makeBar(Uint8Array.from([0, 1, 0xab]))), "x#0001ab");
  assert.equal(showValue(makeBar(bytes("line\nbreak"))), "x#6c696e650a627265616b");
});

Deno.test("applications: (f x y) and f-x", () => {
  assert.equal(showValue(new Clo(mul, [3], 1)), "mul-3");
  assert.equal(showValue(new Clo(mul, [T("q")], 1)), "(mul %q)");
  assert.equal(showValue(new Clo(mul, [makeRow([1])], 1)), "(mul [1])");
  assert.equal(showValue(new Clo(0, [T("f"), 2], 1)), "(0 %f 2)");
  // Unevaluated and evaluated thunks.
  assert.equal(showValue(apply(mul, 6, 7)), "mul-6-7");
  assert.equal(showValue(new Thunk(0, 5, ThunkState.Done)), "5");
  assert.equal(showValue(new Thunk(0, 0, ThunkState.Hole)), "_HOLE_");
});

Deno.test("laws: named (f a b ? body), anonymous (a & body)", () => {
  assert.equal(showValue(new Law(T("fst"), 2, 1)), "(fst a b ? a)");
  assert.equal(showValue(new Law(0, 1, 1)), "(a & a)");
  assert.equal(showValue(new Law(0, 2, 2)), "(a b & b)");
  // Body `(0 (0 mul 1) (2 7))`: an application of a pin to an argument and a constant.
  const body = new Clo(0, [new Clo(0, [mul, 1], 1), new Clo(2, [7], 2)], 1);
  assert.equal(showValue(new Law(T("sq"), 1, body)), "(sq a ? mul-a-7)");
  // Constant nat 1 (via `(2 1)`) is not the variable 1.
  assert.equal(showValue(new Law(T("k"), 1, new Clo(2, [1], 2))), "(k a ? 1)");
  // Self reference and a let: `(1 (0 0 1) 2)` = `@ b (self a) b`.
  const letBody = new Clo(1, [new Clo(0, [0, 1], 1), 2], 1);
  assert.equal(showValue(new Law(T("loop"), 1, letBody)), "(loop a ? (@ b loop-a b))");
  // Argument names avoid the names of pins used in the body.
  const a = new Pin(new Law(T("a"), 1, 1));
  assert.equal(showValue(new Law(T("g"), 1, new Clo(0, [a, 1], 1))), "(g b ? a-b)");
  for (const l of [new Law(T("fst"), 2, 1), new Law(T("loop"), 1, letBody)]) {
    reparses(showValue(l));
  }
});

Deno.test("pins: law names, _1 suffixes, other pins", () => {
  const other = new Pin(new Law(T("mul"), 2, 1)); // a different pin named mul
  assert.equal(showValue(mul), "mul");
  assert.equal(showValue(makeRow([mul, other, mul, other])), "[mul mul_1 mul mul_1]");
  assert.equal(showValue(new Pin(makeRow([1, 2]))), "(PIN [1 2])");
  assert.equal(showValue(new Pin(5)), "(PIN 5)");
  assert.equal(showValue(new Pin(new Law(0, 1, 1))), "(PIN (a & a))");
});

Deno.test("Rex-shaped closures print as quoted Rex", () => {
  const q = (s: string) => showValue(rexToPlan(parseRex(s)[0]));
  assert.equal(q("(f x [a b] 3)"), "'(f x [a b] 3)");
  assert.equal(q("a.b"), "'a.b");
  assert.equal(q("{some text}"), "'{some text}");
  assert.equal(q("%[x]"), "'(%[x])");
  assert.equal(q("| f x"), "'(f x)"); // OPEN is shown in its closed form
  assert.equal(q("f(x)"), "'f(x)"); // a heir
  // A text leaf that cannot be printed falls back to the value form (the
  // constructor pin's law is not named by an identifier).
  const bad = rexToPlan(parseRex("{x}")[0]) as Clo;
  const withNewline = new Clo(bad.head, [T("a\nb"), 0], 1);
  assert.equal(showValue(withNewline), `((PIN (a b c & _self)) ${T("a\nb")} 0)`);
});

Deno.test("depth 100,000: rows, apps, thunks and law bodies", () => {
  const n = 100_000;
  let r: Val = 0;
  for (let i = 0; i < n; i++) r = makeRow([r]);
  const s = showValue(r, { maxChars: 1_000_000 });
  assert.equal(s, "[".repeat(n) + "0" + "]".repeat(n));
  const cut = showValue(r, { maxChars: 30 });
  assert.equal(cut, "[".repeat(30) + "…");

  let t: Val = 1;
  for (let i = 0; i < n; i++) t = apply(mul, t, 2);
  assert.ok(showValue(t).startsWith("(mul (mul (mul "));

  let b: Val = 1;
  for (let i = 0; i < n; i++) b = new Clo(0, [new Clo(0, [mul, b], 1), 1], 1);
  const law = showValue(new Law(T("deep"), 1, b), { maxChars: 40 });
  assert.equal(law, "(deep a ? mul (mul (mul (mul (mul (mul (…");

  let p: Val = 7;
  for (let i = 0; i < n; i++) p = new Pin(p);
  assert.ok(showValue(p, { maxChars: 50 }).endsWith("…"));
});

Deno.test("maxChars bounds the work on a shared DAG", () => {
  // 2^300 leaves when written out as a tree.
  let g: Val = T("leaf");
  for (let i = 0; i < 300; i++) g = makeRow([g, g]);
  const t0 = performance.now();
  const s = showValue(g, { maxChars: 500 });
  assert.ok(performance.now() - t0 < 2000);
  assert.equal(s.length, 501);
  assert.ok(s.endsWith("…"));
  assert.ok(s.startsWith("[[[[") && s.includes("%leaf %leaf"));
  // The default cap also applies.
  assert.ok(showValue(g).length <= 100_001);
  // Short values are not cut.
  assert.equal(showValue(makeRow([1, 2]), { maxChars: 5 }), "[1 2]");
  assert.equal(showValue(makeRow([1, 2]), { maxChars: 4 }), "[1 2…");
});
