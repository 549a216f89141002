/**
 * Deep recursion without the JS call stack.
 *
 * The compiler's passes (reading expressions, inlining, ingesting) are
 * naturally recursive over trees that macros can make arbitrarily deep. They
 * are written as generator functions that `yield` the generator of each
 * recursive call instead of calling it; {@linkcode trampoline} runs such a
 * computation with an explicit stack, so the JS stack stays flat whatever the
 * depth.
 *
 * ```ts
 * function* depth(t: Tree): Co<number> {
 *   let d = 0;
 *   for (const k of t.kids) d = Math.max(d, (yield depth(k)) as number);
 *   return d + 1;
 * }
 * trampoline(depth(tree));
 * ```
 *
 * @module
 */

/**
 * A trampolined computation returning `T`: a generator that yields the
 * sub-computations it needs and receives each one's result.
 */
export type Co<T> = Generator<Co<unknown>, T, unknown>;

/**
 * Runs a trampolined computation to completion. Exceptions thrown by a
 * sub-computation are re-thrown into the generator that yielded it, so
 * `try`/`finally` inside generators work as usual.
 */
export function trampoline<T>(root: Co<T>): T {
  const stack: Co<unknown>[] = [root];
  let value: unknown = undefined;
  let error: unknown = undefined;
  let failed = false;
  for (;;) {
    const top = stack[stack.length - 1];
    let r: IteratorResult<Co<unknown>, unknown>;
    try {
      if (failed) {
        failed = false;
        r = top.throw(error);
      } else {
        r = top.next(value);
      }
    } catch (e) {
      stack.pop();
      if (stack.length === 0) throw e;
      failed = true;
      error = e;
      continue;
    }
    if (r.done) {
      stack.pop();
      if (stack.length === 0) return r.value as T;
      value = r.value;
    } else {
      stack.push(r.value);
      value = undefined;
    }
  }
}
