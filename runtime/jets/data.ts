/**
 * Native views of the data-jet shapes (spec §1.8) for jets: rows, bars,
 * sets and tabs, read from and built as their ordinary PLAN forms.
 *
 * A row is already native: a closure of a cow whose argument array holds
 * the elements last-first. Bars (`{1 1 p}`) and sets (`{1 2 r}`) are laws;
 * the first time a jet looks at one, the decoded bytes or the checked key
 * array is cached on `law.cache` (laws are immutable, so the cache never goes
 * stale), and laws built here come with their cache filled in. A tab is a
 * set applied to its value row. Nothing here evaluates anything: a row
 * element may be an unevaluated thunk, set keys are always normal.
 *
 * @module
 */

import { compare } from "../plan/compare.ts";
import {
  CLO,
  Clo,
  cow,
  deref,
  LAW,
  Law,
  type Nat,
  natBitLength,
  natBytes,
  natFromBytes,
  row,
  THUNK,
  type Val,
} from "../plan/value.ts";

/** Cache entry of a `{1 1 p}` or `{1 2 r}` law that is not a bar or set. */
const PLAIN = 0;

/** Cache entry of a set: its keys, smallest first. */
class SetKeys {
  constructor(readonly keys: readonly Val[]) {}
}

/** The elements of a closure in index order (element 0 = last argument). */
export function elems(c: Clo): Val[] {
  const a = c.args, k = a.length, out = new Array<Val>(k);
  for (let i = 0; i < k; i++) out[i] = a[k - 1 - i];
  return out;
}

/**
 * The row of `items` (index order). Mark it normal (`nf`) only when every
 * item is known to be in normal form.
 */
export function mkRow(items: readonly Val[], nf = false): Val {
  return row(items, nf);
}

/** The row whose argument array (last element first) is `args`. */
export function rowFromArgs(args: Val[], nf = false): Val {
  if (args.length === 0) return cow(0);
  const c = new Clo(cow(args.length), args, 1);
  c.nf = nf;
  return c;
}

/**
 * If `v` (in WHNF) is a row, its argument array (last element first);
 * otherwise null. The empty row gives an empty array.
 */
export function rowArgs(v: Val): Val[] | null {
  if (typeof v !== "object") return null;
  if (v.t === LAW) {
    return v.name === 0 && v.arity === 1 && deref(v.body) === 0 ? [] : null;
  }
  if (v.t !== CLO) return null;
  const h = v.head;
  if (typeof h !== "object" || h.t !== LAW || h.name !== 0) return null;
  return h.ar === v.args.length + 1 && deref(h.body) === 0 ? v.args : null;
}

/** The bar holding a copy of `bytes`. */
export function mkBar(bytes: Uint8Array): Law {
  const p = new Uint8Array(bytes.length + 1);
  p.set(bytes);
  p[bytes.length] = 1;
  const law = new Law(1, 1, natFromBytes(p));
  law.cache = p.subarray(0, bytes.length);
  return law;
}

/** The bar whose contents are the minimal bytes of a nat (`natBar`). */
export function barOfNat(n: Nat): Law {
  return mkBar(natBytes(n));
}

/** If `v` (in WHNF) is a bar, its bytes (shared: do not modify), else null. */
export function barOf(v: Val): Uint8Array | null {
  if (typeof v !== "object" || v.t !== LAW || v.name !== 1 || v.arity !== 1) {
    return null;
  }
  const c = v.cache;
  if (c instanceof Uint8Array) return c;
  if (c !== null) return null;
  const p = deref(v.body);
  if (typeof p === "object" || p === 0) return plain(v);
  const bits = natBitLength(p) - 1;
  if (bits % 8 !== 0) return plain(v);
  const bytes = new Uint8Array(bits / 8);
  bytes.set(natBytes(p).subarray(0, bits / 8));
  v.cache = bytes;
  return bytes;
}

function plain(v: Law): null {
  v.cache = PLAIN;
  return null;
}

/**
 * The set of `keys` (normal values, strictly ascending; the array is kept
 * and must not change afterwards).
 */
export function mkSet(keys: readonly Val[]): Law {
  const law = new Law(1, 2, mkRow(keys, true));
  law.cache = new SetKeys(keys);
  return law;
}

/**
 * If `v` (in WHNF) is a set — a law `{1 2 r}` whose body is a row strictly
 * ascending in the `_Cmp` order — its keys, smallest first (shared: do not
 * modify); otherwise null.
 */
export function setOf(v: Val): readonly Val[] | null {
  if (typeof v !== "object" || v.t !== LAW || v.name !== 1 || v.arity !== 2) {
    return null;
  }
  const c = v.cache;
  if (c instanceof SetKeys) return c.keys;
  if (c !== null) return null;
  const args = rowArgs(deref(v.body));
  if (args === null) return plain(v);
  const keys = new Array<Val>(args.length);
  for (let i = 0; i < args.length; i++) keys[i] = deref(args[args.length - 1 - i]);
  for (let i = 1; i < keys.length; i++) {
    if (compare(keys[i - 1], keys[i]) >= 0) return plain(v);
  }
  v.cache = new SetKeys(keys);
  return keys;
}

/** A tab seen natively: its key set, keys and value row. */
export interface TabView {
  /** The key set (the tab's head). */
  readonly set: Law;
  /** The keys, smallest first. */
  readonly keys: readonly Val[];
  /** The tab's only argument, its value row (possibly unevaluated). */
  readonly valsArg: Val;
  /**
   * The value row's arguments (last value first, as many as keys), or null
   * while the value row is not evaluated.
   */
  readonly vals: readonly Val[] | null;
}

/**
 * Classifies `v` (in WHNF) as a tab: a set applied to one argument, a row as
 * long as the set. Returns null when `v` is not one; when the argument is
 * not evaluated yet the view has `vals` null (and the shape of the value
 * row is not known).
 */
export function tabOf(v: Val): TabView | null {
  if (typeof v !== "object" || v.t !== CLO || v.args.length !== 1) return null;
  const set = v.head;
  if (typeof set !== "object" || set.t !== LAW) return null;
  const keys = setOf(set);
  if (keys === null) return null;
  const valsArg = v.args[0];
  const r = deref(valsArg);
  if (typeof r === "object" && r.t === THUNK) return { set, keys, valsArg, vals: null };
  const vals = rowArgs(r);
  if (vals === null || vals.length !== keys.length) return null;
  return { set, keys, valsArg, vals };
}

/** The tab of a key set and its value row's arguments (last value first). */
export function mkTab(set: Law, valArgs: Val[]): Clo {
  return new Clo(set, [rowFromArgs(valArgs)], 1);
}

/**
 * Binary search for `key` (normal) among ascending normal `keys`: the index
 * if found, else `-(insertion point) - 1`.
 */
export function search(keys: readonly Val[], key: Val): number {
  let lo = 0, hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(key, keys[mid]);
    if (c === 0) return mid;
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return -lo - 1;
}
