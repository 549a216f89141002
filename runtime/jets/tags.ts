/**
 * Tag jets: `_DataTag` (upstream `sire_21_switch`), the tag of a tagged
 * union (a nat other than 0 is its own tag, otherwise element 0), and
 * `_TypeTag` (upstream `sire_25_datatype`): pin 0, law 1, closure 2, nat 3,
 * bar 4, row 5, tab 6, cow 7, set 8, checked in the order bar, row, tab,
 * cow, set.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import { CLO, LAW, type Val } from "../plan/value.ts";
import { truthy } from "./bits.ts";
import { barOf, rowArgs, setOf, tabOf } from "./data.ts";
import { again } from "./demand.ts";
import { jet } from "./define.ts";
import { planTag } from "./prim.ts";

/** The tag jets. */
export const TAG_JETS: readonly Jet[] = [
  jet("_DataTag", 1, "w", (a) => {
    const x = a[1];
    if (truthy(x)) return x;
    if (typeof x !== "object" || x.t !== CLO) return 0;
    return x.args[x.args.length - 1];
  }),
  jet("_TypeTag", 1, "w", (a) => {
    const x: Val = a[1];
    if (barOf(x) !== null) return 4;
    if (rowArgs(x) !== null) return 5;
    const t = tabOf(x);
    if (t !== null) {
      if (t.vals === null) return again(a, t.valsArg);
      return 6;
    }
    if (typeof x === "object" && x.t === LAW && x.name === 0 && x.body === 0) return 7;
    if (setOf(x) !== null) return 8;
    return planTag(x);
  }),
];
