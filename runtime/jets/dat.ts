/**
 * Jets for row utilities and strings (upstream `sire_07_dat`,
 * `sire_10_str`): `sum cat zip take drop _SizedListToRow
 * _SizedListToRowRev bsearch isDigit implode`.
 *
 * Folds force the elements in the order their legal folds do: `sum` and
 * `cat` are right folds whose combining functions force the rest first, so
 * the last element is forced first; `implode` is a strict left fold. Lists
 * are `0` (NIL) or rows `[x xs]`.
 *
 * @module
 */

import { compare } from "../plan/compare.ts";
import type { Jet } from "../plan/jet.ts";
import { CLO, cow, deref, type Nat, type Val } from "../plan/value.ts";
import * as A from "./arith.ts";
import { elems, mkRow, rowFromArgs } from "./data.ts";
import { again, isNormal, natOr0, ready } from "./demand.ts";
import { FALLBACK, jet } from "./define.ts";
import { argsOf } from "./row.ts";
import { dropN, takeN } from "./set.ts";

/** Longest row the list-to-row jets build natively. */
const MAX_ROW = 1 << 26;

/**
 * The first `n` elements of a list, padded with 0, forcing the cells in
 * order; or the expression asking for the next cell.
 */
function listPrefix(a: Val[], list: Val, n: number): Val[] | Val {
  const out: Val[] = [];
  let cell = list;
  while (out.length < n) {
    const c = ready(cell);
    if (c === null) return again(a, cell);
    if (typeof c !== "object" || c.t !== CLO) break;
    const args = c.args;
    out.push(args[args.length - 1]);
    cell = args.length > 1 ? args[args.length - 2] : 0;
  }
  while (out.length < n) out.push(0);
  return out;
}

/** The row and string jets. */
export const DAT_JETS: readonly Jet[] = [
  // sum xs: the row, then its elements from the last to the first.
  jet("sum", 1, "w", (a) => {
    const args = argsOf(a[1]);
    let s: Nat = 0;
    for (const e of args) {
      const v = ready(e);
      if (v === null) return again(a, e);
      s = A.add(s, natOr0(v));
    }
    return s;
  }),
  // cat rows: the row, then its rows from the last to the first.
  jet("cat", 1, "w", (a) => {
    const args = argsOf(a[1]);
    const out: Val[] = [];
    for (const e of args) {
      const v = ready(e);
      if (v === null) return again(a, e);
      out.push(...argsOf(v));
    }
    return rowFromArgs(out);
  }),
  // zip xs ys: xs, then ys; pairs of elements up to the shorter length.
  jet("zip", 2, "ww", (a) => {
    const xs = argsOf(a[1]), ys = argsOf(a[2]);
    const n = Math.min(xs.length, ys.length);
    const out: Val[] = [];
    for (let i = 0; i < n; i++) {
      out.push(mkRow([xs[xs.length - 1 - i], ys[ys.length - 1 - i]]));
    }
    return mkRow(out);
  }),
  jet("take", 2, "ww", (a) => {
    const v = a[2];
    return mkRow(takeN(typeof v === "object" && v.t === CLO ? elems(v) : [], a[1]));
  }),
  jet("drop", 2, "ww", (a) => {
    const v = a[2];
    return mkRow(dropN(typeof v === "object" && v.t === CLO ? elems(v) : [], a[1]));
  }),
  // _SizedListToRow n list: n, then up to n list cells in order.
  jet("_SizedListToRow", 2, "w-", (a) => {
    const n = natOr0(a[1]);
    if (typeof n !== "number" || n > MAX_ROW) return FALLBACK;
    if (n === 0) return cow(0);
    const items = listPrefix(a, a[2], n);
    return Array.isArray(items) ? mkRow(items) : items;
  }),
  jet("_SizedListToRowRev", 2, "w-", (a) => {
    const n = natOr0(a[1]);
    if (typeof n !== "number" || n > MAX_ROW) return FALLBACK;
    if (n === 0) return cow(0);
    const items = listPrefix(a, a[2], n);
    return Array.isArray(items) ? mkRow(items.reverse()) : items;
  }),
  // bsearch key row: 2·index + 1 if found, else 2·(insertion point).
  jet("bsearch", 2, "-w", (a) => {
    const row = a[2];
    if (typeof row !== "object" || row.t !== CLO) return 0;
    if (!isNormal(a[1]) || !isNormal(row)) return FALLBACK;
    const key = deref(a[1]), args = row.args, n = args.length;
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compare(key, args[n - 1 - mid]);
      if (c === 0) return 2 * mid + 1;
      if (c < 0) hi = mid;
      else lo = mid + 1;
    }
    return 2 * lo;
  }),
  jet("isDigit", 1, "w", (a) => {
    const c = a[1];
    return typeof c === "number" && c >= 48 && c <= 57 ? 1 : 0;
  }),
  // implode cs: the row, then each element in order.
  jet("implode", 1, "w", (a) => {
    const v0 = a[1];
    let acc: Nat = 0;
    for (const e of typeof v0 === "object" && v0.t === CLO ? elems(v0) : []) {
      const v = ready(e);
      if (v === null) return again(a, e);
      const c = natOr0(v);
      if (c === 0) continue;
      const bits = A.met(acc) as number;
      const shifted = A.lsh(c, Math.ceil(bits / 8) * 8);
      if (shifted === null) return FALLBACK;
      acc = A.add(acc, shifted);
    }
    return acc;
  }),
];
