/**
 * Printing PLAN values in Sire notation.
 *
 * @module
 */

export { DEFAULT_MAX_CHARS, showValue, type ShowValueOptions } from "./value.ts";
