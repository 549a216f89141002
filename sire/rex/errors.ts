/**
 * The one error type raised by the Rex parser, printer and PLAN conversion.
 *
 * Syntax errors are formatted like the reference implementation:
 *
 * ```text
 * FILE:LINE:COL error:
 *
 *     REASON
 *
 * <TAB>SOURCE LINE
 * <TAB>   ^^^^
 * ```
 *
 * @module
 */

/** A Rex syntax error, or a tree/value that cannot be printed or converted. */
export class RexError extends Error {
  /** File name (`""` when unknown). */
  readonly file: string;
  /** 1-based line number (0 when the error has no source position). */
  readonly line: number;
  /** 1-based byte column (0 when the error has no source position). */
  readonly col: number;
  /** The bare reason, e.g. `unterminated nesting`. */
  readonly reason: string;

  /** Builds an error; `message` defaults to the reason itself. */
  constructor(reason: string, file = "", line = 0, col = 0, message?: string) {
    super(message ?? (line > 0 ? `${file}:${line}:${col} error: ${reason}` : reason));
    this.name = "RexError";
    this.file = file;
    this.line = line;
    this.col = col;
    this.reason = reason;
  }
}

/**
 * Builds a syntax error at a byte span of a source line, with the standard
 * message: location, reason, the line, and a caret under each byte of the span.
 *
 * @param file file name
 * @param lineNo 1-based line number
 * @param lineText the source line (without its newline)
 * @param off 0-based byte offset of the span
 * @param len byte length of the span (at least one caret is drawn)
 * @param reason the reason text
 */
export function syntaxError(
  file: string,
  lineNo: number,
  lineText: string,
  off: number,
  len: number,
  reason: string,
): RexError {
  const carets = "^".repeat(Math.max(1, len));
  const message =
    `${file}:${lineNo}:${off + 1} error:\n\n    ${reason}\n\n\t${lineText}\n\t` +
    " ".repeat(off) + carets;
  return new RexError(reason, file, lineNo, off + 1, message);
}
