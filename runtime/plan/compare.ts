/**
 * Structural equality and the total order on PLAN values (spec §1.9, the
 * `_Cmp` rule).
 *
 * Order: nat < pin < law < closure. Nats by value; pins by item (pins with
 * equal hashes are equal); laws by name, then arity, then body; closures by
 * `car` then `cdr`. For flattened closures that is: fewer arguments first,
 * then the head, then the arguments in application order (so rows compare
 * their last element first).
 *
 * Both functions take values in normal form (evaluated thunks are followed;
 * an unevaluated thunk is a `TypeError`). They walk with an explicit stack, so
 * values of any depth are fine.
 *
 * @module
 */

import { CLO, deref, LAW, type Nat, PIN, THUNK, type Val } from "./value.ts";
import { pinHash } from "./hash.ts";

/** Compares two nats: -1, 0 or 1. */
export function compareNat(a: Nat, b: Nat): -1 | 0 | 1 {
  if (a === b) return 0;
  // Canonical nats: every bigint is larger than every number.
  if (typeof a !== typeof b) return typeof a === "number" ? -1 : 1;
  return a < b ? -1 : 1;
}

/** True if two 32-byte hashes are equal. */
function sameHash(x: Uint8Array, y: Uint8Array): boolean {
  if (x === y) return true;
  for (let i = 0; i < 32; i++) if (x[i] !== y[i]) return false;
  return true;
}

function rank(v: Val): number {
  if (typeof v !== "object") return 0;
  if (v.t === THUNK) throw new TypeError("compare: unevaluated thunk");
  return v.t; // PIN = 1, LAW = 2, CLO = 3
}

// Pending pairs (a at even, b at odd offsets above each call's base). Shared
// by nested calls (hashing a pin inside a comparison can compare set keys).
const stk: Val[] = [];

/**
 * The `_Cmp` order on two normal values: -1 if `a < b`, 0 if equal, 1 if
 * `a > b`.
 */
export function compare(a: Val, b: Val): -1 | 0 | 1 {
  if (typeof a !== "object" && typeof b !== "object") return compareNat(a, b);
  const base = stk.length;
  try {
    for (;;) {
      a = deref(a);
      b = deref(b);
      if (a !== b) {
        const ra = rank(a), rb = rank(b);
        if (ra !== rb) return ra < rb ? -1 : 1;
        if (typeof a !== "object" || typeof b !== "object") {
          return compareNat(a as Nat, b as Nat);
        }
        if (a.t === PIN && b.t === PIN) {
          if (!sameHash(pinHash(a), pinHash(b))) {
            a = a.item;
            b = b.item;
            continue;
          }
        } else if (a.t === LAW && b.t === LAW) {
          const c = compareNat(a.name, b.name) || compareNat(a.arity, b.arity);
          if (c !== 0) return c;
          a = a.body;
          b = b.body;
          continue;
        } else if (a.t === CLO && b.t === CLO) {
          const xs = a.args, ys = b.args, k = xs.length;
          if (k !== ys.length) return k < ys.length ? -1 : 1;
          for (let i = k - 1; i >= 0; i--) stk.push(xs[i], ys[i]);
          a = a.head;
          b = b.head;
          continue;
        }
      }
      if (stk.length === base) return 0;
      b = stk.pop()!;
      a = stk.pop()!;
    }
  } finally {
    stk.length = base;
  }
}

/**
 * Structural equality of two normal values. Pins are equal when their hashes
 * are (identical objects are equal without hashing).
 */
export function equal(a: Val, b: Val): boolean {
  if (typeof a !== "object" && typeof b !== "object") return a === b;
  const base = stk.length;
  try {
    for (;;) {
      a = deref(a);
      b = deref(b);
      if (a !== b) {
        if (
          (typeof a === "object" && a.t === THUNK) ||
          (typeof b === "object" && b.t === THUNK)
        ) throw new TypeError("equal: unevaluated thunk");
        if (typeof a !== "object" || typeof b !== "object" || a.t !== b.t) return false;
        if (a.t === PIN && b.t === PIN) {
          if (!sameHash(pinHash(a), pinHash(b))) return false;
        } else if (a.t === LAW && b.t === LAW) {
          if (a.name !== b.name || a.arity !== b.arity) return false;
          a = a.body;
          b = b.body;
          continue;
        } else if (a.t === CLO && b.t === CLO) {
          const xs = a.args, ys = b.args, k = xs.length;
          if (k !== ys.length || a.ar !== b.ar) return false;
          for (let i = k - 1; i >= 0; i--) stk.push(xs[i], ys[i]);
          a = a.head;
          b = b.head;
          continue;
        }
      }
      if (stk.length === base) return true;
      b = stk.pop()!;
      a = stk.pop()!;
    }
  } finally {
    stk.length = base;
  }
}
