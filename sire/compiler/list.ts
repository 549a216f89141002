/**
 * Persistent singly linked lists, used for the inliner's pending arguments
 * and a pot's applied arguments: prepending is O(1) and shares the tail.
 *
 * @module
 */

/** A non-empty list cell. */
export interface Cons<T> {
  /** First element. */
  readonly h: T;
  /** The rest. */
  readonly t: List<T>;
}

/** A list: a cell or `null` (empty). */
export type List<T> = Cons<T> | null;

/** Prepends `h` to `t`. */
export function cons<T>(h: T, t: List<T>): Cons<T> {
  return { h, t };
}
