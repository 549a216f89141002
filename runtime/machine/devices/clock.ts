/**
 * The clock the time device reads and sets alarms on; replaceable in tests.
 *
 * @module
 */

/** A wall clock with one-shot timers. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds; returns a handle for `clear`. */
  set(fn: () => void, ms: number): unknown;
  /** Cancels a timer made by `set`. */
  clear(handle: unknown): void;
}

/** The system clock and `setTimeout` timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as number),
};
