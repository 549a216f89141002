/**
 * Jets for pads, bit strings stored as a nat under a terminating high 1 bit
 * (upstream `sire_15_pad`): `padWeld padCat padFlat`.
 *
 * Anything that is not a nat other than 0 reads as the empty pad 1.
 * `padWeld x y` forces `y` before `x`; `padCat` welds a row's elements in
 * index order; `padFlat` welds the nats of a tree of closures in
 * depth-first index order, forcing the nodes in that order (a nat at the
 * root is returned as it is).
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import {
  bigOf,
  CLO,
  type Clo,
  type Nat,
  natBitLength,
  natFromBig,
  type Val,
} from "../plan/value.ts";
import { again, ready } from "./demand.ts";
import { jet } from "./define.ts";

/** Concatenates pads (each read with `toPad`), as repeated `padWeld`. */
export class PadBuilder {
  private bits = 0n;
  private len = 0;

  /** Appends the contents of pad `p` (non-nats and 0 are empty). */
  add(p: Val): void {
    if (typeof p === "object" || p === 0) return;
    const w = natBitLength(p) - 1;
    if (w === 0) return;
    const content = BigInt.asUintN(w, bigOf(p));
    this.bits |= content << BigInt(this.len);
    this.len += w;
  }

  /** The pad of everything appended. */
  result(): Nat {
    return natFromBig(this.bits | (1n << BigInt(this.len)));
  }
}

/** The pad jets. */
export const PAD_JETS: readonly Jet[] = [
  // padWeld x y: y, then x.
  jet("padWeld", 2, "-w", (a) => {
    const x = ready(a[1]);
    if (x === null) return again(a, a[1]);
    const b = new PadBuilder();
    b.add(x);
    b.add(a[2]);
    return b.result();
  }),
  // padCat pads: the row, then each element in index order.
  jet("padCat", 1, "w", (a) => {
    const v = a[1];
    const b = new PadBuilder();
    if (typeof v === "object" && v.t === CLO) {
      const args = v.args;
      for (let i = args.length - 1; i >= 0; i--) {
        const x = ready(args[i]);
        if (x === null) return again(a, args[i]);
        b.add(x);
      }
    }
    return b.result();
  }),
  jet("padFlat", 1, "w", (a) => {
    const root = a[1];
    if (typeof root !== "object") return root;
    const b = new PadBuilder();
    const todo: Val[] = [root];
    while (todo.length > 0) {
      const x = todo.pop()!;
      const v = ready(x);
      if (v === null) return again(a, x);
      if (typeof v !== "object") b.add(v);
      else if (v.t === CLO) { for (const e of (v as Clo).args) todo.push(e); }
    }
    return b.result();
  }),
];
