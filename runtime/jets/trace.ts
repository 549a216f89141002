/**
 * The tracing jets (upstream `sire_01_fan`): `_Trace x y` and
 * `_DeepTrace x y` normalise `x`, hand it to the host logger and return `y`.
 * The log is not observable from PLAN; the logger is replaceable.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import { showPlan } from "../plan/text.ts";
import type { Val } from "../plan/value.ts";
import { jet } from "./define.ts";

/** Receives every traced value (in normal form). */
export type TraceLogger = (value: Val) => void;

/** Longest trace line the default logger prints. */
const MAX_TRACE_CHARS = 20_000;

const defaultLogger: TraceLogger = (v) =>
  console.error(showPlan(v, { maxChars: MAX_TRACE_CHARS }));

let logger: TraceLogger = defaultLogger;

/** Replaces the trace logger; with no argument, restores the default (stderr). */
export function setTraceLogger(fn?: TraceLogger): void {
  logger = fn ?? defaultLogger;
}

/** The tracing jets. */
export const TRACE_JETS: readonly Jet[] = [
  jet("_Trace", 2, "n-", (a) => {
    logger(a[1]);
    return a[2];
  }),
  jet("_DeepTrace", 2, "n-", (a) => {
    logger(a[1]);
    return a[2];
  }),
];
