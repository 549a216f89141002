/**
 * A compact way to write native jets: the name, the arity, which arguments
 * the evaluator prepares (one letter per argument) and the body.
 *
 * @module
 */

import { type Catch, FALLBACK, type Jet, Strict } from "../plan/jet.ts";
import type { Val } from "../plan/value.ts";

/** What a jet body may return. */
export type JetResult = Val | Catch | typeof FALLBACK;

/** Re-exported for jet bodies: the legal law runs instead. */
export { FALLBACK };

const MODES: Record<string, Strict> = {
  "-": Strict.Lazy,
  "w": Strict.Whnf,
  "n": Strict.Nf,
};

/**
 * Defines a jet. `strict` has one letter per argument: `-` passed as is,
 * `w` evaluated to weak head normal form, `n` normalised; the evaluator
 * prepares them left to right, so mark only a prefix of what the legal code
 * certainly forces first, in ascending argument order (see `demand.ts` for
 * the rest). `run` gets `a[0]` = the jet's pin, `a[1..arity]` the arguments.
 */
export function jet(
  name: string,
  arity: number,
  strict: string,
  run: (a: Val[]) => JetResult,
): Jet {
  if (strict.length !== arity) {
    throw new Error(`jet ${name}: strictness '${strict}' does not match arity ${arity}`);
  }
  return Object.freeze({
    name,
    arity,
    strict: Object.freeze([...strict].map((c) => MODES[c])),
    run,
  });
}
