/**
 * Arithmetic on canonical nats (`number` up to `Number.MAX_SAFE_INTEGER`,
 * `bigint` beyond): small operands take plain number paths and results are
 * numbers again whenever they fit.
 *
 * @module
 */

import { bigOf, MAX_SMALL, type Nat, natBitLength, natFromBig } from "../plan/value.ts";

/** Largest bit length a jet will produce natively (bigger: legal code runs). */
export const MAX_BITS = 1 << 28;

/** `x + y`. */
export function add(x: Nat, y: Nat): Nat {
  if (typeof x === "number" && typeof y === "number") {
    const s = x + y;
    return s <= MAX_SMALL ? s : BigInt(x) + BigInt(y);
  }
  return natFromBig(bigOf(x) + bigOf(y));
}

/** `x - y`, saturating at 0. */
export function sub(x: Nat, y: Nat): Nat {
  if (typeof x === "number" && typeof y === "number") return x > y ? x - y : 0;
  const d = bigOf(x) - bigOf(y);
  return d > 0n ? natFromBig(d) : 0;
}

/** `x * y`. */
export function mul(x: Nat, y: Nat): Nat {
  if (typeof x === "number" && typeof y === "number") {
    const p = x * y;
    return p <= MAX_SMALL ? p : natFromBig(BigInt(x) * BigInt(y));
  }
  return natFromBig(bigOf(x) * bigOf(y));
}

/** `x / y` rounded down; division by 0 gives 0. */
export function div(x: Nat, y: Nat): Nat {
  if (y === 0) return 0;
  if (typeof x === "number" && typeof y === "number") return (x - x % y) / y;
  return natFromBig(bigOf(x) / bigOf(y));
}

/** `x mod y`; modulo 0 gives `x`. */
export function mod(x: Nat, y: Nat): Nat {
  if (y === 0) return x;
  if (typeof x === "number" && typeof y === "number") return x % y;
  return natFromBig(bigOf(x) % bigOf(y));
}

/** `x * 2^n`, or null when the result would exceed {@linkcode MAX_BITS}. */
export function lsh(x: Nat, n: Nat): Nat | null {
  if (x === 0) return 0;
  if (typeof n !== "number" || natBitLength(x) + n > MAX_BITS) return null;
  if (typeof x === "number" && natBitLength(x) + n <= 53) return x * 2 ** n;
  return natFromBig(bigOf(x) << BigInt(n));
}

/** `x / 2^n` rounded down. */
export function rsh(x: Nat, n: Nat): Nat {
  if (typeof n !== "number" || n >= natBitLength(x)) return 0;
  if (typeof x === "number") return Math.floor(x / 2 ** n);
  return natFromBig(x >> BigInt(n));
}

/** `2^n`, or null when too large (see {@linkcode MAX_BITS}). */
export function bex(n: Nat): Nat | null {
  return lsh(1, n);
}

/** `b^p`, or null when the result would be too large. */
export function pow(b: Nat, p: Nat): Nat | null {
  if (p === 0) return 1;
  if (b === 0 || b === 1) return b;
  if (typeof p !== "number" || (natBitLength(b) - 1) * p > MAX_BITS) return null;
  if (typeof b === "number") {
    const r = b ** p;
    if (r <= MAX_SMALL) return r;
  }
  return natFromBig(bigOf(b) ** BigInt(p));
}

/** Bitwise or. */
export function or(x: Nat, y: Nat): Nat {
  if (typeof x === "number" && typeof y === "number" && x < 2 ** 31 && y < 2 ** 31) {
    return x | y;
  }
  return natFromBig(bigOf(x) | bigOf(y));
}

/** Bitwise and. */
export function and(x: Nat, y: Nat): Nat {
  if (typeof x === "number" && typeof y === "number" && x < 2 ** 31 && y < 2 ** 31) {
    return x & y;
  }
  return natFromBig(bigOf(x) & bigOf(y));
}

/** Bitwise exclusive or. */
export function xor(x: Nat, y: Nat): Nat {
  if (typeof x === "number" && typeof y === "number" && x < 2 ** 31 && y < 2 ** 31) {
    return x ^ y;
  }
  return natFromBig(bigOf(x) ^ bigOf(y));
}

/** The low `w` bits of `x` (`x mod 2^w`). */
export function trunc(x: Nat, w: Nat): Nat {
  if (typeof w !== "number" || w >= natBitLength(x)) return x;
  if (typeof x === "number") return x % 2 ** w;
  return natFromBig(BigInt.asUintN(w, x));
}

/** Bit `i` of `x` (0 or 1). */
export function testBit(x: Nat, i: Nat): Nat {
  if (typeof i !== "number" || i >= natBitLength(x)) return 0;
  if (typeof x === "number") return Math.floor(x / 2 ** i) % 2;
  return Number((x >> BigInt(i)) & 1n);
}

/** Number of bits needed to write `x` (`_Met`). */
export function met(x: Nat): Nat {
  return natBitLength(x);
}

/** Number of one bits in `x`. */
export function popCount(x: Nat): Nat {
  let n = 0;
  if (typeof x === "number") {
    while (x > 0) {
      n += x % 2;
      x = Math.floor(x / 2);
    }
    return n;
  }
  for (const ch of x.toString(16)) n += POP4[parseInt(ch, 16)];
  return n;
}

const POP4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** True if `x` is at least `y`. */
export function gte(x: Nat, y: Nat): boolean {
  return typeof x === typeof y ? x >= y : typeof x === "bigint";
}
