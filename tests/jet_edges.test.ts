// Jet edge cases: division by zero, nats around 2^53 and 2^64, empty and
// out-of-range rows and bars, laziness and forcing order, set/tab/bar/word
// examples from the upstream library, _Try and hashing vectors. Wherever
// the legal code terminates, each example is also run legally and must
// give the same result.

import assert from "node:assert/strict";
import { force } from "../runtime/plan/eval.ts";
import { PlanCrash } from "../runtime/plan/errors.ts";
import { hashToBase58, pinHash } from "../runtime/plan/hash.ts";
import { showPlan } from "../runtime/plan/text.ts";
import {
  Clo,
  Law,
  natBytes,
  natFromBytes,
  natFromText,
  Pin,
  Thunk,
  type Val,
} from "../runtime/plan/value.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import { jettedPin, legalPin, lib, mkRow } from "./jet_cases.ts";

const B53 = 2n ** 53n, B64 = 2n ** 64n;

/** `(f args…)`. */
function call(f: Val, ...args: Val[]): Val {
  return args.reduce<Val>((g, x) => new Thunk(g, x), f);
}

/** The printed normal form of the native call, or "crash op arg". */
function run(f: Val, args: Val[]): string {
  try {
    return showPlan(force(call(f, ...args), { budget: 2_000_000 }));
  } catch (e) {
    if (e instanceof PlanCrash) return `crash ${showPlan(e.op)} ${showPlan(e.arg)}`;
    throw e;
  }
}

/** Runs a jet natively (and legally unless `legal` is false); returns the native result. */
function jet(name: string, args: () => Val[], legal = true): string {
  const got = run(jettedPin(name), args());
  if (legal) assert.equal(got, run(legalPin(name), args()), `${name}: native vs legal`);
  return got;
}

const crash = (op: number): Val => new Thunk(op, 0);
const S = (v: Val) => showPlan(v);
const row = (...xs: Val[]) => mkRow(xs);
const bar = (text: string) => barOf(new TextEncoder().encode(text));
function barOf(bytes: Uint8Array): Law {
  const p = new Uint8Array(bytes.length + 1);
  p.set(bytes);
  p[bytes.length] = 1;
  return new Law(1, 1, natFromBytes(p));
}
const set = (...keys: Val[]) => new Law(1, 2, mkRow(keys, true));
const tab = (keys: Val[], vals: Val[]) => new Clo(set(...keys), [mkRow(vals)], 1);
const big = (n: bigint): Val => n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;

setTraceLogger(() => {});

Deno.test("division by zero: _Div x 0 = 0, _Mod x 0 = x, _DivMod x 0 = (0 0 x)", () => {
  assert.equal(jet("_Div", () => [7, 0], false), "0");
  assert.equal(jet("_Div", () => [big(B64 + 5n), 0], false), "0");
  assert.equal(jet("_Mod", () => [7, 0]), "7");
  assert.equal(jet("_Mod", () => [big(B64 + 5n), 0]), (B64 + 5n).toString());
  assert.equal(jet("_DivMod", () => [7, 0], false), "(0 0 7)");
  assert.equal(jet("div32", () => [7, 0], false), "0");
  assert.equal(jet("div64", () => [7, big(B64)], false), "0");
  assert.equal(jet("iDiv64", () => [7, 0], false), "0");
});

Deno.test("nats cross 2^53 and 2^64 exactly and stay canonical", () => {
  const max = Number.MAX_SAFE_INTEGER;
  assert.equal(jet("_Add", () => [max, 1]), B53.toString());
  assert.equal(jet("_Add", () => [big(B64 - 1n), 1]), B64.toString());
  assert.equal(jet("_Sub", () => [big(B53), 1]), String(max));
  assert.equal(jet("_Sub", () => [3, 5]), "0");
  assert.equal(jet("_Mul", () => [2 ** 30, 8]), (2n ** 33n).toString());
  assert.equal(jet("_Mul", () => [big(B53), 3]), (B53 * 3n).toString());
  assert.equal(jet("_Dec", () => [big(B53)]), String(max));
  assert.equal(jet("_Lsh", () => [1, 53]), B53.toString());
  assert.equal(jet("_Lsh", () => [3, 63]), (3n << 63n).toString());
  assert.equal(jet("_Rsh", () => [big(B64 + 12345n), 64]), "1");
  assert.equal(jet("_Rsh", () => [big(B64), 200]), "0");
  assert.equal(jet("_Met", () => [big(B64)]), S(65));
  assert.equal(jet("_Met", () => [max]), S(53));
  assert.equal(jet("_PopCount", () => [big(B64 - 1n)]), S(64));
  assert.equal(jet("_Bex", () => [64]), B64.toString());
  assert.equal(jet("_Div", () => [big(B64 * 3n + 2n), big(B64)], false), "3");
  assert.equal(jet("_Mod", () => [big(B64 * 3n + 2n), big(B64)]), "2");
  assert.equal(jet("_Con", () => [big(B64 + 6n), 12]), "4");
  assert.equal(jet("_Dis", () => [big(B53), 1]), (B53 + 1n).toString());
  assert.equal(jet("_Mix", () => [big(B64 + 1n), big(B64)]), "1");
  assert.equal(jet("_Trunc", () => [64, big(B64 + 9n)]), "9");
  assert.equal(jet("_TestBit", () => [64, big(B64)]), "1");
  assert.equal(jet("_ClearBit", () => [64, big(B64 + 1n)]), "1");
  assert.equal(jet("_SetBit", () => [53, 0]), B53.toString());
  // Results that fit are JS numbers, larger ones bigints.
  assert.equal(typeof force(call(jettedPin("_Sub"), big(B53), 1)), "number");
  assert.equal(
    typeof force(call(jettedPin("_Add"), Number.MAX_SAFE_INTEGER, 1)),
    "bigint",
  );
});

Deno.test("words wrap at 2^32 and 2^64; sub borrows with the raw inputs", () => {
  assert.equal(jet("w32", () => [big(2n ** 32n + 1n)]), "1");
  assert.equal(jet("add32", () => [0xffffffff, 2]), "1");
  assert.equal(jet("mul32", () => [0x10000, 0x10000]), "0");
  assert.equal(jet("sub32", () => [1, 2]), "4294967295");
  // Out of range: the legal code's borrow uses x and y untruncated.
  assert.equal(jet("sub32", () => [2 ** 32 + 1, 5]), String(2 ** 33 - 4));
  assert.equal(jet("lsh32", () => [0x80000001, 1]), "2");
  assert.equal(jet("rsh32", () => [0x80000000, 31]), "1");
  assert.equal(jet("ror32", () => [1, 1]), String(0x80000000));
  assert.equal(jet("rol32", () => [0x80000000, 1]), "1");
  assert.equal(jet("add64", () => [big(B64 - 1n), 2]), "1");
  assert.equal(jet("rol64", () => [big(1n << 63n), 1]), "1");
  assert.equal(jet("ror64", () => [1, 1]), (1n << 63n).toString());
  assert.equal(jet("iDiv64", () => [big(B64 - 6n), 3]), (B64 - 2n).toString()); // -6 / 3 = -2
  assert.equal(jet("iDiv64", () => [7, big(B64 - 2n)]), (B64 - 3n).toString()); // 7 / -2 = -3
});

Deno.test("empty rows and bars, out-of-range indices", () => {
  const empty = () => mkRow([]);
  assert.equal(jet("_Len", () => [empty()]), "0");
  assert.equal(jet("_Get", () => [empty(), 0]), "0");
  assert.equal(jet("_Get", () => [row(1, 2, 3), 3]), "0");
  assert.equal(jet("_Get", () => [row(1, 2, 3), big(B64)]), "0");
  assert.equal(jet("_Idx", () => [2, row(1, 2, 3)]), "3");
  assert.equal(jet("_Put", () => [row(1, 2), 5, 9]), S(row(1, 2)));
  assert.equal(jet("_Mut", () => [1, 9, row(1, 2)]), S(row(1, 9)));
  assert.equal(jet("_Switch", () => [3, 77, row(1, 2, 3)]), S(77));
  assert.equal(jet("_Switch", () => [row(0), 77, row(1, 2, 3)]), S(77));
  assert.equal(jet("_Last", () => [empty()]), "0");
  assert.equal(jet("_Rev", () => [empty()]), S(empty()));
  assert.equal(jet("_Weld", () => [empty(), empty()]), S(empty()));
  assert.equal(jet("_Map", () => [3, empty()]), S(empty()));
  // Closures that are not rows have elements too: (1 2 3) has 3 then 2.
  assert.equal(jet("_Len", () => [call(1, 2, 3)]), "2");
  assert.equal(jet("_Get", () => [call(1, 2, 3), 0]), "3");
  assert.equal(jet("_Len", () => [5]), "0");
  assert.equal(jet("barLen", () => [bar("")]), "0");
  assert.equal(jet("barIsEmpty", () => [bar("")]), "1");
  assert.equal(jet("barIdx", () => [0, bar("")]), "0");
  assert.equal(jet("barIdx", () => [5, bar("abc")]), "0");
  assert.equal(jet("barIdx", () => [1, bar("abc")]), S(98));
  assert.equal(jet("barCat", () => [empty()]), S(bar("")));
  assert.equal(jet("barTake", () => [9, bar("abc")]), S(bar("abc")));
  assert.equal(jet("barDrop", () => [9, bar("abc")]), S(bar("")));
  assert.equal(jet("barElemIndexEnd", () => [97, bar("")]), "0");
  assert.equal(jet("barElemIndexOff", () => [97, 9, bar("abc")]), "3");
  assert.equal(jet("tabElemIdx", () => [5, tab([1], [2])]), "0");
  assert.equal(jet("setMin", () => [set()]), "0");
  assert.equal(jet("tabMinKey", () => [tab([], [])]), "0");
});

Deno.test("forcing order and laziness match the legal code", () => {
  // _Add forces y before x; _Mul x 0 never forces x.
  assert.equal(jet("_Add", () => [crash(1001), crash(1002)]), "crash 1002 0");
  assert.equal(jet("_Mul", () => [crash(1001), 0]), "0");
  assert.equal(jet("_Lsh", () => [0, crash(1001)]), "0");
  assert.equal(jet("_Rsh", () => [crash(1001), crash(1002)]), "crash 1002 0");
  assert.equal(jet("_And", () => [0, crash(1001)]), "0");
  assert.equal(jet("_Or", () => [1, crash(1001)]), "1");
  assert.equal(jet("_If", () => [1, 5, crash(1001)]), "5");
  // Rows keep elements unevaluated; normalising forces them last-first.
  assert.equal(jet("_Len", () => [row(crash(1001), crash(1002))]), "2");
  assert.equal(jet("_Get", () => [row(crash(1001), 7), 1]), "7");
  assert.equal(jet("_Map", () => [3, row(crash(1001), crash(1002))]), "crash 1002 0");
  assert.equal(jet("_Weld", () => [row(crash(1001)), row(crash(1002))]), "crash 1002 0");
  assert.equal(jet("_Gen", () => [3, 99]), `crash ${S(99)} 2`);
  // Comparison stops at the first difference and forces nothing after it.
  // Rows compare their last element first.
  assert.equal(jet("_Cmp", () => [row(crash(1001), 1), row(crash(1002), 2)]), "0");
  assert.equal(jet("_Cmp", () => [row(crash(1001), 3), row(crash(1002), 2)]), "2");
  assert.equal(
    jet("_Cmp", () => [row(1, crash(1001)), row(2, crash(1002))]),
    "crash 1001 0",
  );
  assert.equal(
    jet("_Cmp", () => [row(crash(1001), 2), row(crash(1002), 2)]),
    "crash 1001 0",
  );
  assert.equal(
    jet("_Eql", () => [row(1, crash(1001)), row(1, crash(1002))]),
    "crash 1001 0",
  );
  assert.equal(jet("_Cmp", () => [row(1, 2, 3), row(1, 2)]), "2");
  // A lookup in an empty set never looks at the key.
  assert.equal(jet("setHas", () => [crash(1001), set()]), "0");
  assert.equal(jet("tabIdx", () => [crash(1001), tab([], [])]), "0");
  // Insertion normalises the key into the set.
  assert.equal(jet("setIns", () => [row(crash(1001)), set(1)]), "crash 1001 0");
  // Tab values stay lazy.
  assert.equal(jet("tabMap", () => [99, tab([1, 2], [5, 6])]), `crash ${S(99)} 6`);
  assert.equal(jet("tabIns", () => [3, crash(1001), tab([1], [2])]), "crash 1001 0");
  assert.equal(jet("_TabLen", () => [tab([1, 2], [crash(1001), 0])]), "2");
  // _Trace normalises its first argument first.
  assert.equal(jet("_Trace", () => [row(crash(1001)), 5]), "crash 1001 0");
});

Deno.test("sets follow the upstream examples", () => {
  const [a, b, c] = ["a", "b", "c"].map(natFromText);
  assert.equal(jet("setIns", () => [3, set(0, 1, 2)]), S(set(0, 1, 2, 3)));
  assert.equal(jet("setIns", () => [c, set(a, b, c)]), S(set(a, b, c)));
  assert.equal(jet("setDel", () => [2, set(0, 1, 2, 3)]), S(set(0, 1, 3)));
  assert.equal(jet("setDel", () => [3, set(0, 1, 2)]), S(set(0, 1, 2)));
  assert.equal(jet("setWeld", () => [set(a, c), set(b, c)]), S(set(a, b, c)));
  assert.equal(
    jet("setIntersect", () => [set(a, b, c), set(a, natFromText("d"))]),
    S(set(a)),
  );
  assert.equal(jet("setSub", () => [set(3, 5), set(1, 3)]), S(set(5)));
  assert.equal(jet("setSub", () => [set(), set(3, 5)]), S(set()));
  assert.equal(jet("setCatRowAsc", () => [row(set(a), set(), set(b))]), S(set(a, b)));
  // Not ascending: the result is the concatenation, not a set.
  assert.equal(
    jet("setCatRowAsc", () => [row(set(7, 9), set(8))]),
    S(new Law(1, 2, row(7, 9, 8))),
  );
  assert.equal(
    jet("setSplitLT", () => [2, set(0, 1, 2, 3)]),
    S(row(set(0, 1), set(2, 3))),
  );
  assert.equal(jet("setSplitAt", () => [1, set(0, 1, 2)]), S(row(set(0), set(1, 2))));
  assert.equal(jet("isSet", () => [set(2, 1)]), "0");
  assert.equal(jet("isSet", () => [new Law(1, 2, row(1, 2))]), "1");
  assert.equal(jet("isSet", () => [new Law(2, 2, row())]), "0");
});

Deno.test("tabs follow the upstream examples", () => {
  const ex1 = () => tab([1, 5], [5, 1]);
  assert.equal(jet("tabIns", () => [2, 6, ex1()]), S(tab([1, 2, 5], [5, 6, 1])));
  assert.equal(jet("tabIns", () => [0, 6, ex1()]), S(tab([0, 1, 5], [6, 5, 1])));
  assert.equal(jet("tabIns", () => [9, 6, ex1()]), S(tab([1, 5, 9], [5, 1, 6])));
  assert.equal(jet("tabIns", () => [1, 9, ex1()]), S(tab([1, 5], [9, 1])));
  assert.equal(
    jet("tabFromPairs", () => [row(row(5, 9), row(3, 7), row(3, 8))]),
    S(tab([3, 5], [8, 9])),
  );
  assert.equal(
    jet("tabToPairs", () => [tab([1, 2, 3], [4, 5, 6])]),
    S(row(row(1, 4), row(2, 5), row(3, 6))),
  );
  assert.equal(
    jet("tabToPairList", () => [tab([3, 5], [8, 9])]),
    S(row(row(3, 8), row(row(5, 9), 0))),
  );
  assert.equal(jet("tabIdx", () => [2, tab([1, 2, 3], [4, 5, 6])]), "5");
  assert.equal(jet("tabSwitch", () => [7, 0, tab([1], [4])]), "0");
  assert.equal(jet("_TabLookup", () => [1, tab([1], [4])]), "(0 4)");
  assert.equal(
    jet("tabWeld", () => [tab([1, 2], [10, 20]), tab([2, 3], [0, 30])]),
    S(tab([1, 2, 3], [10, 20, 30])),
  );
  assert.equal(
    jet("tabUnionWith", () => [lib("_Add"), tab([1, 2], [10, 20]), tab([2], [5])]),
    S(tab([1, 2], [10, 25])),
  );
  assert.equal(jet("tabAlter", () => [0, 4, tab([1], [2])]), S(tab([1, 4], [2, 0])));
  assert.equal(
    jet("tabAlter", () => [lib("_Cdr"), 1, tab([1, 2], [7, 8])]),
    S(tab([2], [8])),
  );
  const c3 = lib("c3");
  assert.equal(
    jet("tabFoldlWithKey", () => [c3, 0, tab([1, 2], [7, 8])]),
    S(force(call(c3, call(c3, 0, 1, 7), 2, 8))),
  );
  assert.equal(
    jet("tabSplitLT", () => [2, tab([1, 2, 3], [4, 5, 6])]),
    S(row(tab([1], [4]), tab([2, 3], [5, 6]))),
  );
  assert.equal(jet("isTab", () => [tab([1, 2], [4, 5])]), "1");
  assert.equal(jet("isTab", () => [new Clo(set(1, 2), [row(4)], 1)]), "0");
});

Deno.test("bars follow the upstream definitions", () => {
  assert.equal(jet("natBar", () => [natFromText("foo")]), S(bar("foo")));
  assert.equal(jet("barNat", () => [bar("foo\0\0")]), S(natFromText("foo")));
  assert.equal(jet("barLen", () => [bar("foo\0\0")]), "5");
  assert.equal(jet("barWeld", () => [bar("ab\0"), bar("cd")]), S(bar("ab\0cd")));
  assert.equal(jet("barCat", () => [row(bar("a"), bar(""), bar("bc"))]), S(bar("abc")));
  assert.equal(
    jet("barFlat", () => [row(bar("a"), row(bar("b"), 7, bar("c")))]),
    S(bar("abc")),
  );
  assert.equal(jet("barElemIndexEnd", () => [97, bar("abca")]), "(0 3)");
  assert.equal(jet("barElemIndexOff", () => [97, 1, bar("abca")]), "3");
  assert.equal(jet("_BarSliceToNat", () => [1, 2, bar("abcd")]), S(natFromText("bc")));
  assert.equal(jet("_NatToSizedBar", () => [3, 97]), S(bar("a\0\0")));
  assert.equal(jet("isBar", () => [new Law(1, 1, 2)]), "0");
  assert.equal(jet("barLen", () => [new Law(1, 1, 2)]), "0"); // legal code on a non-bar
});

Deno.test("_Try follows the plan.sire vectors", () => {
  const t = (r: Val) => run(jettedPin("_Try"), [r]);
  const L = (v: Val) => S(row(0, v)), R = (v: Val) => S(row(1, v));
  assert.equal(t(99), "0");
  assert.equal(t(row(99)), R(99));
  assert.equal(t(row(0, 1, 2)), R(call(0, 1, 2)));
  assert.equal(t(call(1, 2, 1, 0)), R(call(0, 1, 2)));
  assert.equal(t(row(0, 1, 2, 3)), R(new Law(1, 2, 3)));
  assert.equal(t(row(0, 0, 1, 0)), R(mkRow([])));
  assert.equal(t(row(0, 0)), R(call(0, 0)));
  assert.equal(t(row(0, 0, 0, 0)), L(row(0, 0)));
  assert.equal(t(row(0, 0, 0, 0, 0)), L(row(0, 0)));
  assert.equal(t(row(0, 0, 1, 3, 0)), R(3));
  assert.equal(t(row(lib("K"), 3, 4)), R(3));
  assert.equal(t(row(1, 0, 0, 0, 3, 4)), R(5));
  assert.equal(t(row(1, 0, 1, 0, 0, mkRow([]))), R(call(1, 0, 1, 0)));
  assert.equal(t(row(lib("_Mul"), 2, 3)), R(6));
  assert.equal(t(row(lib("_Seq"), 8, 9)), R(9));
  assert.equal(t(row(lib("_Div"), 7, 0)), R(0));
  assert.equal(t(row(99, row(1))), L(row(99, row(1))));
  // The row itself is normalised outside the catch.
  assert.equal(t(row(3, crash(1001))), "crash 1001 0");
});

Deno.test("hash jets: pin and plan hashes, BLAKE3 of bar trees", () => {
  const hex = (v: Val) => {
    const p = (force(v) as Law).body;
    return [...natBytes(p as bigint).subarray(0, 32)].map((b) =>
      b.toString(16).padStart(2, "0")
    ).join("");
  };
  const seq = lib("_Seq") as Pin;
  const h = force(call(jettedPin("_PinHash"), seq)) as Law;
  const bytes = natBytes(h.body as bigint).subarray(0, 32);
  assert.equal(hashToBase58(bytes), "7fPzp1b5QXpDDkvpt2oBGUm3w6eCPVKjDnUQ8i8w8mj5");
  assert.equal(S(force(call(jettedPin("_PinHash"), 5))), "0");
  const ph = hex(call(jettedPin("_PlanHash"), row(3, 4)));
  assert.equal(ph, "c19ce7d1d4adf1133b691f269bf2ee1c47f020382d0a1fd065ab715350672572");
  assert.equal(
    hex(call(jettedPin("_Blake3"), bar("fdsafdsa"))),
    "7470ea5654831e01ffc04ee0e43a32fb90227162dc0faaa14f9627d8f5c718f7",
  );
  const whole = hex(call(jettedPin("_Blake3"), bar("foobarbaz")));
  assert.equal(
    hex(call(jettedPin("_Blake3"), row(bar("foo"), bar("bar"), bar("baz")))),
    whole,
  );
  assert.equal(
    hex(call(jettedPin("_Blake3"), call(1, bar("baz"), bar("bar"), bar("foo")))),
    whole,
  );
  assert.equal(
    hex(call(jettedPin("_Blake3"), new Pin(bar("x")))),
    hex(call(jettedPin("_Blake3"), 0)),
  );
});

Deno.test("_Trace hands the normal form to the host logger", () => {
  const seen: string[] = [];
  setTraceLogger((v) => seen.push(S(v)));
  try {
    assert.equal(jet("_Trace", () => [row(call(lib("_Add"), 2, 3)), 7], false), "7");
    assert.deepEqual(seen, [S(row(5))]);
  } finally {
    setTraceLogger(() => {});
  }
});

Deno.test("seed jets follow the sire_22_seed vectors (I = <(S K K)>)", () => {
  const K = new Pin(new Law(natFromText("K"), 2, 1));
  // Law bodies must be normal: build S by evaluation (opcode 0).
  const Sp = new Pin(force(call(0, natFromText("S"), 3, quoteBody())) as Law);
  const I = new Pin(force(call(Sp, K, K)));
  const hexBar = (...words: string[]) =>
    barOf(Uint8Array.from(words.join("").match(/../g)!.map((h) => parseInt(h, 16))));
  const iGerm = row(
    row(Sp, K),
    hexBar(
      "0200000000000000",
      "0000000000000000",
      "0000000000000000",
      "0000000000000000",
      "0100000000000000",
      "5100000000000000",
    ),
  );
  const iSeed = hexBar(
    "0000000000000000",
    "0000000000000000",
    "0000000000000000",
    "0700000000000000",
    "0200000000000000",
    "534b040302010074",
    "16543a9dc1e6596d",
    "4673070000000000",
  );
  assert.equal(run(jettedPin("_SaveGerm"), [I]), showPlan(iGerm));
  assert.equal(run(jettedPin("_SaveSeed"), [I]), showPlan(iSeed));
  assert.equal(run(jettedPin("_LoadSeed"), [iSeed]), showPlan(I));
  assert.equal(
    run(jettedPin("_LoadGerm"), [row(Sp, K), (iGerm as Clo).args[0]]),
    showPlan(I),
  );
  assert.equal(run(jettedPin("_SaveGerm"), [5]), "0");
});

/** The body `(x z (y z))` of S, as a law body value: `(0 (0 1 3) (0 2 3))`. */
function quoteBody(): Val {
  // (0 (0 1 3) (0 2 3)) written as an expression that evaluates to itself:
  // apps of opcode 0 with two arguments are closures.
  return call(0, call(0, 1, 3), call(0, 2, 3));
}

Deno.test("natively built bars, sets and tabs are the plain PLAN values", () => {
  // Built by jets (with native caches) vs built by opcode 0 / application.
  const viaJet = (name: string, ...args: Val[]) => force(call(jettedPin(name), ...args));
  const viaLaw = (...args: Val[]) => force(call(0, ...args));
  const pairs: [Val, Val][] = [
    [
      viaJet("natBar", natFromText("hi")),
      viaLaw(1, 1, natFromText("hi") as number + 0x10000),
    ],
    [viaJet("setIns", 2, set(1, 3)), viaLaw(1, 2, row(1, 2, 3))],
    [
      viaJet("tabIns", 2, 9, tab([1], [8])),
      force(call(viaLaw(1, 2, row(1, 2)), row(8, 9))),
    ],
  ];
  const car = (v: Val) => showPlan(force(call(jettedPin("_Car"), v)));
  const cdr = (v: Val) => showPlan(force(call(jettedPin("_Cdr"), v)));
  for (const [a, b] of pairs) {
    assert.equal(showPlan(a), showPlan(b));
    assert.equal(car(a), car(b));
    assert.equal(cdr(a), cdr(b));
    assert.equal(showPlan(force(call(jettedPin("_Cmp"), a, b))), "1");
    assert.equal(hashToBase58(pinHashOf(a)), hashToBase58(pinHashOf(b)));
  }
});

function pinHashOf(v: Val): Uint8Array {
  return pinHash(new Pin(v));
}
