/**
 * Test support: the shared jet case table and the machinery to run a jet
 * natively and legally on the same random inputs and compare.
 *
 * Every case names a jet and gives a generator for its arguments. The
 * generator is run twice from the same seed, so each run gets its own fresh
 * copy (thunks are updated in place by evaluation). An outcome is the set of
 * input thunks forced by evaluating the call to weak head normal form, then
 * the normal form of the result (or the crash, or a loop). The legal side
 * is the jet's pin without its native jet, over a library whose other pins
 * are jetted ("mixed"), and optionally over the fully legal library
 * ("pure"); a legal run over its step budget is skipped, not compared.
 *
 * @module
 */

import { force, whnf } from "../runtime/plan/eval.ts";
import { PlanBudgetExceeded, PlanCrash, PlanLoop } from "../runtime/plan/errors.ts";
import { FALLBACK, type Jet } from "../runtime/plan/jet.ts";
import { showPlan } from "../runtime/plan/text.ts";
import {
  Clo,
  cow,
  Law,
  type Nat,
  natFromBig,
  natFromBytes,
  natFromText,
  Pin,
  Thunk,
  ThunkState,
  type Val,
} from "../runtime/plan/value.ts";
import { compare } from "../runtime/plan/compare.ts";
import { NATIVE_JETS } from "../runtime/jets/natives.ts";
import { mkBar } from "../runtime/jets/data.ts";
import { saveGerm, saveSeed } from "../runtime/seed/mod.ts";
import { lawPinsByName, loadLibrary } from "../tools/stdlib_common.ts";
import { compileLibrary, type Library } from "./jet_legal.ts";
import { LEGAL_SOURCE } from "./jet_legal_lib.ts";

// ---------------------------------------------------------------------------
// Libraries

/** The legal library with every native jet attached to its pin. */
export const MIXED: Library = compileLibrary(LEGAL_SOURCE, (name, p) => {
  const j = NATIVE_JETS.get(name);
  if (j !== undefined) p.jet = j;
});

/** The legal library with no jets at all. */
export const PURE: Library = compileLibrary(LEGAL_SOURCE, () => {});

/** A library value by name. */
export function lib(name: string): Val {
  const v = MIXED.values.get(name);
  if (v === undefined) throw new Error(`no such definition: ${name}`);
  return v;
}

// ---------------------------------------------------------------------------
// Random inputs

/** A seeded generator of PLAN inputs; records the thunks it makes. */
export class Gen {
  private s: number;
  /** Every thunk made, in order (for comparing what got forced). */
  readonly thunks: Thunk[] = [];
  private crashes = 0;

  /** Starts from `seed`. */
  constructor(seed: number) {
    this.s = (seed * 2654435761 + 12345) >>> 0;
  }

  /** A float in [0, 1). */
  rand(): number {
    // mulberry32
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.rand() < p;
  }

  /** One of the items. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `v` behind a thunk that evaluates to it. */
  lazy(v: Val): Thunk {
    const t = new Thunk(ID, v);
    this.thunks.push(t);
    return t;
  }

  /** A thunk that crashes (each with its own op). */
  crash(): Thunk {
    const t = new Thunk(1000 + this.crashes++, 0);
    this.thunks.push(t);
    return t;
  }

  /** `v` as an argument: sometimes lazy, rarely replaced by a crash. */
  arg(v: Val, lazy = 0.2, crash = 0.05): Val {
    const r = this.rand();
    if (r < crash) return this.crash();
    if (r < crash + lazy) return this.lazy(v);
    return v;
  }

  /** A nat of any size, biased to edge values. */
  nat(): Nat {
    switch (this.int(10)) {
      case 0:
        return this.int(4);
      case 1:
      case 2:
        return this.int(300);
      case 3:
        return this.int(1 << 20);
      case 4: {
        const e = this.pick([8, 16, 31, 32, 53, 63, 64, 65, 128]);
        return natFromBig((1n << BigInt(e)) + BigInt(this.int(5)) - 2n);
      }
      case 5:
        return natFromBig(BigInt(this.int(2 ** 30)) * BigInt(this.int(2 ** 30)) + 7n);
      case 6:
        return natFromBig(this.bits(this.int(200) + 1));
      default:
        return this.int(70);
    }
  }

  /** A random bigint of at most `n` bits. */
  bits(n: number): bigint {
    let r = 0n;
    for (let i = 0; i < n; i += 30) r = (r << 30n) | BigInt(this.int(1 << 30));
    return BigInt.asUintN(n, r);
  }

  /** A value that is not a nat. */
  nonNat(): Val {
    switch (this.int(4)) {
      case 0:
        return this.row(() => this.int(5), 2);
      case 1:
        return new Pin(this.int(5));
      case 2:
        return new Law(this.int(3), this.int(3) + 1, this.int(4));
      default:
        return close(lib("K"), this.int(5));
    }
  }

  /** A small nat, or sometimes a non-nat. */
  smallish(max = 12): Val {
    return this.chance(0.1) ? this.nonNat() : this.int(max);
  }

  /** A nat, or sometimes a non-nat. */
  natish(): Val {
    return this.chance(0.08) ? this.value(1) : this.nat();
  }

  /** A random value (normal form), `depth` bounding nesting. */
  value(depth = 2): Val {
    const k = depth <= 0 ? 0 : this.int(9);
    switch (k) {
      case 0:
      case 1:
        return this.int(6) === 0 ? this.nat() : this.int(8);
      case 2:
        return this.row(() => this.value(depth - 1), 4);
      case 3:
        return new Pin(this.value(depth - 1));
      case 4:
        return new Law(
          this.pick([0, 1, natFromText("f")]),
          this.int(3) + 1,
          this.value(depth - 1),
        );
      case 5:
        return close(this.pick([0, 1, 2, lib("K")]), this.value(depth - 1));
      case 6:
        return this.bar();
      case 7:
        return this.set(() => this.key());
      default:
        // Normal form throughout: a pin's item or a law's body never holds
        // a thunk.
        return this.tab(() => this.key(), () => this.value(depth - 1), 5, false);
    }
  }

  /** A set key: a small nat, a short text, or a small row. */
  key(): Val {
    switch (this.int(4)) {
      case 0:
        return this.pick([natFromText("a"), natFromText("bc"), natFromText("zz")]);
      case 1:
        return this.row(() => this.int(3), 2);
      default:
        return this.int(12);
    }
  }

  /** A row of up to `max` elements. */
  row(elem: () => Val, max = 5): Val {
    const n = this.int(max + 1);
    const items: Val[] = [];
    for (let i = 0; i < n; i++) items.push(elem());
    return mkRow(items);
  }

  /** A row whose elements are sometimes lazy or crashing. */
  lazyRow(elem: () => Val, max = 5): Val {
    return this.row(() => this.arg(elem(), 0.25, 0.08), max);
  }

  /** A bar of up to `max` bytes (as the law `{1 1 p}`). */
  bar(max = 6): Val {
    // Rarely malformed: any nat as the body (bit length not a whole byte).
    if (this.chance(0.05)) return new Law(1, 1, this.nat());
    const n = this.int(max + 1);
    const bytes = new Uint8Array(n + 1);
    for (let i = 0; i < n; i++) bytes[i] = this.chance(0.2) ? 0 : this.int(256);
    bytes[n] = 1;
    return new Law(1, 1, natFromBytes(bytes));
  }

  /** A set of keys (as the law `{1 2 row}`, keys ascending). */
  set(key: () => Val, max = 5): Law {
    return new Law(1, 2, mkRow(this.keys(key, max), true));
  }

  /** Distinct ascending keys. */
  keys(key: () => Val, max = 5): Val[] {
    const n = this.int(max + 1);
    const ks: Val[] = [];
    for (let i = 0; i < n; i++) ks.push(key());
    // Rarely malformed: in generation order, possibly repeated.
    if (this.chance(0.06)) return ks;
    ks.sort(compare);
    return ks.filter((k, i) => i === 0 || compare(ks[i - 1], k) !== 0);
  }

  /**
   * A tab (a set applied to its value row); with `lazy`, its value row is
   * sometimes an unevaluated thunk.
   */
  tab(key: () => Val, val: () => Val, max = 5, lazy = true): Val {
    const ks = this.keys(key, max);
    const vs = ks.map(() => val());
    // Rarely malformed: one value too many or too few.
    if (this.chance(0.05)) {
      if (vs.length > 0 && this.chance(0.5)) vs.pop();
      else vs.push(val());
    }
    const delay = this.chance(0.15) && lazy;
    return new Clo(new Law(1, 2, mkRow(ks, true)), [
      delay ? this.lazy(mkRow(vs)) : mkRow(vs),
    ], 1);
  }

  /** A set, sometimes something else. */
  setish(): Val {
    return this.chance(0.1) ? this.value(1) : this.set(() => this.key());
  }

  /** A tab, sometimes something else. */
  tabish(val?: () => Val): Val {
    return this.chance(0.1)
      ? this.value(1)
      : this.tab(() => this.key(), val ?? (() => this.arg(this.value(1), 0.2, 0.08)));
  }

  /** A bar, sometimes something else. */
  barish(): Val {
    return this.chance(0.1) ? this.value(1) : this.bar();
  }

  /** A byte, sometimes something else. */
  byteish(): Val {
    return this.chance(0.1) ? this.value(1) : this.int(256);
  }

  /** A list (`0` or `[x xs]`) of up to `max` cells. */
  list(elem: () => Val, max = 5): Val {
    const n = this.int(max + 1);
    let l: Val = 0;
    for (let i = 0; i < n; i++) {
      l = this.arg(mkRow([this.arg(elem(), 0.2, 0.05), l]), 0.2, 0.03);
    }
    return l;
  }

  /** A one-argument function. */
  fn1(): Val {
    return this.pick([
      3,
      lib("id"),
      close(lib("_Add"), 5),
      close(lib("K"), 7),
      close(lib("v2"), 1),
      99,
      close(lib("_Mul"), 3),
    ]);
  }

  /** A two-argument function. */
  fn2(): Val {
    return this.pick([
      lib("_Add"),
      lib("K"),
      lib("v2"),
      lib("_Sub"),
      close(lib("_Seq"), 0),
      lib("flip"),
    ]);
  }
}

const ID = new Law(0, 1, 1);

/** `f` partially applied to `x` (a closure value). */
export function close(f: Val, ...xs: Val[]): Val {
  return force(xs.reduce<Val>((g, x) => new Thunk(g, x), f));
}

/** A row of `items` (index order). */
export function mkRow(items: readonly Val[], nf = false): Val {
  const k = items.length;
  if (k === 0) return cow(0);
  const c = new Clo(cow(k), items.slice().reverse(), 1);
  c.nf = nf;
  return c;
}

// ---------------------------------------------------------------------------
// The case table

/** One row of the case table. */
export interface JetCase {
  /** The jet under test. */
  readonly jet: string;
  /** Builds the arguments. */
  readonly args: (g: Gen) => Val[];
  /** Random runs (default 120). */
  readonly runs?: number;
  /**
   * Also compare with the fully legal library (default false: its unary
   * arithmetic is only practical on small nats).
   */
  readonly pure?: boolean;
  /**
   * Instead of legal code, a reference computed in the host (for jets whose
   * legal code needs more than this library has, e.g. a PLAN evaluator).
   */
  readonly oracle?: (args: Val[]) => Val;
  /**
   * The only legal code is our own library's (sire/lib), not the legal
   * library of these tests: the case is left to jet_stdlib.test.ts.
   */
  readonly libraryOnly?: boolean;
}

const n2 =
  (a: (g: Gen) => Val, b: (g: Gen) => Val) => (g: Gen) => [g.arg(a(g)), g.arg(b(g))];
const NAT = (g: Gen) => g.natish();
const SMALL = (g: Gen) => g.smallish(40);
const TINY = (g: Gen) => g.smallish(6);
const BIT = (g: Gen) => g.chance(0.1) ? g.value(1) : g.int(3);
const ANY = (g: Gen) => g.value(2);
const ROW = (g: Gen) => g.chance(0.1) ? g.value(1) : g.lazyRow(() => g.value(1));
const SET = (g: Gen) => g.setish();
const KEY = (g: Gen) => g.chance(0.15) ? g.lazyRow(() => g.int(3), 2) : g.key();
const TAB = (g: Gen) => g.tabish();
const BAR = (g: Gen) => g.barish();
const F1 = (g: Gen) => g.fn1();
const F2 = (g: Gen) => g.fn2();
const W32 = (g: Gen) => g.chance(0.8) ? g.int(2 ** 32) : g.natish();
const W64 = (g: Gen) => g.chance(0.7) ? natFromBig(g.bits(64)) : g.natish();
const NONE_SOME = (g: Gen) =>
  g.pick([close(lib("K"), 0), 0, close(lib("K"), close(0, 5)), lib("_Cdr"), 99]);

/** Marks cases whose legal code is only in our library (see libraryOnly). */
const LIBRARY_ONLY: Partial<JetCase> = { libraryOnly: true };

/** Marks cases cheap enough to also run against the fully legal library. */
const PURE_OK: Partial<JetCase> = { pure: true };

/** Builds one case per name, all with the same argument generator. */
function each(
  names: string[],
  args: (g: Gen) => Val[],
  extra: Partial<JetCase> = {},
): JetCase[] {
  return names.map((jet) => ({ jet, args, ...extra }));
}

/** The shared case table: every native jet, with its argument generator. */
export const CASES: readonly JetCase[] = [
  // primitives
  ...each(["_Force"], (g) => [g.arg(g.lazyRow(() => g.value(1)))], PURE_OK),
  ...each(["_Seq", "pseq", "par"], (g) => [g.arg(ANY(g)), g.arg(ANY(g))], PURE_OK),
  ...each(
    ["_Trace", "_DeepTrace"],
    (g) => [g.arg(g.lazyRow(() => g.value(1))), g.arg(ANY(g))],
    PURE_OK,
  ),
  ...each(
    [
      "_IsPin",
      "_IsLaw",
      "_IsApp",
      "_IsNat",
      "_PlanTag",
      "_PinItem",
      "_LawName",
      "_LawArgs",
      "_LawBody",
      "_Car",
      "_Cdr",
      "_Eqz",
    ],
    (g) => [g.arg(g.chance(0.3) ? g.lazyRow(() => g.value(1)) : ANY(g))],
  ),
  // bits
  ...each(["_If", "_Ifz"], (g) => [g.arg(BIT(g)), g.arg(ANY(g)), g.arg(ANY(g))], PURE_OK),
  ...each(["_Not", "_Bit"], (g) => [g.arg(BIT(g))], PURE_OK),
  ...each(["_And", "_Or", "_Xor", "_Nand", "_Nor", "_Xnor"], n2(BIT, BIT), PURE_OK),
  // nats
  ...each(["_ToNat", "_Dec"], (g) => [g.arg(NAT(g))]),
  ...each(["_Bex"], (g) => [g.arg(g.smallish(200))]),
  ...each(
    ["_Times"],
    (g) => [g.arg(F1(g)), g.arg(g.chance(0.5) ? ANY(g) : NAT(g)), g.arg(TINY(g))],
  ),
  ...each(["_Add", "_Sub"], n2(NAT, SMALL)),
  ...each(["_Mul"], n2(NAT, TINY)),
  ...each(["_Pow"], n2((g) => g.smallish(300), TINY)),
  ...each(["_Div", "_Mod", "_DivMod"], (g) => {
    const y = g.chance(0.1) ? g.value(1) : g.int(50) + 1;
    const x = g.chance(0.1) ? g.value(1) : g.int(2000);
    return [g.arg(x), g.arg(y)];
  }),
  ...each(["_OrdWeld"], n2((g) => g.chance(0.2) ? ANY(g) : g.int(3), ANY)),
  ...each(["_Lsh"], n2(NAT, SMALL)),
  ...each(["_Rsh"], n2(NAT, (g) => g.chance(0.5) ? g.smallish(140) : NAT(g))),
  ...each(["_Bix", "_TestBit", "_SetBit", "_ClearBit"], n2((g) => g.smallish(140), NAT)),
  ...each(["_Trunc"], n2((g) => g.smallish(140), NAT)),
  ...each(
    ["_BitSlice"],
    (g) => [g.arg(g.smallish(100)), g.arg(g.smallish(100)), g.arg(NAT(g))],
  ),
  ...each(["_Dis", "_Con", "_Mix"], n2(NAT, NAT)),
  ...each(["_Bitwise"], (g) => [
    g.arg(
      g.pick(["_And", "_Or", "_Xor", "_Nand", "_Nor", "_Xnor", "_Add", "K"].map(lib)),
    ),
    g.arg(NAT(g)),
    g.arg(NAT(g)),
  ]),
  ...each(["_PopCount", "_Met"], (g) => [g.arg(NAT(g))]),
  ...each(
    ["_NatFold"],
    (g) => [g.arg(F2(g)), g.arg(g.chance(0.5) ? SMALL(g) : ANY(g)), g.arg(NAT(g))],
  ),
  // pads
  ...each(["padWeld"], n2(NAT, NAT)),
  ...each(["padCat"], (g) => [g.arg(g.lazyRow(() => g.natish()))]),
  ...each(["padFlat"], (g) => [
    g.arg(
      g.chance(0.2)
        ? g.natish()
        : g.lazyRow(() => g.chance(0.3) ? g.lazyRow(() => g.natish(), 3) : g.natish(), 4),
    ),
  ]),
  // ordering
  ...each(
    ["_Cmp", "_Eql", "_Neq", "_Lth", "_Lte", "_Gth", "_Gte", "_Min", "_Max"],
    (g) => {
      const x = g.chance(0.5) ? g.lazyRow(() => g.value(1), 3) : ANY(g);
      const y = g.chance(0.3)
        ? x
        : g.chance(0.5)
        ? g.lazyRow(() => g.value(1), 3)
        : ANY(g);
      return [g.arg(x), g.arg(y)];
    },
    { runs: 300 },
  ),
  // rows
  ...each(
    ["_Null", "_Head", "_Arity", "_Len", "_Last", "_Rev", "_IsCow", "_IsRow", "_CowSize"],
    (g) => [g.arg(ROW(g))],
    PURE_OK,
  ),
  ...each(["_Cow"], (g) => [g.arg(TINY(g))]),
  ...each(["_Get"], (g) => [g.arg(ROW(g)), g.arg(TINY(g))], PURE_OK),
  ...each(["_Idx"], (g) => [g.arg(TINY(g)), g.arg(ROW(g))], PURE_OK),
  ...each(["_Put"], (g) => [g.arg(ROW(g)), g.arg(TINY(g)), g.arg(ANY(g))], PURE_OK),
  ...each(["_Mut"], (g) => [g.arg(TINY(g)), g.arg(ANY(g)), g.arg(ROW(g))], PURE_OK),
  ...each(["_Switch"], (g) => [g.arg(TINY(g)), g.arg(ANY(g)), g.arg(ROW(g))]),
  ...each(["_Gen"], (g) => [g.arg(TINY(g)), g.arg(F1(g))]),
  ...each(["_Weld", "zip"], n2(ROW, ROW)),
  ...each(["cat"], (g) => [g.arg(g.lazyRow(() => ROW(g), 3))]),
  ...each(["sum"], (g) => [g.arg(g.lazyRow(() => g.natish()))]),
  ...each(["_Map"], (g) => [g.arg(F1(g)), g.arg(ROW(g))], PURE_OK),
  ...each(["rowCons"], (g) => [g.arg(ANY(g)), g.arg(ROW(g))], PURE_OK),
  ...each(["rowSnoc"], (g) => [g.arg(ROW(g)), g.arg(ANY(g))], PURE_OK),
  ...each(["take", "drop"], (g) => [g.arg(TINY(g)), g.arg(ROW(g))]),
  ...each(
    ["_SizedListToRow", "_SizedListToRowRev"],
    (g) => [g.arg(TINY(g)), g.arg(g.list(() => g.value(1)))],
  ),
  ...each(["bsearch"], (g) => {
    const ks = g.keys(() => g.key(), 6);
    return [g.arg(KEY(g)), g.arg(g.chance(0.2) ? ROW(g) : mkRow(ks, true))];
  }),
  ...each(["isDigit"], (g) => [g.arg(g.chance(0.2) ? ANY(g) : 40 + g.int(30))]),
  ...each(
    ["implode"],
    (g) => [g.arg(g.lazyRow(() => g.chance(0.2) ? g.natish() : g.int(256), 4))],
  ),
  // sets
  ...each(["_MkSet", "setSing"], (g) => [g.arg(g.lazyRow(() => g.key(), 3))]),
  ...each(
    ["_SetToRow", "setIsEmpty", "setLen", "setMin", "isSet"],
    (g) => [g.arg(g.chance(0.2) ? new Law(1, 2, g.row(() => g.key(), 4)) : SET(g))],
  ),
  ...each(["setHas", "setIns", "setDel"], (g) => [g.arg(KEY(g)), g.arg(SET(g))]),
  ...each(["setWeld", "setIntersect", "setSub"], n2(SET, SET)),
  ...each(
    ["setCatRowAsc"],
    (
      g,
    ) => [
      g.arg(g.lazyRow(() => g.chance(0.1) ? g.value(1) : g.set(() => g.int(20), 3), 4)),
    ],
  ),
  ...each(["setDrop", "setTake", "setSplitAt"], (g) => [g.arg(TINY(g)), g.arg(SET(g))]),
  ...each(["setSplitLT"], (g) => [g.arg(KEY(g)), g.arg(SET(g))]),
  // tabs
  ...each(
    ["_MkTab", "tabSing"],
    (g) => [g.arg(g.lazyRow(() => g.key(), 3)), g.arg(g.lazyRow(() => g.value(1), 3))],
  ),
  ...each(
    [
      "isTab",
      "_TabKeys",
      "_TabVals",
      "_TabKeysRow",
      "_TabKeysList",
      "_TabLen",
      "_TabIsEmpty",
      "tabToPairs",
      "tabToPairList",
      "tabMinKey",
    ],
    (g) => [g.arg(TAB(g))],
  ),
  ...each(["tabIdx", "_TabHas", "_TabLookup"], (g) => [g.arg(KEY(g)), g.arg(TAB(g))]),
  ...each(["tabSwitch"], (g) => [g.arg(KEY(g)), g.arg(ANY(g)), g.arg(TAB(g))]),
  ...each(["tabIns"], (g) => [g.arg(KEY(g)), g.arg(ANY(g)), g.arg(TAB(g))]),
  ...each(
    ["tabFromPairs"],
    (
      g,
    ) => [
      g.arg(
        g.lazyRow(() => g.arg(mkRow([g.arg(g.key(), 0.1, 0.03), g.arg(g.value(1))])), 5),
      ),
    ],
  ),
  ...each(["tabElemIdx", "tabSplitAt"], (g) => [g.arg(TINY(g)), g.arg(TAB(g))]),
  ...each(["tabSplitLT"], (g) => [g.arg(KEY(g)), g.arg(TAB(g))]),
  ...each(["tabAlter"], (g) => [g.arg(NONE_SOME(g)), g.arg(KEY(g)), g.arg(TAB(g))]),
  ...each(["tabMapWithKey"], (g) => [g.arg(F2(g)), g.arg(TAB(g))]),
  ...each(["tabMap"], (g) => [g.arg(F1(g)), g.arg(TAB(g))]),
  ...each(["tabUnionWith"], (g) => [g.arg(F2(g)), g.arg(TAB(g)), g.arg(TAB(g))]),
  ...each(["tabWeld"], n2(TAB, TAB)),
  ...each(
    ["tabFoldlWithKey"],
    (g) => [
      g.arg(g.pick([lib("K"), close(lib("K"), lib("_Add")), lib("v2")].map((f) => f))),
      g.arg(ANY(g)),
      g.arg(TAB(g)),
    ],
  ),
  // bars
  ...each(
    ["isBar", "barNat", "barLen", "barIsEmpty"],
    (g) => [g.arg(g.chance(0.2) ? new Law(1, 1, g.nat()) : BAR(g))],
  ),
  ...each(
    ["_Bar"],
    (g) => [g.arg(g.chance(0.3) ? g.lazyRow(() => g.int(5), 2) : NAT(g))],
  ),
  ...each(["natBar"], (g) => [g.arg(NAT(g))]),
  ...each(["_NatToSizedBar"], n2(TINY, (g) => g.chance(0.5) ? g.int(1000) : NAT(g))),
  ...each(["barIdx"], (g) => [g.arg(TINY(g)), g.arg(BAR(g))]),
  ...each(["barWeld"], n2(BAR, BAR)),
  ...each(["barCat"], (g) => [g.arg(g.lazyRow(() => BAR(g), 4))]),
  ...each(
    ["barFlat"],
    (
      g,
    ) => [g.arg(g.lazyRow(() => g.chance(0.3) ? g.lazyRow(() => BAR(g), 2) : BAR(g), 3))],
  ),
  ...each(["barTake", "barDrop"], (g) => [g.arg(TINY(g)), g.arg(BAR(g))]),
  ...each(["_BarSliceToNat"], (g) => [g.arg(TINY(g)), g.arg(TINY(g)), g.arg(BAR(g))]),
  ...each(
    ["barElemIndexEnd"],
    (g) => [g.arg(g.chance(0.5) ? g.pick([0, 1, 255]) : g.byteish()), g.arg(BAR(g))],
  ),
  ...each(
    ["barElemIndexOff"],
    (
      g,
    ) => [
      g.arg(g.chance(0.5) ? g.pick([0, 1, 255]) : g.byteish()),
      g.arg(TINY(g)),
      g.arg(BAR(g)),
    ],
  ),
  // tags
  ...each(
    ["_DataTag", "_TypeTag"],
    (g) => [g.arg(g.chance(0.3) ? g.lazyRow(() => g.value(1), 3) : ANY(g))],
  ),
  // words
  ...each(["w32"], (g) => [g.arg(W32(g))]),
  ...each(["w64"], (g) => [g.arg(W64(g))]),
  ...each([
    "add32",
    "mul32",
    "div32",
    "and32",
    "or32",
    "xor32",
    "rsh32",
    "sub32",
    "ror32",
    "rol32",
  ], (g) => [
    g.arg(W32(g)),
    g.arg(g.chance(0.4) ? g.int(40) : W32(g)),
  ]),
  ...each([
    "add64",
    "mul64",
    "div64",
    "and64",
    "or64",
    "xor64",
    "rsh64",
    "sub64",
    "ror64",
    "rol64",
    "iDiv64",
  ], (g) => [
    g.arg(W64(g)),
    g.arg(g.chance(0.4) ? g.int(70) : W64(g)),
  ]),
  // A shift by a huge amount makes the legal code compute a huge power of 2.
  ...each(
    ["lsh32"],
    (g) => [g.arg(W32(g)), g.arg(g.chance(0.9) ? g.int(40) : g.int(2 ** 32) & 0xffff)],
  ),
  ...each(
    ["lsh64"],
    (g) => [g.arg(W64(g)), g.arg(g.chance(0.9) ? g.int(70) : g.int(2 ** 32) & 0xffff)],
  ),
  // seeds and germs (legal code: sire/lib/seed.sire only)
  ...each(["_SaveSeed"], (g) => [g.arg(ANY(g))], LIBRARY_ONLY),
  ...each(
    ["_LoadSeed"],
    (g) => [g.arg(g.chance(0.1) ? g.barish() : seedBar(g))],
    LIBRARY_ONLY,
  ),
  ...each(
    ["_SaveGerm"],
    (g) => [g.arg(g.chance(0.8) ? new Pin(force(g.value(2))) : ANY(g))],
    LIBRARY_ONLY,
  ),
  ...each(["_LoadGerm"], germArgs, LIBRARY_ONLY),
  // crash trapping, with a host reference (the legal _Try is a PLAN evaluator)
  ...each(["_Try"], (g) => [g.arg(g.chance(0.1) ? ANY(g) : tryRow(g))], {
    oracle: tryOracle,
  }),
];

/**
 * `bytes` as a bar, sometimes with one bit flipped past the five counts of
 * the header (so the legal reader never sees a huge count) or cut short.
 */
function damaged(g: Gen, bytes: Uint8Array): Val {
  const b = bytes.slice();
  if (b.length > 40 && g.chance(0.3)) b[40 + g.int(b.length - 40)] ^= 1 << g.int(8);
  return mkBar(g.chance(0.1) ? b.subarray(0, g.int(b.length + 1)) : b);
}

/** The seed of a random value, sometimes damaged. */
function seedBar(g: Gen): Val {
  return damaged(g, saveSeed(force(g.value(2))));
}

/** Arguments of `_LoadGerm`: a germ's references (sometimes wrong) and bar. */
function germArgs(g: Gen): Val[] {
  const germ = saveGerm(new Pin(force(g.value(2))));
  const refs = g.chance(0.1) ? [new Pin(g.int(3))] : germ.refs;
  return [g.arg(mkRow(refs)), g.arg(damaged(g, germ.bytes))];
}

/** A row whose elements form a call that may crash: [f x y …]. */
function tryRow(g: Gen): Val {
  const f = g.pick([
    0,
    1,
    2,
    3,
    4,
    99,
    lib("_Add"),
    lib("K"),
    lib("_Div"),
    lib("_Seq"),
    lib("v2"),
  ]);
  const n = g.int(5);
  const items: Val[] = [f];
  for (let i = 0; i < n; i++) {
    items.push(g.chance(0.15) ? mkRow([99 + g.int(3), g.int(3)]) : g.value(1));
  }
  return mkRow(items);
}

/** `_Try` computed in the host: normalise the row, then the call, catching crashes. */
function tryOracle(args: Val[]): Val {
  const r = force(args[0]);
  if (typeof r !== "object" || !(r instanceof Clo)) return 0;
  const items = r.args.slice().reverse();
  const call = items.slice(1).reduce<Val>((f, x) => new Thunk(f, x), items[0]);
  try {
    return mkRow([1, force(call)]);
  } catch (e) {
    if (e instanceof PlanCrash) return mkRow([0, mkRow([e.op, e.arg])]);
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Running

/** What evaluating a call came to. */
export interface Outcome {
  /** Which input thunks evaluation to WHNF forced ("1"/"0" per thunk). */
  forced: string;
  /** "ok …", "crash op arg", "loop", or "budget". */
  result: string;
}

/** Evaluates `(f args…)`: WHNF (recording forced inputs), then normal form. */
export function outcome(f: Val, args: Val[], thunks: Thunk[], budget: number): Outcome {
  const call = args.reduce<Val>((g, x) => new Thunk(g, x), f);
  let forced = "";
  try {
    const w = whnf(call, { budget });
    forced = thunks.map((t) => t.s === ThunkState.Fresh ? "0" : "1").join("");
    return { forced, result: "ok " + showPlan(force(w, { budget })) };
  } catch (e) {
    if (forced === "") {
      forced = thunks.map((t) => t.s === ThunkState.Fresh ? "0" : "1").join("");
    }
    if (e instanceof PlanCrash) {
      return { forced, result: `crash ${showPlan(e.op)} ${showPlan(e.arg)}` };
    }
    if (e instanceof PlanLoop) return { forced, result: "loop" };
    if (e instanceof PlanBudgetExceeded) return { forced, result: "budget" };
    throw e;
  }
}

/** The native jet of a name (throws if there is none). */
export function nativeOf(name: string): Jet {
  const j = NATIVE_JETS.get(name);
  if (j === undefined) throw new Error(`no native jet ${name}`);
  return j;
}

/**
 * The pin of `name` with its native jet (from the mixed library; for a jet
 * the library has no definition of, a stand-in law of the jet's arity).
 */
export function jettedPin(name: string): Pin {
  const p = MIXED.pins.get(name);
  if (p === undefined) {
    const j = nativeOf(name);
    const stand = new Pin(new Law(natFromText(name), j.arity, 0));
    const own = CASES.some((c) => c.jet === name && c.libraryOnly);
    stand.jet = own ? withLibraryFallback(j) : j;
    return stand;
  }
  if (p.jet === null) throw new Error(`${name} has no native jet`);
  return p;
}

/** The pin of `name` without a jet, over the given library. */
export function legalPin(name: string, library: Library = MIXED): Pin {
  const p = library.pins.get(name);
  if (p === undefined) throw new Error(`no legal definition of ${name}`);
  return new Pin(p.item);
}

/** Our library's pins of laws by name (first binding wins), loaded on first use. */
let libraryPins: Map<string, Pin> | null = null;

/** The law of `name` in our library (sire/lib), without its jet. */
function libraryLegalPin(name: string): Pin {
  if (libraryPins === null) {
    libraryPins = lawPinsByName(loadLibrary({ skipAsserts: true }).state);
  }
  const p = libraryPins.get(name);
  if (p === undefined) throw new Error(`no library definition of ${name}`);
  return new Pin(p.item);
}

/**
 * `j`, falling back on our library's law of the same name (a stand-in pin
 * has no legal code of its own to fall back on).
 */
function withLibraryFallback(j: Jet): Jet {
  return {
    ...j,
    run(a: Val[]) {
      const r = j.run(a);
      if (r !== FALLBACK) return r;
      return a.slice(1).reduce<Val>((f, x) => new Thunk(f, x), libraryLegalPin(j.name));
    },
  };
}
