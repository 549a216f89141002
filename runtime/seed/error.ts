/**
 * The error raised for any seed, germ or pod that cannot be read.
 *
 * @module
 */

import { PlanError } from "../plan/errors.ts";

/**
 * Malformed, truncated or unsupported seed input. `offset` is the byte
 * offset in the input at which the problem was found.
 */
export class SeedError extends PlanError {
  /** Byte offset in the input where reading failed. */
  readonly offset: number;
  /** What went wrong, without the offset. */
  readonly reason: string;
  /** Creates the error; the offset is appended to the message. */
  constructor(reason: string, offset: number) {
    super(`${reason} (at byte ${offset})`);
    this.name = "SeedError";
    this.offset = offset;
    this.reason = reason;
  }
}
