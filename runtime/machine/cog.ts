/**
 * Cogs and their states (spec §1.1, §3.2).
 *
 * A cog is a closure whose three most recently applied arguments are, from
 * the last: the workers row, the read function and the state. A machine's
 * cog is in one of four states; only a *spinning* cog ever runs:
 *
 * | state | noun (snapshots) |
 * |---|---|
 * | spinning `C` | `[0 C]` |
 * | finished `C` | `[1 C]` |
 * | crashed (op, arg) with the last good cog `C` | `[2 op arg C]` |
 * | timed out after `ns` with the last good cog `C` | `[3 ns C]` |
 *
 * @module
 */

import { CLO, deref, type Nat, row, type Val } from "../plan/value.ts";
import { rowItems } from "../plan/shapes.ts";

/** The state of a machine's cog. */
export type CogState =
  | { readonly kind: "spinning"; readonly cog: Val }
  | { readonly kind: "finished"; readonly cog: Val }
  | { readonly kind: "crashed"; readonly op: Val; readonly arg: Val; readonly cog: Val }
  | { readonly kind: "timeout"; readonly ns: Nat; readonly cog: Val };

/**
 * Element `i` counted from the end of a closure (`idx` on closures: 0 is
 * the last applied argument); 0 for anything that is not a closure or too
 * short.
 */
export function idxFromEnd(v: Val, i: number): Val {
  v = deref(v);
  if (typeof v !== "object" || v.t !== CLO) return 0;
  const a = v.args;
  return i < a.length ? deref(a[a.length - 1 - i]) : 0;
}

/** The cog's workers row as a list of entries (empty if it has none). */
export function cogWorkers(cog: Val): Val[] {
  const w = idxFromEnd(cog, 0);
  return rowItems(w) ?? [];
}

/** The cog's read function. */
export function cogReadFn(cog: Val): Val {
  return idxFromEnd(cog, 1);
}

/** The cog's state (the database the read function answers from). */
export function cogDb(cog: Val): Val {
  return idxFromEnd(cog, 2);
}

/** True if some entry of the cog's workers row is not 0 (it keeps running). */
export function hasWorkers(cog: Val): boolean {
  return cogWorkers(cog).some((w) => w !== 0);
}

/** Classifies a cog produced by a tick: spinning if it has workers, else finished. */
export function classify(cog: Val): CogState {
  return hasWorkers(cog) ? { kind: "spinning", cog } : { kind: "finished", cog };
}

/** The noun a state is snapshotted as. */
export function stateNoun(s: CogState): Val {
  switch (s.kind) {
    case "spinning":
      return row([0, s.cog]);
    case "finished":
      return row([1, s.cog]);
    case "crashed":
      return row([2, s.op, s.arg, s.cog]);
    case "timeout":
      return row([3, s.ns, s.cog]);
  }
}

/** Reads a state back from its noun; null if the noun is malformed. */
export function stateFromNoun(v: Val): CogState | null {
  const xs = rowItems(v);
  if (xs === null || xs.length < 2 || typeof xs[0] === "object") return null;
  switch (xs[0]) {
    case 0:
      return xs.length === 2 ? { kind: "spinning", cog: xs[1] } : null;
    case 1:
      return xs.length === 2 ? { kind: "finished", cog: xs[1] } : null;
    case 2:
      return xs.length === 4
        ? { kind: "crashed", op: xs[1], arg: xs[2], cog: xs[3] }
        : null;
    case 3:
      return xs.length === 3 && typeof xs[1] !== "object"
        ? { kind: "timeout", ns: xs[1], cog: xs[2] }
        : null;
    default:
      return null;
  }
}
