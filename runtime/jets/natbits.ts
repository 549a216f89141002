/**
 * Jets for the bits of nats (upstream `sire_03_nat`): `_Lsh _Rsh _Bix
 * _Bitwise _NatFold _Dis _Con _Mix _PopCount _Met _Trunc _BitSlice _SetBit _TestBit
 * _ClearBit`.
 *
 * Forcing orders follow the legal definitions: `_Dis`, `_Con` and `_Mix`
 * loop on `add x y`, so `y` is forced first; `_Lsh v n` is `mul (bex n) v`,
 * which forces `v` and then `n` only if `v` is not 0; `_Rsh v n` is
 * `div v (bex n)`, which forces `n` first.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import {
  bigOf,
  type Nat,
  natBitLength,
  natFromBig,
  PIN,
  type Pin,
  Thunk,
  type Val,
} from "../plan/value.ts";
import * as A from "./arith.ts";
import { again, natOr0, ready, SEQ } from "./demand.ts";
import { FALLBACK, jet } from "./define.ts";

/** Most bits `_NatFold` unrolls natively. */
const MAX_FOLD_BITS = 1 << 22;

/** A bitwise jet on `x` (argument 1, forced second) and `y` (strict). */
function bitwise(name: string, op: (x: Nat, y: Nat) => Nat): Jet {
  return jet(name, 2, "-w", (a) => {
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    return op(natOr0(x), natOr0(a[2]));
  });
}

/** Bit functions `_Bitwise` knows by the jet of their pin: [op, negate]. */
const BIT_FUNCTIONS: Record<string, [(x: Nat, y: Nat) => Nat, boolean]> = {
  _And: [A.and, false],
  _Con: [A.and, false],
  _Or: [A.or, false],
  _Dis: [A.or, false],
  _Xor: [A.xor, false],
  _Mix: [A.xor, false],
  _Nand: [A.and, true],
  _Nor: [A.or, true],
  _Xnor: [A.xor, true],
};

/** The bit-level jets. */
export const NAT_BIT_JETS: readonly Jet[] = [
  jet("_Lsh", 2, "w-", (a) => {
    const v = natOr0(a[1]);
    if (v === 0) return 0;
    const n = ready(a[2]);
    if (n === null) return again(a, a[2]);
    return A.lsh(v, natOr0(n)) ?? FALLBACK;
  }),
  jet("_Rsh", 2, "-w", (a) => {
    const v = ready(a[1]);
    if (v === null) return again(a, a[1]);
    return A.rsh(natOr0(v), natOr0(a[2]));
  }),
  jet("_Bix", 2, "ww", (a) => A.testBit(natOr0(a[2]), natOr0(a[1]))),
  // _Bitwise f x y: known only for the jetted boolean functions.
  jet("_Bitwise", 3, "--w", (a) => {
    const xv = ready(a[2]);
    if (xv === null) return again(a, a[2]);
    const x = natOr0(xv), y = natOr0(a[3]);
    if (x === 0 && y === 0) return 0;
    const f = ready(a[1]);
    if (f === null) return again(a, a[1]);
    if (typeof f !== "object" || f.t !== PIN) return FALLBACK;
    const name = ((f as Pin).jet as Jet | null)?.name;
    const fn = name === undefined ? undefined : BIT_FUNCTIONS[name];
    if (fn === undefined) return FALLBACK;
    const r = fn[0](x, y);
    if (!fn[1]) return r;
    const w = Math.max(natBitLength(x), natBitLength(y));
    return natFromBig(BigInt.asUintN(w, ~bigOf(r)));
  }),
  bitwise("_Dis", A.or),
  bitwise("_Con", A.and),
  bitwise("_Mix", A.xor),
  // _NatFold f z n: (f z bit) for each bit of n from the lowest, each step
  // forced before the next, as a chain of seqs.
  jet("_NatFold", 3, "--w", (a) => {
    const n = natOr0(a[3]);
    const w = natBitLength(n);
    if (w > MAX_FOLD_BITS) return FALLBACK;
    let acc = a[2];
    const steps: Val[] = [];
    for (let i = 0; i < w; i++) {
      acc = new Thunk(new Thunk(a[1], acc), A.testBit(n, i));
      steps.push(acc);
    }
    for (let i = steps.length - 2; i >= 0; i--) {
      acc = new Thunk(new Thunk(SEQ, steps[i]), acc);
    }
    return acc;
  }),
  jet("_PopCount", 1, "w", (a) => A.popCount(natOr0(a[1]))),
  jet("_Met", 1, "w", (a) => A.met(natOr0(a[1]))),
  jet("_Trunc", 2, "ww", (a) => A.trunc(natOr0(a[2]), natOr0(a[1]))),
  // _BitSlice o w n = trunc w (rsh n o): w, then o, then n.
  jet("_BitSlice", 3, "-w-", (a) => {
    const o = ready(a[1]);
    if (o === null) return again(a, a[1]);
    const n = ready(a[3]);
    if (n === null) return again(a, a[3]);
    return A.trunc(A.rsh(natOr0(n), natOr0(o)), natOr0(a[2]));
  }),
  jet("_SetBit", 2, "ww", (a) => {
    const b = A.bex(natOr0(a[1]));
    return b === null ? FALLBACK : A.or(natOr0(a[2]), b);
  }),
  jet("_TestBit", 2, "ww", (a) => A.testBit(natOr0(a[2]), natOr0(a[1]))),
  jet("_ClearBit", 2, "ww", (a) => {
    const i = natOr0(a[1]), n = natOr0(a[2]);
    return A.testBit(n, i) === 0 ? a[2] : A.xor(n, A.bex(i)!);
  }),
];
