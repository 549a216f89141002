/**
 * Jets for sets (upstream `sire_11_set`): `_MkSet _SetToRow setSing
 * setIsEmpty setLen setMin isSet setHas setIns setDel setWeld setCatRowAsc
 * setDrop setTake setSplitAt setIntersect setSub setSplitLT`.
 *
 * A set is the law `{1 2 r}` with `r` a strictly ascending row. Keys are
 * always normal, so only a key passed as an argument can hold unevaluated
 * parts: when the legal code would compare such a key only partly (lookups
 * and deletions stop at the first difference), the jet needs the key fully
 * evaluated already and otherwise falls back; when the key ends up inside
 * the result (insertion), it is normalised first, which forces the same
 * parts in the same order. The legal code reads any law's body as its row,
 * so the structural jets (`setLen`, `setDrop` …) accept any value.
 *
 * @module
 */

import { compare as compareKeys } from "../plan/compare.ts";
import type { Jet } from "../plan/jet.ts";
import { CLO, type Clo, deref, LAW, Law, type Val } from "../plan/value.ts";
import { elems, mkRow, mkSet, search, setOf } from "./data.ts";
import { again, isNormal, natOr0, ready } from "./demand.ts";
import { FALLBACK, jet } from "./define.ts";

/** The elements of a law's body (index order), as `lawBody` then `idx` see them. */
export function bodyElems(v: Val): Val[] {
  if (typeof v !== "object" || v.t !== LAW) return [];
  const b = deref(v.body);
  return typeof b === "object" && b.t === CLO ? elems(b as Clo) : [];
}

/** The law `{1 2 row}` of normal `items`; a checked set when `asc` is known. */
export function setLaw(items: Val[], asc: boolean): Law {
  return asc ? mkSet(items) : new Law(1, 2, mkRow(items, true));
}

/** The first `n` elements (`take`): a non-nat count takes everything. */
export function takeN(items: Val[], n: Val): Val[] {
  return typeof n === "object"
    ? items
    : items.slice(0, typeof n === "bigint" ? items.length : n);
}

/** All but the first `n` elements (`drop`): a non-nat count drops nothing. */
export function dropN(items: Val[], n: Val): Val[] {
  const k = natOr0(n);
  return typeof k === "bigint" ? [] : items.slice(k);
}

/** The set jets. */
export const SET_JETS: readonly Jet[] = [
  jet("_MkSet", 1, "n", (a) => new Law(1, 2, a[1])),
  jet("_SetToRow", 1, "w", (a) => {
    const v = a[1];
    return typeof v === "object" && v.t === LAW ? v.body : 0;
  }),
  jet("setSing", 1, "n", (a) => mkSet([deref(a[1])])),
  jet("setIsEmpty", 1, "w", (a) => bodyElems(a[1]).length === 0 ? 1 : 0),
  jet("setLen", 1, "w", (a) => bodyElems(a[1]).length),
  jet("setMin", 1, "w", (a) => bodyElems(a[1])[0] ?? 0),
  jet("isSet", 1, "w", (a) => setOf(a[1]) === null ? 0 : 1),
  // setHas k s: s, then parts of k (as many as the comparisons need).
  jet("setHas", 2, "-w", (a) => {
    const keys = setOf(a[2]);
    if (keys === null) return FALLBACK;
    if (keys.length === 0) return 0;
    if (!isNormal(a[1])) return FALLBACK;
    return search(keys, deref(a[1])) >= 0 ? 1 : 0;
  }),
  // setIns x s: s, then x (normalised into the result).
  jet("setIns", 2, "-w", (a) => {
    const keys = setOf(a[2]);
    if (keys === null) return FALLBACK;
    if (!isNormal(a[1])) return again(a, a[1], true);
    const x = deref(a[1]);
    const i = search(keys, x);
    if (i >= 0) return a[2];
    const out = keys.slice();
    out.splice(-i - 1, 0, x);
    return mkSet(out);
  }),
  // setDel x s: s, then parts of x.
  jet("setDel", 2, "-w", (a) => {
    const keys = setOf(a[2]);
    if (keys === null) return FALLBACK;
    if (keys.length === 0) return a[2];
    if (!isNormal(a[1])) return FALLBACK;
    const i = search(keys, deref(a[1]));
    if (i < 0) return a[2];
    const out = keys.slice();
    out.splice(i, 1);
    return mkSet(out);
  }),
  // setWeld a b: b, then a.
  jet("setWeld", 2, "-w", (a) => {
    const ys = setOf(a[2]);
    if (ys === null) return FALLBACK;
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    const xs = setOf(x);
    if (xs === null) return FALLBACK;
    return mkSet(union(xs, ys));
  }),
  // setCatRowAsc sets: the row, then its sets from the last to the first.
  jet("setCatRowAsc", 1, "w", (a) => {
    const v = a[1];
    if (typeof v !== "object" || v.t !== CLO) return new Law(1, 2, mkRow([], true));
    for (const s of v.args) if (ready(s) === null) return again(a, s);
    const out: Val[] = [];
    for (const s of elems(v)) for (const k of bodyElems(deref(s))) out.push(k);
    return new Law(1, 2, mkRow(out, true));
  }),
  jet("setDrop", 2, "ww", (a) => {
    const keys = setOf(a[2]);
    return setLaw(dropN(keys?.slice() ?? bodyElems(a[2]), a[1]), keys !== null);
  }),
  jet("setTake", 2, "ww", (a) => {
    const keys = setOf(a[2]);
    return setLaw(takeN(keys?.slice() ?? bodyElems(a[2]), a[1]), keys !== null);
  }),
  // setSplitAt i s: a lazy pair; computed at once only from evaluated inputs.
  jet("setSplitAt", 2, "--", (a) => {
    const i = ready(a[1]), s = ready(a[2]);
    if (i === null || s === null) return FALLBACK;
    const keys = setOf(s);
    const items = keys?.slice() ?? bodyElems(s);
    const asc = keys !== null;
    return mkRow([setLaw(takeN(items, i), asc), setLaw(dropN(items, i), asc)], true);
  }),
  // setIntersect a b: b, then a (only if b has elements).
  jet("setIntersect", 2, "-w", (a) => {
    const ys = setOf(a[2]);
    if (ys === null) return FALLBACK;
    if (ys.length === 0) return mkSet([]);
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    const xs = setOf(x);
    if (xs === null) return FALLBACK;
    return mkSet(ys.filter((k) => search(xs, k) >= 0));
  }),
  // setSub a b: b, then a (the result itself when b is empty).
  jet("setSub", 2, "-w", (a) => {
    const ys = setOf(a[2]);
    if (ys === null) return FALLBACK;
    if (ys.length === 0) return a[1];
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    const xs = setOf(x);
    if (xs === null) return FALLBACK;
    return mkSet(xs.filter((k) => search(ys, k) < 0));
  }),
  // setSplitLT k s: a lazy pair [keys < k, keys >= k].
  jet("setSplitLT", 2, "--", (a) => {
    const s = ready(a[2]);
    if (s === null || !isNormal(a[1])) return FALLBACK;
    const keys = setOf(s);
    if (keys === null) return FALLBACK;
    const i = search(keys, deref(a[1]));
    const at = i >= 0 ? i : -i - 1;
    return mkRow([mkSet(keys.slice(0, at)), mkSet(keys.slice(at))], true);
  }),
];

/** The union of two ascending key arrays. */
export function union(xs: readonly Val[], ys: readonly Val[]): Val[] {
  const out: Val[] = [];
  let i = 0, j = 0;
  while (i < xs.length && j < ys.length) {
    const c = compareKeys(xs[i], ys[j]);
    if (c < 0) out.push(xs[i++]);
    else if (c > 0) out.push(ys[j++]);
    else {
      out.push(xs[i++]);
      j++;
    }
  }
  while (i < xs.length) out.push(xs[i++]);
  while (j < ys.length) out.push(ys[j++]);
  return out;
}
