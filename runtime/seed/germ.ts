/**
 * Germs (spec §3.5): one pin serialised without its sub-pins.
 *
 * A germ is the list of pins the item refers to directly (without entering
 * pins) plus a seed of the item in which those pins are holes `0 … k-1`.
 * The reference order is upstream's runtime order: a walk of the item that
 * visits rows in index order (element 0 first) and everything else in PLAN
 * order (head, then arguments in application order; a law's body), keeping
 * the first occurrence of each pin (by hash).
 *
 * @module
 */

import { CLO, deref, LAW, PIN, Pin, THUNK, type Val } from "../plan/value.ts";
import { pinHash } from "../plan/hash.ts";
import { rowSize } from "../plan/shapes.ts";
import { encodeSeed } from "./save.ts";
import { decodeSeed, type LoadOptions } from "./load.ts";

/** A saved pin: the pins it refers to, and the seed of its item. */
export interface Germ {
  /** Pins referenced directly by the item, in hole order. */
  readonly refs: Pin[];
  /** Seed of the item with `refs` as holes. */
  readonly bytes: Uint8Array;
}

/** The distinct pins directly reachable from `v` (not entering pins). */
export function valueRefs(v: Val): Pin[] {
  const out: Pin[] = [];
  const seenPin = new Set<Pin>();
  const seenHash = new Set<string>();
  const seenObj = new Set<object>();
  const stk: Val[] = [v];
  while (stk.length > 0) {
    const x = deref(stk.pop()!);
    if (typeof x !== "object") continue;
    switch (x.t) {
      case PIN: {
        if (seenPin.has(x)) break;
        seenPin.add(x);
        const h = pinHash(x).toHex();
        if (!seenHash.has(h)) {
          seenHash.add(h);
          out.push(x);
        }
        break;
      }
      case LAW:
        if (seenObj.has(x)) break;
        seenObj.add(x);
        stk.push(x.body);
        break;
      case CLO: {
        if (seenObj.has(x)) break;
        seenObj.add(x);
        const args = x.args;
        if (rowSize(x) >= 0) {
          // Rows in index order: element 0 is the last argument.
          for (const a of args) stk.push(a);
        } else {
          for (let i = args.length - 1; i >= 0; i--) stk.push(args[i]);
          stk.push(x.head);
        }
        break;
      }
      case THUNK:
        throw new TypeError("pin references: unevaluated thunk");
    }
  }
  return out;
}

/** The pins a pin's item refers to directly, in germ hole order. */
export function pinRefs(p: Pin): Pin[] {
  return valueRefs(p.item);
}

/** Saves a pin as a germ (`_SaveGerm`). */
export function saveGerm(p: Pin): Germ {
  const refs = pinRefs(p);
  return { refs, bytes: encodeSeed(p.item, refs) };
}

/** Rebuilds a pin from its germ and its (already loaded) references. */
export function loadGerm(
  refs: readonly Pin[],
  bytes: Uint8Array,
  opts: LoadOptions = {},
): Pin {
  const item = decodeSeed(bytes, refs, opts);
  return opts.makePin ? opts.makePin(item) : new Pin(item);
}
