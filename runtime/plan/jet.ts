/**
 * The interface between the evaluator and native implementations of pinned
 * laws (jets). Which jets exist and which pin hashes they accept live in the
 * jet table, not here.
 *
 * @module
 */

import type { Val } from "./value.ts";

/** Returned by a jet that declines its inputs: the legal law runs instead. */
export const FALLBACK: unique symbol = Symbol("FALLBACK");

/** How the evaluator prepares one argument before calling a jet. */
export const enum Strict {
  /** Passed as is, possibly a thunk. */
  Lazy = 0,
  /** Evaluated to weak head normal form. */
  Whnf = 1,
  /** Normalised. */
  Nf = 2,
}

/**
 * A native implementation of a pinned law. The evaluator prepares the
 * arguments as `strict` says, in argument order, then calls `run` with
 * `args[0]` = the pin (self) and `args[1..arity]` the arguments. The result may
 * be a thunk, which the evaluator continues with.
 */
export interface Jet {
  /** The law's name, as text. */
  readonly name: string;
  /** The law's arity. */
  readonly arity: number;
  /** Preparation of each argument, index 0 = first argument. */
  readonly strict: readonly Strict[];
  /** Computes the result, or returns {@linkcode FALLBACK}. */
  readonly run: (args: Val[]) => Val | Catch | typeof FALLBACK;
}

/**
 * Returned by a jet that must evaluate `expr` to normal form while catching
 * crashes (as `_Try` does): the result is `ok(nf)` on success or
 * `crashed(op, arg)` when a `PlanCrash` escapes. Loops and budget overruns
 * are not caught. Depth-safe: nothing runs on the JS stack.
 */
export class Catch {
  /** Creates the request. */
  constructor(
    /** The expression to normalise. */
    readonly expr: Val,
    /** Builds the result from the normal form. */
    readonly ok: (nf: Val) => Val,
    /** Builds the result from a crash. */
    readonly crashed: (op: Val, arg: Val) => Val,
  ) {}
}
