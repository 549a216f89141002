/**
 * Named errors raised by the PLAN layer.
 *
 * @module
 */

import type { Val } from "./value.ts";

/** Base class of every error raised while reading or evaluating PLAN. */
export class PlanError extends Error {
  /** Creates the error with a message. */
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
  }
}

/**
 * A PLAN crash: a nat head ≥ 5 applied to a normalised argument, or a law
 * built with arity 0 (`op` 0, `arg` 0). Catchable by `_Try`.
 */
export class PlanCrash extends PlanError {
  /** The crash op-code (the nat at the head). */
  readonly op: Val;
  /** The normalised argument. */
  readonly arg: Val;
  /** Creates a crash; the message is rendered by the caller when known. */
  constructor(op: Val, arg: Val, message = "PLAN crash") {
    super(message);
    this.name = "PlanCrash";
    this.op = op;
    this.arg = arg;
  }
}

/**
 * Evaluation re-entered a value that is already being evaluated (a black
 * hole): the computation can never finish. Not catchable by `_Try`.
 */
export class PlanLoop extends PlanError {
  /** Creates the error. */
  constructor(message = "<<loop>>: a value depends on itself") {
    super(message);
    this.name = "PlanLoop";
  }
}

/** Evaluation ran past the step budget it was given. */
export class PlanBudgetExceeded extends PlanError {
  /** The budget that was exhausted, in reduction steps. */
  readonly budget: number;
  /** Creates the error for a budget of `budget` steps. */
  constructor(budget: number) {
    super(`evaluation exceeded its budget of ${budget} steps`);
    this.name = "PlanBudgetExceeded";
    this.budget = budget;
  }
}

/** Malformed PLAN text notation, with a 1-based line and column. */
export class PlanSyntaxError extends PlanError {
  /** 1-based line of the error. */
  readonly line: number;
  /** 1-based column (in characters) of the error. */
  readonly col: number;
  /** Creates the error at `line`:`col`. */
  constructor(message: string, line: number, col: number) {
    super(`${line}:${col}: ${message}`);
    this.name = "PlanSyntaxError";
    this.line = line;
    this.col = col;
  }
}
