/**
 * Pallas for Deno: the PLAN evaluator, its text notation, and (as they land)
 * seeds, Rex, Sire and machines.
 *
 * ```ts
 * import { force, readPlan, showPlan } from "@pallas/pallas";
 * showPlan(force(readPlan("(3 99)"))); // "%d" (the nat 100)
 * ```
 *
 * @module
 */

export {
  apply,
  arityOf,
  Clo,
  deref,
  Law,
  type Nat,
  nat,
  natFromText,
  Pin,
  Thunk,
  type Val,
} from "./runtime/plan/value.ts";
export { type EvalOptions, force, stats, whnf } from "./runtime/plan/eval.ts";
export { readPlan, type ReadOptions, showNat, showPlan } from "./runtime/plan/text.ts";
export {
  PlanBudgetExceeded,
  PlanCrash,
  PlanError,
  PlanLoop,
  PlanSyntaxError,
} from "./runtime/plan/errors.ts";
export { FALLBACK, type Jet, Strict } from "./runtime/plan/jet.ts";
