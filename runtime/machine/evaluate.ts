/**
 * Evaluating cog ticks, pump steps and reads: to normal form, with crashes
 * caught, a time limit, and cooperative time slicing.
 *
 * The evaluator stops with `PlanBudgetExceeded` once a slice's step budget
 * is spent, leaving every thunk it was working on reset and every finished
 * one updated in place, so calling it again on the same root continues
 * (almost) where it stopped. Between slices the event loop runs: signals,
 * timers, device answers and other pumps proceed while a long tick
 * computes, and a tick that runs past its limit becomes a time-out instead
 * of a frozen process.
 *
 * @module
 */

import { setImmediate } from "node:timers";
import { force } from "../plan/eval.ts";
import { PlanBudgetExceeded, PlanCrash, PlanLoop } from "../plan/errors.ts";
import { natFromText, type Val } from "../plan/value.ts";

/** The crash op reported for an evaluation that depends on itself (`<<loop>>`). */
export const LOOP_OP: Val = natFromText("loop");

/** How an evaluation ended. */
export type Outcome =
  | { readonly kind: "ok"; readonly value: Val; readonly ms: number }
  | { readonly kind: "crash"; readonly op: Val; readonly arg: Val; readonly ms: number }
  | { readonly kind: "timeout"; readonly ms: number }
  | { readonly kind: "aborted"; readonly ms: number };

/** Limits for {@linkcode evaluate}. */
export interface EvalLimits {
  /** Wall-clock limit in ms (default: none). */
  readonly timeoutMs?: number;
  /** Reduction steps per slice before yielding to the event loop. */
  readonly sliceSteps?: number;
  /** Checked between slices; when it returns true the evaluation is abandoned. */
  readonly aborted?: () => boolean;
}

/** Default steps per slice (a few milliseconds of work). */
export const SLICE_STEPS = 100_000;

/** Resolves on the next turn of the event loop (after pending I/O callbacks). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Evaluates `expr` to normal form in slices, yielding to the event loop
 * between them. PLAN crashes and `<<loop>>` (reported as op `%loop`) are
 * outcomes; any other error propagates.
 */
export async function evaluate(expr: Val, limits: EvalLimits = {}): Promise<Outcome> {
  const slice = limits.sliceSteps ?? SLICE_STEPS;
  const timeout = limits.timeoutMs ?? Infinity;
  let ms = 0;
  for (;;) {
    const t0 = performance.now();
    try {
      const value = force(expr, { budget: slice });
      ms += performance.now() - t0;
      return { kind: "ok", value, ms };
    } catch (e) {
      ms += performance.now() - t0;
      if (e instanceof PlanBudgetExceeded) {
        if (ms >= timeout) return { kind: "timeout", ms };
        await nextTurn();
        if (limits.aborted?.()) return { kind: "aborted", ms };
        continue;
      }
      const c = crashOf(e);
      if (c !== null) return { kind: "crash", op: c.op, arg: c.arg, ms };
      throw e;
    }
  }
}

/**
 * Evaluates `expr` to normal form at once, without limits (replay). Crashes
 * are outcomes, as in {@linkcode evaluate}.
 */
export function evaluateNow(expr: Val): Outcome {
  const t0 = performance.now();
  try {
    const value = force(expr);
    return { kind: "ok", value, ms: performance.now() - t0 };
  } catch (e) {
    const c = crashOf(e);
    if (c !== null) {
      return { kind: "crash", op: c.op, arg: c.arg, ms: performance.now() - t0 };
    }
    throw e;
  }
}

function crashOf(e: unknown): { op: Val; arg: Val } | null {
  if (e instanceof PlanCrash) return { op: e.op, arg: e.arg };
  if (e instanceof PlanLoop) return { op: LOOP_OP, arg: 0 };
  return null;
}
