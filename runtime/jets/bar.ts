/**
 * Jets for bars, byte arrays stored as the law `{1 1 p}` (upstream
 * `sire_16_bar`): `isBar _Bar natBar barNat barLen barIsEmpty
 * _NatToSizedBar barIdx barWeld barCat barTake barDrop _BarSliceToNat
 * barElemIndexEnd barElemIndexOff barFlat`.
 *
 * The legal code reads any law's body as a bar's contents; these jets handle
 * real bars (see `data.ts`) and fall back on anything else. Counts that are
 * not nats behave as the legal code's comparisons make them: a non-nat
 * `take` count takes everything, a non-nat `drop` count drops nothing.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import {
  CLO,
  Clo,
  deref,
  LAW,
  Law,
  type Nat,
  natFromBytes,
  type Val,
} from "../plan/value.ts";
import * as A from "./arith.ts";
import { barOf, barOfNat, elems, mkBar } from "./data.ts";
import { again, natOr0, ready } from "./demand.ts";
import { FALLBACK, jet } from "./define.ts";

/** The bytes of `b` from `off` on, at most `n` of them (nats; huge = all). */
function slice(b: Uint8Array, off: Nat, n: Val): Uint8Array {
  const start = typeof off === "number" ? Math.min(off, b.length) : b.length;
  const end = typeof n === "number" ? Math.min(b.length, start + n) : b.length;
  return b.subarray(start, end);
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The bars in a tree of closures (`barTreeToList`): a bar is a leaf, a
 * closure's elements are visited in index order, anything else is skipped.
 * Returns the bars, or the expression asking for the first node in that
 * order that is not evaluated yet (`a` is the jet's call).
 */
export function barTree(a: Val[], root: Val): Uint8Array[] | Val {
  const out: Uint8Array[] = [];
  const todo: Val[] = [root];
  while (todo.length > 0) {
    const x = todo.pop()!;
    const v = ready(x);
    if (v === null) return again(a, x);
    const b = barOf(v);
    if (b !== null) out.push(b);
    else if (typeof v === "object" && v.t === CLO) {
      for (const e of (v as Clo).args) todo.push(e);
    }
  }
  return out;
}

/** The bar jets. */
export const BAR_JETS: readonly Jet[] = [
  jet("isBar", 1, "w", (a) => barOf(a[1]) === null ? 0 : 1),
  jet("_Bar", 1, "n", (a) => new Law(1, 1, a[1])),
  jet("natBar", 1, "w", (a) => barOfNat(natOr0(a[1]))),
  jet("barNat", 1, "w", (a) => {
    const b = barOf(a[1]);
    return b === null ? FALLBACK : natFromBytes(b);
  }),
  jet("barLen", 1, "w", (a) => barOf(a[1])?.length ?? FALLBACK),
  jet("barIsEmpty", 1, "w", (a) => {
    const v = a[1];
    return typeof v === "object" && v.t === LAW && deref(v.body) === 1 ? 1 : 0;
  }),
  // _NatToSizedBar sz n = _Bar (add (bex (8 * sz)) n): n, then sz.
  jet("_NatToSizedBar", 2, "-w", (a) => {
    const sz = ready(a[1]);
    if (sz === null) return again(a, a[1]);
    const high = A.lsh(1, A.mul(natOr0(sz), 8));
    return high === null ? FALLBACK : new Law(1, 1, A.add(high, natOr0(a[2])));
  }),
  jet("barIdx", 2, "ww", (a) => {
    const b = barOf(a[2]);
    if (b === null) return FALLBACK;
    const i = natOr0(a[1]);
    return typeof i === "number" && i < b.length ? b[i] : 0;
  }),
  // barWeld x y: y, then x.
  jet("barWeld", 2, "-w", (a) => {
    const y = barOf(a[2]);
    if (y === null) return FALLBACK;
    const xv = ready(a[1]);
    if (xv === null) return again(a, a[1]);
    const x = barOf(xv);
    return x === null ? FALLBACK : mkBar(concat([x, y]));
  }),
  // barCat bars: the row, then its bars from the last to the first.
  jet("barCat", 1, "w", (a) => {
    const v = a[1];
    if (typeof v !== "object" || v.t !== CLO) return mkBar(new Uint8Array(0));
    for (const e of v.args) if (ready(e) === null) return again(a, e);
    const parts: Uint8Array[] = [];
    for (const e of elems(v)) {
      const b = barOf(deref(e));
      if (b === null) return FALLBACK;
      parts.push(b);
    }
    return mkBar(concat(parts));
  }),
  jet("barTake", 2, "ww", (a) => {
    const b = barOf(a[2]);
    return b === null ? FALLBACK : mkBar(slice(b, 0, a[1]));
  }),
  jet("barDrop", 2, "ww", (a) => {
    const b = barOf(a[2]);
    return b === null ? FALLBACK : mkBar(slice(b, natOr0(a[1]), Infinity));
  }),
  // _BarSliceToNat off w b: w, then off, then b.
  jet("_BarSliceToNat", 3, "-w-", (a) => {
    const off = ready(a[1]);
    if (off === null) return again(a, a[1]);
    const bv = ready(a[3]);
    if (bv === null) return again(a, a[3]);
    const b = barOf(bv);
    return b === null ? FALLBACK : natFromBytes(slice(b, natOr0(off), a[2]));
  }),
  // barElemIndexEnd e b: b, then e unless b is empty.
  jet("barElemIndexEnd", 2, "-w", (a) => {
    const v = a[2];
    if (typeof v === "object" && v.t === LAW && deref(v.body) === 1) return 0;
    const b = barOf(v);
    if (b === null) return FALLBACK;
    const e = ready(a[1]);
    if (e === null) return again(a, a[1]);
    if (typeof e === "number") {
      const i = b.lastIndexOf(e);
      if (i >= 0) return some(i);
    }
    return 0;
  }),
  // barElemIndexOff e off b: off, b, then e while off is in range.
  jet("barElemIndexOff", 3, "-ww", (a) => {
    const b = barOf(a[3]);
    if (b === null) return FALLBACK;
    const off = a[2];
    if (typeof off !== "number" || off >= b.length) return b.length;
    const e = ready(a[1]);
    if (e === null) return again(a, a[1]);
    const i = typeof e === "number" ? b.indexOf(e, off) : -1;
    return i < 0 ? b.length : i;
  }),
  jet("barFlat", 1, "w", (a) => {
    const r = barTree(a, a[1]);
    return Array.isArray(r) ? mkBar(concat(r)) : r;
  }),
];

/** `SOME i`: the closure `(0 i)`. */
function some(i: number): Clo {
  const c = new Clo(0, [i], 2);
  c.nf = true;
  return c;
}
