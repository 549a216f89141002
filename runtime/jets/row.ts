/**
 * Jets for rows (upstream `sire_05_row`): `_Null _Head _Arity _Len _Put _Get
 * _Idx _Mut _Last _Switch _Cow _CowSize _IsCow _IsRow _Gen _Weld _Map _Rev
 * rowCons rowSnoc`.
 *
 * The legal code works on any closure, not only rows: the length of a
 * closure is its number of arguments and element `i` is argument `i` counted
 * from the last. So do these jets; non-closures have no elements. Results
 * are rows whose elements are the input elements themselves (possibly
 * unevaluated) or lazy applications, as the legal code's are.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import {
  CLO,
  Clo,
  cow,
  type Head,
  LAW,
  Law,
  type Nat,
  PIN,
  Thunk,
  type Val,
} from "../plan/value.ts";
import * as A from "./arith.ts";
import { rowFromArgs } from "./data.ts";
import { again, natOr0, ready } from "./demand.ts";
import { FALLBACK, jet } from "./define.ts";

/** Longest row `_Gen` builds natively. */
const MAX_GEN = 1 << 26;

/** The arguments of a closure in WHNF (application order), else none. */
export function argsOf(v: Val): readonly Val[] {
  return typeof v === "object" && v.t === CLO ? v.args : NONE;
}

const NONE: readonly Val[] = Object.freeze([]);

/** The exact arity of a value in WHNF as a nat (`_Arity`). */
export function natArity(v: Val): Nat {
  let k = 0;
  for (;;) {
    if (typeof v !== "object") {
      const a = v === 0 || v === 2 ? 3 : v === 1 ? 5 : 1;
      return A.sub(a, k);
    }
    if (v.t === PIN) v = v.item;
    else if (v.t === LAW) return A.sub(v.arity, k);
    else {
      const c = v as Clo;
      k += c.args.length;
      v = c.head;
    }
  }
}

/** Element `i` (a nat) of a closure's arguments, or 0 when out of range. */
function elemAt(args: readonly Val[], i: Nat): Val {
  return typeof i === "number" && i < args.length ? args[args.length - 1 - i] : 0;
}

/** `_Put r k v` on a closure `r` in WHNF and a nat `k`. */
function put(r: Val, k: Nat, v: Val): Val {
  if (typeof r !== "object" || r.t !== CLO) return r;
  const n = r.args.length;
  if (typeof k !== "number" || k >= n) return r;
  const args = r.args.slice();
  args[n - 1 - k] = v;
  return new Clo(r.head, args, r.ar);
}

/** True if a value in WHNF is a law `{0 a 0}` (`_IsCow`). */
function isCow(v: Val): boolean {
  return typeof v === "object" && v.t === LAW && v.name === 0 && v.body === 0;
}

/** The row constructor for `n` elements (`{0 n+1 0}`). */
function cowOf(n: Nat): Law {
  return typeof n === "number" && n < Number.MAX_SAFE_INTEGER
    ? cow(n)
    : new Law(0, A.add(n, 1), 0);
}

/** `(f i)` for element i, as `_Gen` builds them, last element first. */
function gen(n: number, f: Val): Val {
  const args = new Array<Val>(n);
  for (let i = 0; i < n; i++) args[n - 1 - i] = new Thunk(f, i);
  return rowFromArgs(args);
}

/** The row jets. */
export const ROW_JETS: readonly Jet[] = [
  jet("_Null", 1, "w", (a) => argsOf(a[1]).length === 0 ? 1 : 0),
  jet("_Head", 1, "w", (a) => {
    const v = a[1];
    return typeof v === "object" && v.t === CLO ? v.head : v;
  }),
  jet("_Arity", 1, "w", (a) => natArity(a[1])),
  jet("_Len", 1, "w", (a) => argsOf(a[1]).length),
  // _Put r k v: r, then k when r is a closure.
  jet("_Put", 3, "w--", (a) => {
    if (argsOf(a[1]).length === 0) return a[1];
    const k = ready(a[2]);
    if (k === null) return again(a, a[2]);
    return put(a[1], natOr0(k), a[3]);
  }),
  // _Get r i: r, then i when r is a closure.
  jet("_Get", 2, "w-", (a) => {
    const args = argsOf(a[1]);
    if (args.length === 0) return 0;
    const i = ready(a[2]);
    if (i === null) return again(a, a[2]);
    return elemAt(args, natOr0(i));
  }),
  // _Idx i r = _Get r i.
  jet("_Idx", 2, "-w", (a) => {
    const args = argsOf(a[2]);
    if (args.length === 0) return 0;
    const i = ready(a[1]);
    if (i === null) return again(a, a[1]);
    return elemAt(args, natOr0(i));
  }),
  // _Mut k v r = _Put r k v.
  jet("_Mut", 3, "--w", (a) => {
    if (argsOf(a[3]).length === 0) return a[3];
    const k = ready(a[1]);
    if (k === null) return again(a, a[1]);
    return put(a[3], natOr0(k), a[2]);
  }),
  jet("_Last", 1, "w", (a) => {
    const args = argsOf(a[1]);
    return args.length === 0 ? 0 : args[0];
  }),
  // _Switch i fallback branches: i, then branches (compared as gte i len).
  jet("_Switch", 3, "w-w", (a) => {
    const i = a[1], args = argsOf(a[3]);
    return typeof i === "number" && i < args.length ? args[args.length - 1 - i] : a[2];
  }),
  jet("_Cow", 1, "w", (a) => cowOf(natOr0(a[1]))),
  jet("_CowSize", 1, "w", (a) => {
    const v = a[1];
    return typeof v === "object" && v.t === LAW ? A.sub(v.arity, 1) : 0;
  }),
  jet("_IsCow", 1, "w", (a) => isCow(a[1]) ? 1 : 0),
  jet("_IsRow", 1, "w", (a) => {
    const v = a[1];
    const head: Head | Clo = typeof v === "object" && v.t === CLO ? v.head : v as Head;
    return natArity(v) === 1 && isCow(head) ? 1 : 0;
  }),
  jet("_Gen", 2, "w-", (a) => {
    const n = natOr0(a[1]);
    if (n === 0) return cow(0);
    if (typeof n !== "number" || n > MAX_GEN) return FALLBACK;
    return gen(n, a[2]);
  }),
  // _Weld x y: y, then x (the legal code adds their lengths).
  jet("_Weld", 2, "-w", (a) => {
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    return rowFromArgs([...argsOf(a[2]), ...argsOf(x)]);
  }),
  jet("_Map", 2, "-w", (a) => {
    const f = a[1], args = argsOf(a[2]);
    return rowFromArgs(args.map((x) => new Thunk(f, x)));
  }),
  jet("_Rev", 1, "w", (a) => rowFromArgs(argsOf(a[1]).slice().reverse())),
  jet("rowCons", 2, "-w", (a) => rowFromArgs([...argsOf(a[2]), a[1]])),
  jet("rowSnoc", 2, "w-", (a) => rowFromArgs([a[2], ...argsOf(a[1])])),
];
