/**
 * Jets for nat arithmetic (upstream `sire_03_nat`): `_ToNat _Dec _Times
 * _Add _Mul _Sub _Pow _Bex _Div _Mod _DivMod _OrdWeld`.
 *
 * Legal code reads a non-nat where it expects a nat as 0. The forcing order
 * follows the legal definitions, which are all built on `_Times`, a loop
 * over its last argument: `_Add`, `_Sub`, `_Div` and `_Mod` force `y` before
 * `x`; `_Mul x y` and `_Pow b p` force `x`/`b` only when `y`/`p` is not 0.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import { Clo, type Nat, natDec, Thunk } from "../plan/value.ts";
import * as A from "./arith.ts";
import { again, natOr0, ready } from "./demand.ts";
import { FALLBACK, jet } from "./define.ts";

/** Most applications `_Times` builds natively. */
const MAX_TIMES = 1 << 24;

/** Runs `op` on `x` (argument 1, forced second) and `y` (argument 2, strict). */
function yThenX(name: string, op: (x: Nat, y: Nat) => Nat | null): Jet {
  return jet(name, 2, "-w", (a) => {
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    return op(natOr0(x), natOr0(a[2])) ?? FALLBACK;
  });
}

/** The nat arithmetic jets. */
export const NAT_JETS: readonly Jet[] = [
  jet("_ToNat", 1, "w", (a) => natOr0(a[1])),
  jet("_Dec", 1, "w", (a) => {
    const x = natOr0(a[1]);
    return x === 0 ? 0 : natDec(x);
  }),
  // _Times f z x: f applied x times to z, built lazily.
  jet("_Times", 3, "--w", (a) => {
    const n = natOr0(a[3]);
    if (typeof n !== "number" || n > MAX_TIMES) return FALLBACK;
    let r = a[2];
    for (let i = 0; i < n; i++) r = new Thunk(a[1], r);
    return r;
  }),
  yThenX("_Add", A.add),
  jet("_Mul", 2, "-w", (a) => {
    const y = natOr0(a[2]);
    if (y === 0) return 0;
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    return A.mul(natOr0(x), y);
  }),
  yThenX("_Sub", A.sub),
  jet("_Pow", 2, "-w", (a) => {
    const p = natOr0(a[2]);
    if (p === 0) return 1;
    const b = ready(a[1]);
    if (b === null) return again(a, a[1]);
    return A.pow(natOr0(b), p) ?? FALLBACK;
  }),
  jet("_Bex", 1, "w", (a) => A.bex(natOr0(a[1])) ?? FALLBACK),
  yThenX("_Div", A.div),
  yThenX("_Mod", A.mod),
  // _DivMod x y = (0 (div x y) (mod x y)): a closure, nothing forced.
  jet("_DivMod", 2, "--", (a) => {
    const x = ready(a[1]), y = ready(a[2]);
    if (x === null || y === null) return FALLBACK;
    const m = natOr0(x), n = natOr0(y);
    const c = new Clo(0, [A.div(m, n), A.mod(m, n)], 1);
    c.nf = true;
    return c;
  }),
  jet("_OrdWeld", 2, "w-", (a) => a[1] === 1 ? a[2] : a[1]),
];
