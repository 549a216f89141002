/**
 * Errors raised by the Sire compiler.
 *
 * Every failure reaching a caller is a {@linkcode SireError}: a located
 * message (`file:line:col: reason`) followed by an excerpt (the source line
 * with a caret, and/or the offending Rex or values printed). Inside the
 * compiler, code that has no block context throws a {@linkcode Fault}; the
 * block runner turns it into a `SireError` located at the problem Rex (when
 * it came from the source) or at the block.
 *
 * @module
 */

import type { Val } from "../../runtime/plan/value.ts";

/** What kind of failure a {@linkcode SireError} reports. */
export type SireErrorKind =
  /** A malformed command or expression (upstream: "Failed to Parse Sire"). */
  | "parse"
  /** A macro returned an error (upstream: "Macro Failure!"). */
  | "macro"
  /** A `=?=` whose two sides differ. */
  | "assert"
  /** Evaluation crashed (or looped) while running a block. */
  | "crash"
  /** A module file could not be found, read or is badly formed. */
  | "module";

/** Details used to build a {@linkcode SireError}. */
export interface SireErrorInit {
  /** The kind of failure. */
  kind: SireErrorKind;
  /** The bare reason, e.g. `Unresolved symbol: foo`. */
  reason: string;
  /** File name (`""` when unknown). */
  file: string;
  /** 1-based line (0 when unknown). */
  line: number;
  /** 1-based byte column (0 when unknown). */
  col: number;
  /** Text shown under the location line (source line, printed Rex, values). */
  excerpt?: string;
  /** The Rex (as PLAN) the error is about, when there is one. */
  problem?: Val;
  /** For crashes: the crash op-code. */
  op?: Val;
  /** For crashes: the crash argument. */
  arg?: Val;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** A located Sire compilation or evaluation failure. */
export class SireError extends Error {
  /** The kind of failure. */
  readonly kind: SireErrorKind;
  /** The bare reason. */
  readonly reason: string;
  /** File name (`""` when unknown). */
  readonly file: string;
  /** 1-based line (0 when unknown). */
  readonly line: number;
  /** 1-based byte column (0 when unknown). */
  readonly col: number;
  /** The excerpt printed under the location line. */
  readonly excerpt: string;
  /** The Rex (as PLAN) the error is about, when there is one. */
  readonly problem: Val | undefined;
  /** For crashes: the crash op-code. */
  readonly op: Val | undefined;
  /** For crashes: the crash argument. */
  readonly arg: Val | undefined;

  /** Builds the error; the message is `file:line:col: reason` plus the excerpt. */
  constructor(init: SireErrorInit) {
    const where = init.line > 0
      ? `${init.file || "<input>"}:${init.line}:${init.col || 1}: `
      : init.file
      ? `${init.file}: `
      : "";
    const excerpt = init.excerpt ?? "";
    super(where + init.reason + (excerpt ? "\n" + excerpt : ""), { cause: init.cause });
    this.name = "SireError";
    this.kind = init.kind;
    this.reason = init.reason;
    this.file = init.file;
    this.line = init.line;
    this.col = init.col;
    this.excerpt = excerpt;
    this.problem = init.problem;
    this.op = init.op;
    this.arg = init.arg;
  }
}

/**
 * An unlocated compiler failure about some Rex (or none): a {@linkcode
 * SireError} without a position. The block runner replaces it with a
 * located `SireError`.
 */
export class Fault extends SireError {
  /** Extra lines shown after the excerpt (e.g. printed values). */
  readonly detail: string;

  /** Builds a fault about `problem` (if given). */
  constructor(
    reason: string,
    problem?: Val,
    kind: SireErrorKind = "parse",
    detail = "",
  ) {
    super({ kind, reason, file: "", line: 0, col: 0, excerpt: detail, problem });
    this.name = "SireError";
    this.detail = detail;
  }
}

/** Throws a parse {@linkcode Fault} about `problem`. */
export function fault(reason: string, problem?: Val): never {
  throw new Fault(reason, problem);
}
