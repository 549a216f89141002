/**
 * The macro protocol (spec §6).
 *
 * A macro is the value of a binding whose name is a rune. To expand a node
 * the compiler computes `macro state rex onErr onOk`, where `onErr` and
 * `onOk` are the 3-row constructor applied to 0 and 1, so the result is
 * `[msg badRex 0]` (failure) or `[newRex newState 1]` (success). On success
 * the new state replaces the compiler state as is.
 *
 * @module
 */

import { apply, Clo, cow, type Val } from "../../runtime/plan/value.ts";
import { whnf } from "../../runtime/plan/eval.ts";
import { showPlan } from "../../runtime/plan/text.ts";
import { Fault } from "./errors.ts";
import { rowItems } from "./tab.ts";
import { natText } from "./rexnoun.ts";

function tagged(tag: number): Val {
  const c = new Clo(cow(3), [tag], 3);
  c.nf = true;
  return c;
}

/** `(0 0 4 0) 0`: the failure continuation passed to macros. */
export const ON_ERR: Val = tagged(0);

/** `(0 0 4 0) 1`: the success continuation passed to macros. */
export const ON_OK: Val = tagged(1);

/** The state a macro runs against and the place its new state goes. */
export interface MacroHost {
  /** The current compiler state (replaced on success). */
  state: Val;
}

/** Longest printed value in an "Invalid macro expansion result" message. */
const MAX_SHOWN = 400;

/**
 * Expands the rex noun `rex` with the macro value `macro`: returns the
 * expansion and updates `host.state`. A macro failure or a malformed result
 * throws a {@linkcode Fault}; a crash inside the macro propagates.
 */
export function expandMacro(host: MacroHost, macro: Val, rex: Val): Val {
  const res = whnf(apply(macro, host.state, rex, ON_ERR, ON_OK));
  const items = rowItems(res);
  const bad = (why: string): never => {
    let shown = showPlan(res);
    if (shown.length > MAX_SHOWN) shown = shown.slice(0, MAX_SHOWN) + "…";
    throw new Fault(`Invalid macro expansion result(${why})`, rex, "parse", shown);
  };
  if (items === null) return bad("not row");
  if (items.length !== 3) return bad("not arity = 3");
  const first = whnf(items[0]);
  const tag = whnf(items[2]);
  if (tag === 0 && typeof first !== "object") {
    throw new Fault(natText(first), items[1], "macro");
  }
  if (tag === 1) {
    host.state = items[1];
    return first;
  }
  return typeof tag !== "object" ? bad("bad rex") : bad("bad tag");
}
