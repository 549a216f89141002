/**
 * Machine diagnostics on standard error (spec §5.1): trace output of
 * `trk` calls and crash reports, each stamped with the UTC time.
 *
 * A `trk x` prints the row `[[%trk {TS}] x]` in tall form:
 *
 * ```
 * ++ [%trk {2025-01-07T09:30:12.004511Z}]
 * ++ [%tick 3]
 * ```
 *
 * @module
 */

import type { Val } from "../plan/value.ts";
import { render } from "./render.ts";

/** The current UTC time in ISO-8601 with microseconds, e.g. `2025-01-07T09:30:12.004511Z`. */
export function timestamp(): string {
  const ms = performance.timeOrigin + performance.now();
  const whole = Math.floor(ms);
  const micro = Math.floor((ms - whole) * 1000);
  const iso = new Date(whole).toISOString(); // …T09:30:12.004Z
  return iso.slice(0, -1) + String(micro).padStart(3, "0") + "Z";
}

/** The lines printed for a traced value. */
export function trkLines(v: Val): string {
  return `++ [%trk {${timestamp()}}]\n++ ${render(v)}`;
}

/** The line printed when an evaluation crashes. */
export function crashLine(op: Val, arg: Val): string {
  return `[{${timestamp()}} [%crash ${render(op)} ${render(arg)}]]`;
}
