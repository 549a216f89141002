/**
 * Jets for booleans (upstream `sire_02_bit`): `_If _Ifz _Not _Bit _And _Or
 * _Xor _Nand _Nor _Xnor`.
 *
 * Truth is a nat other than 0; anything else (0, pins, laws, closures) is
 * false. Everything is built on `_If x t e`, which forces `x` only; the
 * binary operators force their second argument only in the branches whose
 * legal code does.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import type { Val } from "../plan/value.ts";
import { again, ready } from "./demand.ts";
import { jet } from "./define.ts";

/** True if `v` (in WHNF) is a true condition: a nat other than 0. */
export function truthy(v: Val): boolean {
  return typeof v !== "object" && v !== 0;
}

/**
 * A binary boolean jet: the result for a true `x`, then for a false one;
 * each is a constant bit or `"y"`/`"!y"` (the bit or the negation of `y`).
 */
function binary(
  name: string,
  onTrue: 0 | 1 | "y" | "!y",
  onFalse: 0 | 1 | "y" | "!y",
): Jet {
  return jet(name, 2, "w-", (a) => {
    const r = truthy(a[1]) ? onTrue : onFalse;
    if (typeof r === "number") return r;
    const y = ready(a[2]);
    if (y === null) return again(a, a[2]);
    return truthy(y) === (r === "y") ? 1 : 0;
  });
}

/** The boolean jets. */
export const BIT_JETS: readonly Jet[] = [
  jet("_If", 3, "w--", (a) => truthy(a[1]) ? a[2] : a[3]),
  jet("_Ifz", 3, "w--", (a) => a[1] === 0 ? a[2] : a[3]),
  jet("_Not", 1, "w", (a) => truthy(a[1]) ? 0 : 1),
  jet("_Bit", 1, "w", (a) => truthy(a[1]) ? 1 : 0),
  binary("_And", "y", 0),
  binary("_Or", 1, "y"),
  binary("_Xor", "!y", "y"),
  binary("_Nand", "!y", 1),
  binary("_Nor", 0, "!y"),
  binary("_Xnor", "y", "!y"),
];
