/**
 * Jets for fixed-width words (upstream `w32`, `w64`): `w32 add32 mul32
 * div32 and32 or32 xor32 lsh32 rsh32 sub32 ror32 rol32`, the same for 64,
 * and `iDiv64`.
 *
 * Each follows its legal formula literally, including on inputs wider than
 * the word: most operations truncate their inputs first, but `sub` borrows
 * with the untruncated inputs, and the rotations are built from `lsh`, `rsh`
 * and `sub`. Division by 0 gives 0, as `_Div` does.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import { bigOf, type Nat, natFromBig } from "../plan/value.ts";
import { again, natOr0, ready } from "./demand.ts";
import { jet } from "./define.ts";

/** The word operations of one width, on nats. */
class Word {
  readonly bits: bigint;
  readonly size: bigint;
  readonly mask: bigint;
  constructor(readonly width: number) {
    this.bits = BigInt(width);
    this.size = 1n << this.bits;
    this.mask = this.size - 1n;
  }
  w(x: Nat): bigint {
    return BigInt.asUintN(this.width, bigOf(x));
  }
  add(x: Nat, y: Nat): bigint {
    return (this.w(x) + this.w(y)) & this.mask;
  }
  mul(x: Nat, y: Nat): bigint {
    return (this.w(x) * this.w(y)) & this.mask;
  }
  div(x: Nat, y: Nat): bigint {
    const d = this.w(y);
    return d === 0n ? 0n : this.w(x) / d;
  }
  lsh(x: Nat, y: Nat): bigint {
    const n = this.w(y);
    return n >= this.bits ? 0n : (this.w(x) << n) & this.mask;
  }
  rsh(x: Nat, y: Nat): bigint {
    const n = this.w(y);
    return n >= this.bits ? 0n : this.w(x) >> n;
  }
  sub(x: Nat, y: Nat): bigint {
    const a = this.w(x), b = this.w(y);
    if (b <= a) return a - b;
    const d = this.size + bigOf(x) - bigOf(y);
    return d > 0n ? d : 0n;
  }
  ror(x: Nat, y: Nat): bigint {
    return this.rsh(x, y) | this.lsh(x, natFromBig(this.sub(this.width, y)));
  }
  rol(x: Nat, y: Nat): bigint {
    return this.lsh(x, y) | this.rsh(x, natFromBig(this.sub(this.width, y)));
  }
}

const W32 = new Word(32), W64 = new Word(64);

/** A binary word jet forcing `y` first, then `x`. */
function yThenX(name: string, op: (x: Nat, y: Nat) => bigint): Jet {
  return jet(name, 2, "-w", (a) => {
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    return natFromBig(op(natOr0(x), natOr0(a[2])));
  });
}

/** A binary word jet forcing `x` first, then `y`. */
function xThenY(name: string, op: (x: Nat, y: Nat) => bigint): Jet {
  return jet(name, 2, "ww", (a) => natFromBig(op(natOr0(a[1]), natOr0(a[2]))));
}

function wordJets(W: Word): Jet[] {
  const n = W.width;
  return [
    jet(`w${n}`, 1, "w", (a) => natFromBig(W.w(natOr0(a[1])))),
    yThenX(`add${n}`, (x, y) => W.add(x, y)),
    // mul: y, then x only if y's word is not 0.
    jet(`mul${n}`, 2, "-w", (a) => {
      const y = natOr0(a[2]);
      if (W.w(y) === 0n) return 0;
      const x = ready(a[1]);
      if (x === null) return again(a, a[1]);
      return natFromBig(W.mul(natOr0(x), y));
    }),
    yThenX(`div${n}`, (x, y) => W.div(x, y)),
    yThenX(`and${n}`, (x, y) => W.w(x) & W.w(y)),
    yThenX(`or${n}`, (x, y) => W.w(x) | W.w(y)),
    yThenX(`xor${n}`, (x, y) => W.w(x) ^ W.w(y)),
    // lsh: x, then y only if x's word is not 0.
    jet(`lsh${n}`, 2, "w-", (a) => {
      const x = natOr0(a[1]);
      if (W.w(x) === 0n) return 0;
      const y = ready(a[2]);
      if (y === null) return again(a, a[2]);
      return natFromBig(W.lsh(x, natOr0(y)));
    }),
    yThenX(`rsh${n}`, (x, y) => W.rsh(x, y)),
    yThenX(`sub${n}`, (x, y) => W.sub(x, y)),
    xThenY(`ror${n}`, (x, y) => W.ror(x, y)),
    yThenX(`rol${n}`, (x, y) => W.rol(x, y)),
  ];
}

/** `iDiv64 x y`: signed (two's complement) division, as the legal code does it. */
function iDiv64(x: Nat, y: Nat): bigint {
  const max = (1n << 63n) - 1n;
  const neg = (v: Nat) => W64.w(v) > max;
  const negate = (v: Nat) => (W64.mask - W64.w(v) + 1n) & W64.mask;
  const abs = (v: Nat): Nat => neg(v) ? natFromBig(negate(v)) : v;
  const res = W64.div(abs(x), abs(y));
  return neg(x) !== neg(y) ? negate(natFromBig(res)) : res;
}

/** The word jets. */
export const WORD_JETS: readonly Jet[] = [
  ...wordJets(W32),
  ...wordJets(W64),
  xThenY("iDiv64", iDiv64),
];
