/**
 * Jets for ordering and equality (upstream `sire_04_cmp`): `_Cmp _Eql _Neq
 * _Lth _Lte _Gth _Gte _Min _Max`.
 *
 * The legal `_Cmp` forces both arguments to weak head normal form and then
 * compares nat < pin < law < closure; closures by size, then head, then
 * arguments in application order, forcing each argument only when every
 * earlier part compared equal. The native comparison walks the same way
 * over what is already evaluated. When it reaches an argument that is not
 * evaluated yet, `_Cmp` hands the rest back to the evaluator as
 * `(weld (cmp x y) (cmp restX restY))`, where `restX`/`restY` are rows of the
 * pairs still to compare and `weld r k` is `k` when `r` is EQ, else `r`;
 * the other jets fall back to their legal code, which calls `_Cmp`.
 *
 * @module
 */

import { compare, equal } from "../plan/compare.ts";
import type { Jet } from "../plan/jet.ts";
import { CLO, Clo, cow, deref, Law, THUNK, Thunk, type Val } from "../plan/value.ts";
import { bodyApp, bodyConst } from "./demand.ts";
import { FALLBACK, jet } from "./define.ts";

/** Where a comparison stopped: the pair to compare next and the pairs after. */
export class CmpStop {
  constructor(
    /** Left value of the next pair (may be unevaluated). */
    readonly x: Val,
    /** Right value of the next pair. */
    readonly y: Val,
    /** Left values of the remaining pairs, in comparison order. */
    readonly xs: Val[],
    /** Right values of the remaining pairs. */
    readonly ys: Val[],
  ) {}
}

/** Closures visited before a comparison hands the rest to the evaluator. */
const BUDGET = 1 << 20;

function known(v: Val): boolean {
  return typeof v !== "object" || v.t !== CLO || v.nf;
}

function rank(v: Val): number {
  return typeof v !== "object" ? 0 : v.t;
}

/**
 * Compares two values in WHNF as `_Cmp` does: -1, 0 or 1, or a
 * {@linkcode CmpStop} when the next thing to compare is not evaluated yet
 * (or the walk ran long over unnormalised closures).
 */
export function compareLazy(x: Val, y: Val): -1 | 0 | 1 | CmpStop {
  const todo: Val[] = [];
  let budget = BUDGET;
  for (;;) {
    x = deref(x);
    y = deref(y);
    if (
      (typeof x === "object" && x.t === THUNK) ||
      (typeof y === "object" && y.t === THUNK) || budget-- <= 0
    ) {
      const xs: Val[] = [], ys: Val[] = [];
      for (let i = todo.length - 2; i >= 0; i -= 2) {
        xs.push(todo[i]);
        ys.push(todo[i + 1]);
      }
      return new CmpStop(x, y, xs, ys);
    }
    const rx = rank(x), ry = rank(y);
    if (rx !== ry) return rx < ry ? -1 : 1;
    if (known(x) && known(y)) {
      const r = compare(x, y);
      if (r !== 0) return r;
    } else {
      const cx = x as Clo, cy = y as Clo, k = cx.args.length;
      if (k !== cy.args.length) return k < cy.args.length ? -1 : 1;
      const r = compare(cx.head, cy.head);
      if (r !== 0) return r;
      for (let i = k - 1; i >= 0; i--) todo.push(cx.args[i], cy.args[i]);
    }
    if (todo.length === 0) return 0;
    y = todo.pop()!;
    x = todo.pop()!;
  }
}

/** `{0 1 2}`: returns 2 (GT) whatever its argument. */
const GT = new Law(0, 1, 2);

/** `{0 2 (2 k GT j)}`: given `k` and `r - 1`, `k` when r is EQ, else GT. */
const WELD_NZ = new Law(0, 2, bodyApp(bodyApp(bodyApp(bodyConst(2), 1), GT), 2));

/**
 * `weld r k`: `k` when the ordering `r` is EQ (1), else `r`; a case on `r`:
 * `(2 0 (WELD_NZ k) r)`.
 */
const WELD = new Law(
  0,
  2,
  bodyApp(bodyApp(bodyApp(bodyConst(2), bodyConst(0)), bodyApp(WELD_NZ, 2)), 1),
);

/** Both values in normal form already (nothing left to force). */
function bothKnown(x: Val, y: Val): boolean {
  return known(x) && known(y);
}

/** A jet deciding from the ordering (-1, 0, 1) of its two arguments. */
function ordered(name: string, pick: (r: -1 | 0 | 1, x: Val, y: Val) => Val): Jet {
  return jet(name, 2, "ww", (a) => {
    const r = compareLazy(a[1], a[2]);
    return r instanceof CmpStop ? FALLBACK : pick(r, a[1], a[2]);
  });
}

/** The ordering jets. */
export const CMP_JETS: readonly Jet[] = [
  jet("_Cmp", 2, "ww", (a) => {
    const r = compareLazy(a[1], a[2]);
    if (!(r instanceof CmpStop)) return r + 1;
    const next = new Thunk(new Thunk(a[0], r.x), r.y);
    const m = r.xs.length;
    if (m === 0) return next;
    const rest = new Thunk(
      new Thunk(a[0], new Clo(cow(m), r.xs, 1)),
      new Clo(cow(m), r.ys, 1),
    );
    return new Thunk(new Thunk(WELD, next), rest);
  }),
  jet("_Eql", 2, "ww", (a) => {
    if (bothKnown(a[1], a[2])) return equal(a[1], a[2]) ? 1 : 0;
    const r = compareLazy(a[1], a[2]);
    return r instanceof CmpStop ? FALLBACK : r === 0 ? 1 : 0;
  }),
  jet("_Neq", 2, "ww", (a) => {
    if (bothKnown(a[1], a[2])) return equal(a[1], a[2]) ? 0 : 1;
    const r = compareLazy(a[1], a[2]);
    return r instanceof CmpStop ? FALLBACK : r === 0 ? 0 : 1;
  }),
  ordered("_Lth", (r) => r < 0 ? 1 : 0),
  ordered("_Lte", (r) => r <= 0 ? 1 : 0),
  ordered("_Gth", (r) => r > 0 ? 1 : 0),
  ordered("_Gte", (r) => r >= 0 ? 1 : 0),
  ordered("_Min", (r, x, y) => r <= 0 ? x : y),
  ordered("_Max", (r, x, y) => r >= 0 ? x : y),
];
