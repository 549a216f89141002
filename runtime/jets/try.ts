/**
 * The `_Try` jet (upstream `plan.sire`): run a call, catching crashes.
 *
 * `_Try r` with `r` not a closure is 0. Otherwise the legal code first
 * normalises `r` (outside the catch: a crash there is not caught), then
 * evaluates element 0 applied to elements 1, 2, … to normal form inside the
 * catch: the result is `[1 v]` (RIGHT v), or `[0 [op arg]]` (LEFT) for a
 * crash `(op, arg)`. Loops are not caught.
 *
 * @module
 */

import { Catch, type Jet } from "../plan/jet.ts";
import { CLO, Thunk, type Val } from "../plan/value.ts";
import { elems, mkRow } from "./data.ts";
import { jet } from "./define.ts";

/** The `_Try` jet. */
export const TRY_JETS: readonly Jet[] = [
  jet("_Try", 1, "n", (a) => {
    const r = a[1];
    if (typeof r !== "object" || r.t !== CLO) return 0;
    const items = elems(r);
    let call: Val = items[0];
    for (let i = 1; i < items.length; i++) call = new Thunk(call, items[i]);
    return new Catch(
      call,
      (v) => mkRow([1, v], true),
      (op, arg) => mkRow([0, mkRow([op, arg], true)], true),
    );
  }),
];
