/**
 * Data-jet shapes (spec §1.8): recognisers and constructors for the PLAN
 * values that runtimes store natively — rows, cows, bars, sets and tabs.
 *
 * These are ordinary PLAN values; nothing here changes their meaning. A
 * recogniser only looks at the PLAN form (after following evaluated thunks),
 * so hashing, seeds and jets that share these functions agree on which
 * values are data jets:
 *
 * | shape | PLAN form |
 * |---|---|
 * | row `[x0 … x(k-1)]` | `({0 k+1 0} x(k-1) … x0)`; the empty row is the law `{0 1 0}` |
 * | cow n (n ≥ 1) | the law `{0 n+1 0}` |
 * | bar | the law `{1 1 p}`, `p` the bytes plus a final `0x01` byte |
 * | set | the law `{1 2 r}`, `r` a row strictly ascending by `compare` |
 * | tab | `(set vals)`, `vals` a row as long as the set |
 *
 * In a closure row the last applied argument is element 0: element `i` of a
 * row closure `c` with `k` elements is `c.args[k - 1 - i]`.
 *
 * @module
 */

import {
  CLO,
  type Clo,
  cow,
  deref,
  LAW,
  Law,
  type Nat,
  natBitLength,
  natBytes,
  natFromBytes,
  PIN,
  row,
  type Val,
} from "./value.ts";
import { compare } from "./compare.ts";

/** Kinds of value as the hashing serialisation classifies them (spec §4). */
export const enum Shape {
  /** A nat. */
  Nat = 0,
  /** A pin. */
  Pin = 1,
  /** A law that is none of the data-jet laws below. */
  Law = 2,
  /** A closure that is neither a row nor a tab. */
  App = 3,
  /** A row (closure or the empty-row law). */
  Row = 4,
  /** A tab. */
  Tab = 5,
  /** A set. */
  Set = 6,
  /** A bar. */
  Bar = 7,
  /** A cow of size ≥ 1 (a row constructor that is not the empty row). */
  Cow = 8,
}

/** True if `l` is the law `{name arity body}` with nat fields as given. */
function lawIs(l: Law, name: number, arity: number): boolean {
  return l.name === name && l.arity === arity;
}

/**
 * If `v` is a row, its number of elements; otherwise -1. The empty row is the
 * law `{0 1 0}`; a non-empty row is a closure whose head is the law
 * `{0 k+1 0}` applied to exactly `k` arguments.
 */
export function rowSize(v: Val): number {
  v = deref(v);
  if (typeof v !== "object") return -1;
  if (v.t === LAW) return lawIs(v, 0, 1) && deref(v.body) === 0 ? 0 : -1;
  if (v.t !== CLO) return -1;
  const h = v.head;
  if (typeof h !== "object" || h.t !== LAW) return -1;
  const k = v.args.length;
  return h.name === 0 && h.ar === k + 1 && deref(h.body) === 0 ? k : -1;
}

/**
 * Element `i` of a row of `size` elements (see {@linkcode rowSize}), with
 * evaluated thunks followed. `row` must be a row and `0 ≤ i < size`.
 */
export function rowItem(row: Val, size: number, i: number): Val {
  return deref((deref(row) as Clo).args[size - 1 - i]);
}

/** The elements of a row in index order, or `null` if `v` is not a row. */
export function rowItems(v: Val): Val[] | null {
  const k = rowSize(v);
  if (k < 0) return null;
  const out = new Array<Val>(k);
  if (k === 0) return out;
  const args = (deref(v) as Clo).args;
  for (let i = 0; i < k; i++) out[i] = deref(args[k - 1 - i]);
  return out;
}

/**
 * If `v` is a cow `{0 n+1 0}` with n ≥ 1, its size n; otherwise -1. Sizes
 * beyond `Number.MAX_SAFE_INTEGER` are reported by {@linkcode cowSizeNat}.
 */
export function cowSize(v: Val): number {
  const n = cowSizeNat(v);
  return typeof n === "number" ? n : -1;
}

/** If `v` is a cow `{0 n+1 0}` with n ≥ 1, its size n as a nat; else -1. */
export function cowSizeNat(v: Val): Nat | -1 {
  v = deref(v);
  if (typeof v !== "object" || v.t !== LAW || v.name !== 0) return -1;
  if (deref(v.body) !== 0) return -1;
  const a = v.arity;
  if (typeof a === "bigint") return a - 1n;
  return a >= 2 ? a - 1 : -1;
}

/**
 * If `v` is a bar `{1 1 p}` (p ≠ 0 and the bit length of p is 1 more than a
 * multiple of 8), its length in bytes; otherwise -1.
 */
export function barSize(v: Val): number {
  v = deref(v);
  if (typeof v !== "object" || v.t !== LAW || !lawIs(v, 1, 1)) return -1;
  const p = deref(v.body);
  if (typeof p === "object" || p === 0) return -1;
  const bits = natBitLength(p) - 1;
  return bits % 8 === 0 ? bits / 8 : -1;
}

/** The bytes of a bar, or `null` if `v` is not a bar. */
export function barBytes(v: Val): Uint8Array | null {
  const n = barSize(v);
  if (n < 0) return null;
  const p = deref((deref(v) as Law).body) as Nat;
  return natBytes(p).subarray(0, n);
}

/**
 * If `v` is a set `{1 2 r}` (r a row whose elements strictly ascend by
 * {@linkcode compare}), its number of keys; otherwise -1. The keys are the
 * elements of the row `setKeys(v)`, smallest first.
 */
export function setSize(v: Val): number {
  v = deref(v);
  if (typeof v !== "object" || v.t !== LAW || !lawIs(v, 1, 2)) return -1;
  const r = deref(v.body);
  const k = rowSize(r);
  if (k <= 1) return k;
  // Keys ascend in index order, so the arguments descend in application order.
  const args = (r as Clo).args;
  for (let j = 0; j + 1 < k; j++) {
    if (compare(args[j], args[j + 1]) <= 0) return -1;
  }
  return k;
}

/** The key row of a set (its law body); `set` must be a set. */
export function setKeys(set: Val): Val {
  return deref((deref(set) as Law).body);
}

/**
 * If `v` is a tab — a set applied to exactly one argument, a row with as
 * many elements as the set has keys — its size; otherwise -1. Its keys are
 * `setKeys(tabKeySet(v))` and its values the row `tabValues(v)`.
 */
export function tabSize(v: Val): number {
  v = deref(v);
  if (typeof v !== "object" || v.t !== CLO || v.args.length !== 1) return -1;
  const h = v.head;
  if (typeof h !== "object" || h.t !== LAW || !lawIs(h, 1, 2)) return -1;
  const n = rowSize(v.args[0]);
  if (n < 0 || rowSize(h.body) !== n) return -1;
  return setSize(h) === n ? n : -1;
}

/** The key set of a tab (its head); `tab` must be a tab. */
export function tabKeySet(tab: Val): Law {
  return (deref(tab) as Clo).head as Law;
}

/** The value row of a tab (its only argument); `tab` must be a tab. */
export function tabValues(tab: Val): Val {
  return deref((deref(tab) as Clo).args[0]);
}

/**
 * Classifies a value in WHNF the way pin hashing does (spec §4): row, tab,
 * set, bar, cow, nat, other closure, other law, pin. Throws on a thunk that
 * is not evaluated.
 */
export function shapeOf(v: Val): Shape {
  v = deref(v);
  if (typeof v !== "object") return Shape.Nat;
  switch (v.t) {
    case LAW:
      if (v.name === 0) {
        if (rowSize(v) === 0) return Shape.Row;
        if (cowSizeNat(v) !== -1) return Shape.Cow;
      } else if (v.name === 1) {
        if (barSize(v) >= 0) return Shape.Bar;
        if (setSize(v) >= 0) return Shape.Set;
      }
      return Shape.Law;
    case CLO:
      if (rowSize(v) >= 0) return Shape.Row;
      if (tabSize(v) >= 0) return Shape.Tab;
      return Shape.App;
    case PIN:
      return Shape.Pin;
    default:
      throw new TypeError("shapeOf: unevaluated thunk");
  }
}

/** The cow `{0 n+1 0}` (n ≥ 0; n = 0 gives the empty row). */
export function makeCow(n: number): Law {
  return cow(n);
}

/**
 * The row of `items` (index order). The items should be in normal form; the
 * closure is marked normalised.
 */
export function makeRow(items: readonly Val[]): Val {
  return row(items, true);
}

/** The bar holding `bytes`: the law `{1 1 p}`. */
export function makeBar(bytes: Uint8Array): Law {
  const p = new Uint8Array(bytes.length + 1);
  p.set(bytes);
  p[bytes.length] = 1;
  return new Law(1, 1, natFromBytes(p));
}
