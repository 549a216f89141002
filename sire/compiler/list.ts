/**
 * Persistent singly linked lists, used for de Bruijn environments (index 0 =
 * head = innermost binder) and pending-argument lists: extending is O(1) and
 * shares the tail.
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

/** Element `i` (0-based) of a list, or `undefined` past its end. */
export function nth<T>(l: List<T>, i: number): T | undefined {
  while (l !== null && i > 0) {
    l = l.t;
    i--;
  }
  return l === null ? undefined : l.h;
}

/** Prepends the elements of `xs` so that `xs[0]` ends up first. */
export function prependAll<T>(xs: readonly T[], l: List<T>): List<T> {
  for (let i = xs.length - 1; i >= 0; i--) l = cons(xs[i], l);
  return l;
}

/** Prepends `n` copies of `x`. */
export function prependN<T>(n: number, x: T, l: List<T>): List<T> {
  for (let i = 0; i < n; i++) l = cons(x, l);
  return l;
}
