/**
 * The inliner (spec §7.1), the first stage of evaluating an AST.
 *
 * `inline(d, env, params, e)` rewrites `e` at binder depth `d`, where
 * `env[i]` is what is known about variable `i` (a *pot*: a lambda that may be
 * inlined once saturated) and `params` are arguments waiting to be applied
 * (first argument first, each with the depth it was recorded at). It returns
 * the rewritten term and the pot of its value.
 *
 * Inlining happens when a pot is marked (`**`) and needs no more arguments:
 * the lambda's body is expanded into a chain of lets binding self (to 0) and
 * each argument, and inlined again. Recursive lambdas never have a pot.
 *
 * The pot of a global binding only depends on its (closed) code, so it is
 * computed once per binding, without inlining the lambda bodies.
 *
 * @module
 */

import { type Ast, type Lam, mkA, mkF, mkK, mkL, mkR, moveTo, T } from "./ast.ts";
import type { Val } from "../../runtime/plan/value.ts";
import { type Co, trampoline } from "./trampoline.ts";
import { cons, type List } from "./list.ts";
import { EnvStack } from "./stack.ts";
import { Fault } from "./errors.ts";
import { bindingCode, bindingOf } from "./state.ts";

/** A pending argument: the depth it was read at, and the (inlined) term. */
export interface Arg {
  /** Binder depth at which `x` is valid. */
  readonly d: number;
  /** The argument term. */
  readonly x: Ast;
}

/** An inlinable lambda, possibly partially applied. */
export interface Pot {
  /** The lambda (original, un-inlined body). */
  readonly fn: Lam;
  /** Inline once saturated. */
  readonly marked: boolean;
  /** Depth at which the lambda was found. */
  readonly deep: number;
  /** Arguments still missing. */
  readonly need: number;
  /** Arguments applied so far, most recent first. */
  readonly args: List<Arg>;
}

/** The result of inlining: the new term and the pot of its value. */
export interface Res {
  /** The rewritten term. */
  readonly out: Ast;
  /** What is known about its value. */
  readonly pot: Pot | null;
}

/** Inlines a closed top-level term (depth 0, empty environment). */
export function inlineTop(e: Ast): Ast {
  return trampoline(inline(0, new EnvStack(), null, e)).out;
}

/** What is known about each variable in scope (index 0 innermost). */
type Env = EnvStack<Pot | null>;

function lookupVar(env: Env, n: number): Pot | null {
  const p = env.get(n);
  if (p === undefined) throw new Fault(`bad Sire AST: unbound variable ${n}`);
  return p;
}

/** The inliner proper (trampolined). */
export function* inline(d: number, env: Env, params: List<Arg>, e: Ast): Co<Res> {
  switch (e.t) {
    case T.K:
      return (yield reapply(d, env, params, e, null)) as Res;
    case T.V:
      return (yield reapply(d, env, params, e, lookupVar(env, e.n))) as Res;
    case T.G:
      return (yield reapply(d, env, params, e, globalPot(e.b))) as Res;
    case T.M: {
      const r = (yield inline(d, env, null, e.x)) as Res;
      const pot = r.pot && { ...r.pot, marked: true };
      return (yield reapply(d, env, params, r.out, pot)) as Res;
    }
    case T.F: {
      const fn = e.lam;
      const need = fn.args;
      env.pushN(1 + need, null);
      const body = (yield inline(d + 1 + need, env, null, fn.body)) as Res;
      env.pop(1 + need);
      const out = mkF({ ...fn, body: body.out });
      const pot: Pot | null = fn.recr
        ? null
        : { fn, marked: fn.mark, deep: d, need, args: null };
      return (yield reapply(d, env, params, out, pot)) as Res;
    }
    case T.L: {
      const vr = (yield inline(d, env, null, e.v)) as Res;
      env.push(vr.pot);
      const br = (yield inline(d + 1, env, params, e.b)) as Res;
      env.pop();
      return { out: mkL(vr.out, br.out), pot: null };
    }
    case T.R: {
      const d2 = d + e.vs.length;
      env.pushN(e.vs.length, null);
      const vs: Ast[] = [];
      for (const v of e.vs) vs.push(((yield inline(d2, env, null, v)) as Res).out);
      const br = (yield inline(d2, env, params, e.b)) as Res;
      env.pop(e.vs.length);
      return { out: mkR(vs, br.out), pot: null };
    }
    case T.A: {
      const x = ((yield inline(d, env, null, e.x)) as Res).out;
      return (yield inline(d, env, cons({ d, x }, params), e.f)) as Res;
    }
  }
}

/** Applies pending arguments to an inlined term, inlining a saturated marked pot. */
function* reapply(
  d: number,
  env: Env,
  params: List<Arg>,
  out: Ast,
  pot: Pot | null,
): Co<Res> {
  for (;;) {
    if (pot !== null && pot.need === 0 && pot.marked) {
      return (yield inline(d, env, params, expand(d, pot))) as Res;
    }
    if (params === null) return { out, pot };
    const r = params.h;
    params = params.t;
    out = mkA(out, moveTo(r.d, d, 0, r.x));
    pot = pot !== null && pot.need > 0
      ? { ...pot, need: pot.need - 1, args: cons(r, pot.args) }
      : null;
  }
}

/**
 * The let chain that inlines a saturated pot at depth `d`: self bound to 0,
 * then each argument in call order, around the lambda's body.
 */
function expand(d: number, pot: Pot): Ast {
  const args: Arg[] = [];
  for (let l = pot.args; l !== null; l = l.t) args.push(l.h);
  args.push({ d, x: mkK(0) });
  args.reverse(); // self slot, then arguments in call order
  let body = moveTo(pot.deep, d, 1 + pot.fn.args, pot.fn.body);
  for (let n = args.length - 1; n >= 0; n--) {
    body = mkL(moveTo(args[n].d, d + n, 0, args[n].x), body);
  }
  return body;
}

const potCache = new WeakMap<object, Pot | null>();

/**
 * The pot of a global binding's code (inlined at depth 0 with no
 * environment). Codes are closed, so it holds at every depth.
 */
function globalPot(b: Val): Pot | null {
  const bind = bindingOf(b);
  const hit = potCache.get(bind.pin);
  if (hit !== undefined) return hit;
  const pot = trampoline(potOf(0, new EnvStack(), null, bindingCode(bind)));
  potCache.set(bind.pin, pot);
  return pot;
}

/**
 * The pot part of `inline(d, env, params, e)`, computed without inlining
 * lambda bodies.
 */
function* potOf(d: number, env: Env, params: List<Arg>, e: Ast): Co<Pot | null> {
  let pot: Pot | null;
  switch (e.t) {
    case T.K:
      pot = null;
      break;
    case T.V:
      pot = lookupVar(env, e.n);
      break;
    case T.G:
      pot = globalPot(e.b);
      break;
    case T.M: {
      const p = (yield potOf(d, env, null, e.x)) as Pot | null;
      pot = p && { ...p, marked: true };
      break;
    }
    case T.F:
      pot = e.lam.recr
        ? null
        : { fn: e.lam, marked: e.lam.mark, deep: d, need: e.lam.args, args: null };
      break;
    case T.L:
    case T.R:
      return null;
    case T.A: {
      const x = ((yield inline(d, env, null, e.x)) as Res).out;
      return (yield potOf(d, env, cons({ d, x }, params), e.f)) as Pot | null;
    }
  }
  for (;;) {
    // A saturated marked pot is expanded into a let chain, whose pot is none.
    if (pot !== null && pot.need === 0 && pot.marked) return null;
    if (params === null) return pot;
    const r = params.h;
    params = params.t;
    pot = pot !== null && pot.need > 0
      ? { ...pot, need: pot.need - 1, args: cons(r, pot.args) }
      : null;
  }
}
