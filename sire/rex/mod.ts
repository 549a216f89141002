/**
 * Rex: the syntax of Sire. A faithful parser, a round-tripping printer, and
 * the conversion to and from the PLAN encoding used by macros.
 *
 * @module
 */

export * from "./tree.ts";
export { RexError } from "./errors.ts";
export { parseFirstRexBlock, parseRex, parseRexBlocks, type RexBlock } from "./parse.ts";
export { type PrintOptions, printRex, printRexFile, printWide } from "./print.ts";
export { planRow, planToRex, REX_CONSTRUCTORS, rexToPlan } from "./plan.ts";
export { showRex } from "./show.ts";
