/**
 * Jets for tabs (upstream `sire_12_tab`): `_MkTab tabSing isTab _TabKeys
 * _TabVals _TabKeysRow _TabKeysList _TabLen _TabIsEmpty tabIdx _TabHas
 * _TabLookup tabIns tabSwitch tabToPairs tabFromPairs tabToPairList
 * tabElemIdx tabSplitAt tabSplitLT tabAlter tabMapWithKey tabMap
 * tabUnionWith tabWeld tabMinKey tabFoldlWithKey`.
 *
 * A tab is a set applied to its value row. Keys are normal; values are
 * whatever was stored, possibly unevaluated, and stay so: results hold the
 * same values or lazy applications of the caller's functions. A value row
 * that is not evaluated yet is demanded exactly where the legal code forces
 * it; where the legal result would only hold it lazily, the jet falls back.
 * Keys passed as arguments follow the rules explained in `set.ts`.
 *
 * @module
 */

import { compare } from "../plan/compare.ts";
import type { Jet } from "../plan/jet.ts";
import { CLO, Clo, deref, LAW, Law, Thunk, type Val } from "../plan/value.ts";
import { elems, mkRow, mkSet, mkTab, search, tabOf, type TabView } from "./data.ts";
import { again, isNormal, ready, SEQ } from "./demand.ts";
import { FALLBACK, jet, type JetResult } from "./define.ts";
import { car, cdr } from "./prim.ts";
import { dropN, takeN } from "./set.ts";

/** `{0 2 1}`, private: `(KEEP r)` carries a result of the caller's function. */
const KEEP = new Law(0, 2, 1);

/** Value `i` (index order) of a tab whose value row is evaluated. */
function valAt(t: TabView, i: number): Val {
  const v = t.vals!;
  return v[v.length - 1 - i];
}

/** The values of a tab in key order. */
function valList(t: TabView): Val[] {
  return t.vals!.slice().reverse();
}

/** The pair row `[k v]`. */
function pair(k: Val, v: Val): Val {
  return mkRow([k, v]);
}

/** A tab of ascending normal keys and their values (index order). */
function tab(keys: Val[], vals: Val[]): Clo {
  return mkTab(mkSet(keys), vals.slice().reverse());
}

/** The tab view of an evaluated tab, or what to return instead. */
type Viewed = TabView | JetResult;

/** The view of argument `i`, asking for its value row when it is lazy. */
function viewWithVals(a: Val[], i: number): Viewed {
  const t = tabOf(a[i]);
  if (t === null) return FALLBACK;
  return t.vals === null ? again(a, t.valsArg) : t;
}

function isView(v: Viewed): v is TabView {
  return typeof v === "object" && v !== null && "keys" in v && "valsArg" in v;
}

/** Insert or replace `key` (normal) with `val` in an evaluated tab. */
function insert(t: TabView, key: Val, val: Val): Clo {
  const i = search(t.keys, key);
  const vals = valList(t);
  if (i >= 0) {
    vals[i] = val;
    return mkTab(t.set, vals.reverse());
  }
  const keys = t.keys.slice();
  keys.splice(-i - 1, 0, key);
  vals.splice(-i - 1, 0, val);
  return tab(keys, vals);
}

/** `tabFromPairs`: pairs in order, later keys winning; keys must be normal. */
function fromPairs(ps: [Val, Val][]): Clo {
  const order = ps.map((_, i) => i);
  order.sort((i, j) => compare(ps[i][0], ps[j][0]) || i - j);
  const keys: Val[] = [], vals: Val[] = [];
  for (const i of order) {
    const [k, v] = ps[i];
    if (keys.length > 0 && compare(keys[keys.length - 1], k) === 0) {
      vals[vals.length - 1] = v;
    } else {
      keys.push(k);
      vals.push(v);
    }
  }
  return tab(keys, vals);
}

/** Element `i` (index order) of a value in WHNF, or 0. */
function idxOf(v: Val, i: number): Val {
  if (typeof v !== "object" || v.t !== CLO) return 0;
  const args = v.args;
  return i < args.length ? args[args.length - 1 - i] : 0;
}

/** Merges two evaluated tabs; `both` gives the value for a shared key. */
function merge(x: TabView, y: TabView, both: (a: Val, b: Val) => Val): Clo {
  const xv = valList(x), yv = valList(y);
  const keys: Val[] = [], vals: Val[] = [];
  let i = 0, j = 0;
  while (i < x.keys.length && j < y.keys.length) {
    const c = compare(x.keys[i], y.keys[j]);
    if (c === 0) {
      keys.push(x.keys[i]);
      vals.push(both(xv[i++], yv[j++]));
    } else if (c < 0) {
      keys.push(x.keys[i]);
      vals.push(xv[i++]);
    } else {
      keys.push(y.keys[j]);
      vals.push(yv[j++]);
    }
  }
  for (; i < x.keys.length; i++) keys.push(x.keys[i]), vals.push(xv[i]);
  for (; j < y.keys.length; j++) keys.push(y.keys[j]), vals.push(yv[j]);
  return tab(keys, vals);
}

/** A lookup-style jet on `key` (argument `k`) and a tab (argument `t`). */
function lookup(
  a: Val[],
  k: number,
  t: number,
  absent: () => JetResult,
  present: (view: TabView, i: number) => JetResult,
): JetResult {
  const view = tabOf(a[t]);
  if (view === null) return FALLBACK;
  if (view.keys.length === 0) return absent();
  if (!isNormal(a[k])) return FALLBACK;
  const i = search(view.keys, deref(a[k]));
  return i < 0 ? absent() : present(view, i);
}

/** The tab jets. */
export const TAB_JETS: readonly Jet[] = [
  jet("_MkTab", 2, "n-", (a) => new Clo(new Law(1, 2, a[1]), [a[2]], 1)),
  jet("tabSing", 2, "n-", (a) => mkTab(mkSet([deref(a[1])]), [a[2]])),
  // isTab t: t; when its function part is a set, its value row.
  jet("isTab", 1, "w", (a) => {
    const t = tabOf(a[1]);
    if (t === null) return 0;
    return t.vals === null ? again(a, t.valsArg) : 1;
  }),
  jet("_TabKeys", 1, "w", (a) => car(a[1])),
  jet("_TabVals", 1, "w", (a) => cdr(a[1])),
  jet("_TabKeysRow", 1, "w", (a) => {
    const s = car(a[1]);
    return typeof s === "object" && s.t === LAW ? s.body : 0;
  }),
  jet("_TabKeysList", 1, "w", (a) => {
    const s = car(a[1]);
    const b = typeof s === "object" && s.t === LAW ? deref(s.body) : 0;
    const items = typeof b === "object" && b.t === CLO ? elems(b as Clo) : [];
    let list: Val = 0;
    for (let i = items.length - 1; i >= 0; i--) list = mkRow([items[i], list], true);
    return list;
  }),
  // _TabLen t = len (cdr t): t, then its last part.
  jet("_TabLen", 1, "w", (a) => {
    const v = ready(cdr(a[1]));
    if (v === null) return again(a, cdr(a[1]));
    return typeof v === "object" && v.t === CLO ? v.args.length : 0;
  }),
  jet("_TabIsEmpty", 1, "w", (a) => {
    const v = ready(cdr(a[1]));
    if (v === null) return again(a, cdr(a[1]));
    return typeof v === "object" && v.t === CLO ? 0 : 1;
  }),
  // tabIdx k t: t, parts of k, then the value row if k is present.
  jet(
    "tabIdx",
    2,
    "-w",
    (a) =>
      lookup(
        a,
        1,
        2,
        () => 0,
        (t, i) => t.vals === null ? again(a, t.valsArg) : valAt(t, i),
      ),
  ),
  jet("_TabHas", 2, "-w", (a) => lookup(a, 1, 2, () => 0, () => 1)),
  jet(
    "_TabLookup",
    2,
    "-w",
    (a) =>
      lookup(
        a,
        1,
        2,
        () => 0,
        (t, i) => t.vals === null ? FALLBACK : new Clo(0, [valAt(t, i)], 2),
      ),
  ),
  // tabSwitch k fallback t.
  jet(
    "tabSwitch",
    3,
    "--w",
    (a) =>
      lookup(
        a,
        1,
        3,
        () => a[2],
        (t, i) => t.vals === null ? again(a, t.valsArg) : valAt(t, i),
      ),
  ),
  // tabIns k v t: t, then k (normalised into the result).
  jet("tabIns", 3, "--w", (a) => {
    const t = tabOf(a[3]);
    if (t === null || t.vals === null) return FALLBACK;
    if (!isNormal(a[1])) return again(a, a[1], true);
    return insert(t, deref(a[1]), a[2]);
  }),
  jet("tabToPairs", 1, "w", (a) => {
    const t = viewWithVals(a, 1);
    if (!isView(t)) return t;
    const vs = valList(t);
    return mkRow(t.keys.map((k, i) => pair(k, vs[i])));
  }),
  // tabFromPairs ps: ps, then each pair and its key, in order.
  jet("tabFromPairs", 1, "w", (a) => {
    const ps = a[1];
    if (typeof ps !== "object" || ps.t !== CLO) return mkTab(mkSet([]), []);
    const out: [Val, Val][] = [];
    for (const e of elems(ps)) {
      const p = ready(e);
      if (p === null) return again(a, e);
      const k = idxOf(p, 0);
      if (!isNormal(k)) return again(a, k, true);
      out.push([deref(k), idxOf(p, 1)]);
    }
    return fromPairs(out);
  }),
  jet("tabToPairList", 1, "w", (a) => {
    const t = tabOf(a[1]);
    if (t === null || t.vals === null) return FALLBACK;
    const vs = valList(t);
    let list: Val = 0;
    for (let i = t.keys.length - 1; i >= 0; i--) {
      list = mkRow([pair(t.keys[i], vs[i]), list]);
    }
    return list;
  }),
  // tabElemIdx i t: i, t, the value row.
  jet("tabElemIdx", 2, "ww", (a) => {
    const t = viewWithVals(a, 2);
    if (!isView(t)) return t;
    const i = a[1];
    return typeof i === "number" && i < t.keys.length ? pair(t.keys[i], valAt(t, i)) : 0;
  }),
  // tabSplitAt i t: a lazy pair; computed at once only from evaluated inputs.
  jet("tabSplitAt", 2, "--", (a) => {
    const i = ready(a[1]), v = ready(a[2]);
    const t = v === null ? null : tabOf(v);
    if (i === null || t === null || t.vals === null) return FALLBACK;
    const ks = t.keys.slice(), vs = valList(t);
    return mkRow([
      tab(takeN(ks, i), takeN(vs, i)),
      tab(dropN(ks, i), dropN(vs, i)),
    ]);
  }),
  // tabSplitLT k t: a lazy pair [keys < k, keys >= k].
  jet("tabSplitLT", 2, "--", (a) => {
    const v = ready(a[2]);
    const t = v === null ? null : tabOf(v);
    if (t === null || t.vals === null || !isNormal(a[1])) return FALLBACK;
    const i = search(t.keys, deref(a[1]));
    const at = i >= 0 ? i : -i - 1;
    const vs = valList(t);
    return mkRow([
      tab(t.keys.slice(0, at), vs.slice(0, at)),
      tab(t.keys.slice(at), vs.slice(at)),
    ]);
  }),
  // tabAlter f k t: t, parts of k, then (f NONE) or (f (SOME v)).
  jet("tabAlter", 3, "--w", (a) => {
    const t = tabOf(a[3]);
    if (t === null || t.vals === null || !isNormal(a[2])) return FALLBACK;
    const key = deref(a[2]);
    const i = t.keys.length === 0 ? -1 : search(t.keys, key);
    const f = a[1];
    const kept = typeof f === "object" && f.t === CLO && f.head === KEEP
      ? f.args[0]
      : null;
    const r = kept === null ? null : ready(kept);
    if (r === null) {
      const arg = i < 0 ? 0 : new Clo(0, [valAt(t, i)], 2);
      const res = new Thunk(f, arg);
      const call = new Thunk(
        new Thunk(new Thunk(a[0], new Clo(KEEP, [res], 1)), a[2]),
        a[3],
      );
      return new Thunk(new Thunk(SEQ, res), call);
    }
    if (typeof r !== "object") {
      if (i < 0) return a[3];
      const keys = t.keys.slice(), vals = valList(t);
      keys.splice(i, 1);
      vals.splice(i, 1);
      return tab(keys, vals);
    }
    return insert(t, key, cdr(r));
  }),
  jet("tabMapWithKey", 2, "-w", (a) => {
    const t = viewWithVals(a, 2);
    if (!isView(t)) return t;
    const vs = valList(t);
    return mkTab(
      t.set,
      vs.map((v, i) => new Thunk(new Thunk(a[1], t.keys[i]), v)).reverse(),
    );
  }),
  jet("tabMap", 2, "-w", (a) => {
    const t = viewWithVals(a, 2);
    if (!isView(t)) return t;
    return mkTab(t.set, t.vals!.map((v) => new Thunk(a[1], v)));
  }),
  // tabUnionWith f a b: a, its values, b, its values.
  jet("tabUnionWith", 3, "-w-", (a) => {
    const x = viewWithVals(a, 2);
    if (!isView(x)) return x;
    if (ready(a[3]) === null) return again(a, a[3]);
    const y = viewWithVals(a, 3);
    if (!isView(y)) return y;
    return merge(x, y, (p, q) => new Thunk(new Thunk(a[1], p), q));
  }),
  jet("tabWeld", 2, "w-", (a) => {
    const x = viewWithVals(a, 1);
    if (!isView(x)) return x;
    if (ready(a[2]) === null) return again(a, a[2]);
    const y = viewWithVals(a, 2);
    if (!isView(y)) return y;
    return merge(x, y, (p) => p);
  }),
  jet("tabMinKey", 1, "w", (a) => {
    const t = viewWithVals(a, 1);
    if (!isView(t)) return t;
    return t.keys.length === 0 ? 0 : t.keys[0];
  }),
  // tabFoldlWithKey f z t: t, its values, then each step (f acc k v) in turn.
  jet("tabFoldlWithKey", 3, "--w", (a) => {
    const t = viewWithVals(a, 3);
    if (!isView(t)) return t;
    const vs = valList(t);
    const accs: Val[] = [];
    let acc = a[2];
    for (let i = 0; i < vs.length; i++) {
      acc = new Thunk(new Thunk(new Thunk(a[1], acc), t.keys[i]), vs[i]);
      accs.push(acc);
    }
    let r = acc;
    for (let i = accs.length - 2; i >= 0; i--) r = new Thunk(new Thunk(SEQ, accs[i]), r);
    return r;
  }),
];
