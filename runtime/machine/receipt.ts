/**
 * Receipts: what the log records for each tick (spec §3.1, with the exact
 * input row instead of upstream's tab, §3.6).
 *
 * | receipt | noun |
 * |---|---|
 * | the cog ran on `inputs` (the input row `[[w c] …]`, exactly as given) | `[0 inputs]` |
 * | the tick crashed with (op, arg) | `[1 op arg]` |
 * | the tick timed out after `ns` nanoseconds | `[2 ns]` |
 *
 * Successful ticks are recomputed on replay (PLAN is deterministic); crashes
 * and time-outs are installed from the record.
 *
 * @module
 */

import { type Nat, row, type Val } from "../plan/value.ts";
import { rowItems } from "../plan/shapes.ts";

/** One tick's record. */
export type Receipt =
  | { readonly kind: "ok"; readonly inputs: Val }
  | { readonly kind: "crashed"; readonly op: Val; readonly arg: Val }
  | { readonly kind: "timeout"; readonly ns: Nat };

/** The noun a receipt is logged as. */
export function receiptNoun(r: Receipt): Val {
  switch (r.kind) {
    case "ok":
      return row([0, r.inputs]);
    case "crashed":
      return row([1, r.op, r.arg]);
    case "timeout":
      return row([2, r.ns]);
  }
}

/** Reads a receipt back; null if the noun is malformed. */
export function receiptFromNoun(v: Val): Receipt | null {
  const xs = rowItems(v);
  if (xs === null || xs.length < 2) return null;
  if (xs[0] === 0 && xs.length === 2 && rowItems(xs[1]) !== null) {
    return { kind: "ok", inputs: xs[1] };
  }
  if (xs[0] === 1 && xs.length === 3) return { kind: "crashed", op: xs[1], arg: xs[2] };
  if (xs[0] === 2 && xs.length === 2 && typeof xs[1] !== "object") {
    return { kind: "timeout", ns: xs[1] };
  }
  return null;
}
