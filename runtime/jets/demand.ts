/**
 * Demand: how a jet finds out whether an input is evaluated yet, and how it
 * asks the evaluator to evaluate one more input before calling it again.
 *
 * A jet must force exactly what the legal code forces, in the same order,
 * and must never evaluate anything itself (that would recurse on the JS
 * stack). The evaluator forces the arguments a jet declares strict, in
 * argument order. Anything else — an argument the legal code forces second
 * although it comes first, an argument forced only in some cases, a part of
 * an argument — is requested with {@linkcode again}: the jet returns the
 * expression `(seq x (self a1 … an))`, the evaluator forces `x` and calls the
 * jet once more, now with `x` evaluated.
 *
 * @module
 */

import {
  CLO,
  Clo,
  deref,
  LAW,
  Law,
  type Nat,
  PIN,
  type Pin,
  THUNK,
  Thunk,
  type Val,
} from "../plan/value.ts";

/** `(f x)` as the body of a law: an application built when the law runs. */
export function bodyApp(f: Val, x: Val): Clo {
  const c = new Clo(0, [f, x], 1);
  c.nf = true;
  return c;
}

/** `(2 c)` in a law body: the constant `c`, taken literally. */
export function bodyConst(c: Val): Clo {
  const q = new Clo(2, [c], 2);
  q.nf = true;
  return q;
}

/** `{0 2 1}`: the law returning its first argument. */
const FIRST = new Law(0, 2, 1);

/**
 * `seq x y`: forces `x` to weak head normal form, then returns `y`. The body
 * is `(2 y (FIRST y) x)`, a case on `x` whose every branch is `y`.
 */
export const SEQ: Law = new Law(
  0,
  2,
  bodyApp(bodyApp(bodyApp(bodyConst(2), 2), bodyApp(FIRST, 2)), 1),
);

/**
 * `force x`: normalises `x` and returns it. The body is
 * `((0 0 1) (2 x) 0)`: building a law normalises its body `(2 x)`, and the
 * law returns that body's constant.
 */
export const FORCE: Law = new Law(
  0,
  1,
  bodyApp(
    bodyApp(bodyConst(mkClo(0, [0, 1])), bodyApp(2, 1)),
    bodyConst(0),
  ),
);

function mkClo(head: Nat, args: Val[]): Clo {
  const c = new Clo(head, args, 1);
  c.nf = true;
  return c;
}

/** The value of `v` if it is in weak head normal form already, else null. */
export function ready(v: Val): Val | null {
  v = deref(v);
  return typeof v === "object" && v.t === THUNK ? null : v;
}

/** The nat `v` stands for where legal code reads a nat (`N`): non-nats are 0. */
export function natOr0(v: Val): Nat {
  return typeof v === "object" ? 0 : v;
}

/**
 * Asks for `x` to be evaluated (to weak head normal form, or to normal form
 * when `deep`), then for the jet to run again: returns
 * `(seq x (self a1 … an))` for the call `a` (`a[0]` = the jet's pin).
 */
export function again(a: readonly Val[], x: Val, deep = false): Val {
  let call: Val = a[0];
  for (let i = 1; i < a.length; i++) call = new Thunk(call, a[i]);
  return new Thunk(new Thunk(SEQ, deep ? new Thunk(FORCE, x) : x), call);
}

const GREY = 1, BLACK = 2;

/**
 * True if `v` is in normal form: nothing inside it is left to evaluate.
 * Closures found normal are marked (`nf`) with their arguments replaced by
 * the values they evaluated to, as the normaliser does. A cyclic value is
 * not normal (normalising it is a loop).
 */
export function isNormal(v: Val): boolean {
  v = deref(v);
  if (typeof v !== "object") return true;
  if (v.t !== CLO) return v.t !== THUNK;
  if (v.nf) return true;
  const colour = new Map<Clo, number>();
  const order: Clo[] = [];
  // Depth-first, with an explicit stack of (closure, next argument index).
  const stack: [Clo, number][] = [[v, 0]];
  colour.set(v, GREY);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const c = top[0];
    if (top[1] === c.args.length) {
      stack.pop();
      colour.set(c, BLACK);
      order.push(c);
      continue;
    }
    const a = deref(c.args[top[1]++]);
    if (typeof a !== "object" || a.t === PIN || a.t === LAW) continue;
    if (a.t === THUNK) return false;
    if (a.nf) continue;
    const k = colour.get(a);
    if (k === GREY) return false;
    if (k === undefined) {
      colour.set(a, GREY);
      stack.push([a, 0]);
    }
  }
  for (const c of order) {
    const args = c.args;
    for (let i = 0; i < args.length; i++) args[i] = deref(args[i]);
    c.nf = true;
  }
  return true;
}

/** The pin a jet was called through (`a[0]`). */
export function self(a: readonly Val[]): Pin {
  return a[0] as Pin;
}
