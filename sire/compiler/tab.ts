/**
 * The PLAN rows and tabs the compiler state is made of (spec §0): reading
 * them (from values macros may have built lazily) and building canonical ones.
 *
 * - row `[x0 … x(k-1)]` = `({0 k+1 0} x(k-1) … x0)`, the empty row the law
 *   `{0 1 0}`;
 * - tab = `({1 2 keys} vals)`: a set law whose body is the row of keys in
 *   strictly ascending PLAN order, applied to the row of values.
 *
 * Decoded tabs are cached by object identity, and tabs built here are
 * registered in that cache, so looking a name up in the scope is a binary
 * search over a JS array.
 *
 * @module
 */

import { Clo, Law, type Nat, row, type Val } from "../../runtime/plan/value.ts";
import { force, whnf } from "../../runtime/plan/eval.ts";
import { compare, compareNat } from "../../runtime/plan/compare.ts";

/** True if `v` (in WHNF) is a row constructor law `{0 n 0}`. */
function isCow(v: Val): v is Law {
  return v instanceof Law && v.name === 0 && v.body === 0;
}

/**
 * The elements of a row, in row order, or `null` if `v` is not a row.
 * Evaluates `v` to WHNF; the elements themselves are not evaluated.
 */
export function rowItems(v: Val): Val[] | null {
  v = whnf(v);
  if (isCow(v)) return v.ar === 1 ? [] : null;
  if (v instanceof Clo && isCow(v.head) && v.ar === 1) {
    const a = v.args, k = a.length, out = new Array<Val>(k);
    for (let i = 0; i < k; i++) out[i] = a[k - 1 - i];
    return out;
  }
  return null;
}

/**
 * Builds the row of `items`. When `nf` is true the caller promises every
 * item is in normal form, and the row is marked normalised.
 */
export function makeRow(items: readonly Val[], nf = false): Val {
  return row(items, nf);
}

/** A decoded tab: keys ascending (normal form) and the matching values. */
export interface TabView {
  /** The keys, strictly ascending in PLAN order. */
  readonly keys: readonly Val[];
  /** The values, as stored (possibly unevaluated). */
  readonly vals: readonly Val[];
  /** True if every key is a nat (enables the fast comparison). */
  readonly natKeys: boolean;
}

const tabCache = new WeakMap<object, TabView | null>();

function cmpKey(a: Val, b: Val, nat: boolean): number {
  return nat && typeof b !== "object" ? compareNat(a as Nat, b) : compare(a, b);
}

/**
 * Decodes a tab, or returns `null` if `v` is not one (not a set applied to a
 * row of the same length, or keys not strictly ascending).
 */
export function tabView(v: Val): TabView | null {
  v = whnf(v);
  if (typeof v !== "object") return null;
  const hit = tabCache.get(v);
  if (hit !== undefined) return hit;
  let view: TabView | null = null;
  if (
    v instanceof Clo && v.head instanceof Law && v.head.name === 1 &&
    v.head.arity === 2 && v.args.length === 1
  ) {
    const keys = rowItems(v.head.body);
    const vals = keys && rowItems(v.args[0]);
    if (keys && vals && keys.length === vals.length) {
      let natKeys = true, ok = true;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] = force(keys[i]);
        if (typeof k === "object") natKeys = false;
      }
      for (let i = 1; i < keys.length && ok; i++) {
        ok = cmpKey(keys[i - 1], keys[i], natKeys) < 0;
      }
      if (ok) view = { keys, vals, natKeys };
    }
  }
  tabCache.set(v, view);
  return view;
}

/**
 * Position of `key` in a tab's keys: its index if present, else `-(i+1)`
 * where `i` is where it would be inserted.
 */
export function tabSearch(t: TabView, key: Val): number {
  const keys = t.keys;
  const nat = t.natKeys && typeof key !== "object";
  let lo = 0, hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = nat ? compareNat(keys[mid] as Nat, key as Nat) : compare(keys[mid], key);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -(lo + 1);
}

/** The value stored under `key`, or `undefined`. */
export function tabGet(t: TabView, key: Val): Val | undefined {
  const i = tabSearch(t, key);
  return i >= 0 ? t.vals[i] : undefined;
}

/**
 * Builds the canonical tab of `keys` (strictly ascending, normal form) and
 * `vals`, and registers its decoding.
 */
export function makeTab(keys: Val[], vals: Val[]): Val {
  let natKeys = true;
  for (const k of keys) if (typeof k === "object") natKeys = false;
  const set = new Law(1, 2, makeRow(keys, true));
  const t = new Clo(set, [makeRow(vals)], 1);
  tabCache.set(t, { keys, vals, natKeys });
  return t;
}

/** The empty tab `#[]`. */
export const EMPTY_TAB: Val = makeTab([], []);

/** `t` with `key` bound to `val` (replacing any previous value). */
export function tabPut(t: TabView, key: Val, val: Val): Val {
  const i = tabSearch(t, key);
  const keys = t.keys.slice(), vals = t.vals.slice();
  if (i >= 0) vals[i] = val;
  else {
    keys.splice(-i - 1, 0, key);
    vals.splice(-i - 1, 0, val);
  }
  return makeTab(keys, vals);
}

/** The entries of `t` whose key satisfies `keep`. */
export function tabFilter(t: TabView, keep: (k: Val) => boolean): Val {
  const keys: Val[] = [], vals: Val[] = [];
  for (let i = 0; i < t.keys.length; i++) {
    if (keep(t.keys[i])) {
      keys.push(t.keys[i]);
      vals.push(t.vals[i]);
    }
  }
  return makeTab(keys, vals);
}

/** Left-biased union: entries of `a`, plus those of `b` whose key is not in `a`. */
export function tabUnion(a: TabView, b: TabView): Val {
  const keys: Val[] = [], vals: Val[] = [];
  const nat = a.natKeys && b.natKeys;
  let i = 0, j = 0;
  while (i < a.keys.length || j < b.keys.length) {
    const c = i >= a.keys.length
      ? 1
      : j >= b.keys.length
      ? -1
      : cmpKey(a.keys[i], b.keys[j], nat);
    if (c <= 0) {
      keys.push(a.keys[i]);
      vals.push(a.vals[i]);
      i++;
      if (c === 0) j++;
    } else {
      keys.push(b.keys[j]);
      vals.push(b.vals[j]);
      j++;
    }
  }
  return makeTab(keys, vals);
}
