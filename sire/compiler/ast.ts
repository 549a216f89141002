/**
 * The Sire AST (spec §5) and its PLAN encoding.
 *
 * De Bruijn terms: `V n` (variable, 0 = innermost), `K v` (constant), `G b`
 * (global: a binding pin), `A f x`, `L v b` (let), `R [v…] b` (let-rec, first
 * binding innermost), `M x` (inline mark) and `F lam`.
 *
 * Encoding: `V n` = the nat n; the others are rows tagged by a letter:
 * `[%K v]`, `[%G pin]`, `[%A f x]`, `[%L v b]`, `[%R [v…] b]`, `[%M x]`,
 * `[%F pin mark recr tag args body]` (flags 0/1).
 *
 * Every walk here is iterative or trampolined, so AST depth is unbounded.
 *
 * @module
 */

import { type Nat, natFromText, type Val } from "../../runtime/plan/value.ts";
import { whnf } from "../../runtime/plan/eval.ts";
import { Fault } from "./errors.ts";
import { makeRow, rowItems } from "./tab.ts";
import { type Co, trampoline } from "./trampoline.ts";

/** AST node tags. */
export const enum T {
  V = 0,
  K = 1,
  G = 2,
  A = 3,
  L = 4,
  R = 5,
  M = 6,
  F = 7,
}

/** A variable (de Bruijn index). */
export interface V {
  /** Tag. */
  readonly t: T.V;
  /** Index, 0 = innermost binder. */
  readonly n: number;
}
/** A constant. */
export interface K {
  /** Tag. */
  readonly t: T.K;
  /** The value. */
  readonly v: Val;
}
/** A reference to a global binding. */
export interface G {
  /** Tag. */
  readonly t: T.G;
  /** The binding pin. */
  readonly b: Val;
}
/** An application. */
export interface A {
  /** Tag. */
  readonly t: T.A;
  /** Function. */
  readonly f: Ast;
  /** Argument. */
  readonly x: Ast;
}
/** A let: `v` bound at index 0 in `b`. */
export interface L {
  /** Tag. */
  readonly t: T.L;
  /** Bound value. */
  readonly v: Ast;
  /** Body. */
  readonly b: Ast;
}
/** A let-rec: all of `vs` bound (first one innermost) in each value and `b`. */
export interface R {
  /** Tag. */
  readonly t: T.R;
  /** Bound values. */
  readonly vs: readonly Ast[];
  /** Body. */
  readonly b: Ast;
}
/** An inline mark. */
export interface M {
  /** Tag. */
  readonly t: T.M;
  /** Marked expression. */
  readonly x: Ast;
}
/** A lambda. */
export interface F {
  /** Tag. */
  readonly t: T.F;
  /** The lambda. */
  readonly lam: Lam;
}

/** Any AST node. */
export type Ast = V | K | G | A | L | R | M | F;

/** A lambda: flags, name, arity and body (self at index `args`). */
export interface Lam {
  /** Compile to a pinned law. */
  readonly pin: boolean;
  /** Always inline when saturated. */
  readonly mark: boolean;
  /** The body refers to the lambda itself. */
  readonly recr: boolean;
  /** The law name. */
  readonly tag: Nat;
  /** Number of arguments. */
  readonly args: number;
  /** The body; indices 0..args-1 are the arguments (last innermost), `args` is self. */
  readonly body: Ast;
}

/** Builds `V n`. */
export const mkV = (n: number): Ast => ({ t: T.V, n });
/** Builds `K v`. */
export const mkK = (v: Val): Ast => ({ t: T.K, v });
/** Builds `G b`. */
export const mkG = (b: Val): Ast => ({ t: T.G, b });
/** Builds `A f x`. */
export const mkA = (f: Ast, x: Ast): Ast => ({ t: T.A, f, x });
/** Builds `L v b`. */
export const mkL = (v: Ast, b: Ast): Ast => ({ t: T.L, v, b });
/** Builds `R vs b`. */
export const mkR = (vs: readonly Ast[], b: Ast): Ast => ({ t: T.R, vs, b });
/** Builds `M x`. */
export const mkM = (x: Ast): Ast => ({ t: T.M, x });
/** Builds `F lam`. */
export const mkF = (lam: Lam): Ast => ({ t: T.F, lam });

const TAG_K = natFromText("K"), TAG_G = natFromText("G"), TAG_A = natFromText("A");
const TAG_L = natFromText("L"), TAG_R = natFromText("R"), TAG_M = natFromText("M");
const TAG_F = natFromText("F");

const decodeCache = new WeakMap<object, Ast>();

function remember(noun: Val, e: Ast): Val {
  decodeCache.set(noun as object, e);
  return noun;
}

/**
 * Encodes an AST as its PLAN noun (iterative). The noun remembers the AST,
 * so decoding it again is free.
 */
export function encodeAst(root: Ast): Val {
  const out: Val[] = [];
  const todo: (Ast | { done: Ast })[] = [root];
  while (todo.length > 0) {
    const item = todo.pop()!;
    if ("done" in item) {
      const e = item.done;
      switch (e.t) {
        case T.A: {
          const x = out.pop()!, f = out.pop()!;
          out.push(remember(makeRow([TAG_A, f, x]), e));
          break;
        }
        case T.L: {
          const b = out.pop()!, v = out.pop()!;
          out.push(remember(makeRow([TAG_L, v, b]), e));
          break;
        }
        case T.R: {
          const b = out.pop()!;
          const vs = out.splice(out.length - e.vs.length, e.vs.length);
          out.push(remember(makeRow([TAG_R, makeRow(vs), b]), e));
          break;
        }
        case T.M:
          out.push(remember(makeRow([TAG_M, out.pop()!]), e));
          break;
        case T.F: {
          const l = e.lam;
          const row = makeRow([
            TAG_F,
            +l.pin,
            +l.mark,
            +l.recr,
            l.tag,
            l.args,
            out.pop()!,
          ]);
          out.push(remember(row, e));
          break;
        }
      }
      continue;
    }
    const e = item;
    switch (e.t) {
      case T.V:
        out.push(e.n);
        break;
      case T.K:
        out.push(remember(makeRow([TAG_K, e.v]), e));
        break;
      case T.G:
        out.push(remember(makeRow([TAG_G, e.b]), e));
        break;
      case T.A:
        todo.push({ done: e }, e.x, e.f);
        break;
      case T.L:
        todo.push({ done: e }, e.b, e.v);
        break;
      case T.R:
        todo.push({ done: e }, e.b);
        for (let i = e.vs.length - 1; i >= 0; i--) todo.push(e.vs[i]);
        break;
      case T.M:
        todo.push({ done: e }, e.x);
        break;
      case T.F:
        todo.push({ done: e }, e.lam.body);
        break;
    }
  }
  return out[0];
}

function badAst(v: Val): never {
  throw new Fault("bad Sire AST in binding code", undefined, "parse", showSmall(v));
}

function showSmall(v: Val): string {
  return typeof v === "object" ? "(a non-AST value)" : String(v);
}

function flag(v: Val, what: string): boolean {
  v = whnf(v);
  if (v === 0) return false;
  if (v === 1) return true;
  throw new Fault(`bad flag when reading lambda from state: ${what}`);
}

function smallNat(v: Val, what: string): number {
  v = whnf(v);
  if (typeof v !== "number") throw new Fault(`bad ${what} in Sire AST`);
  return v;
}

/**
 * Decodes an AST noun (as stored in a binding's `code`). `G` nodes keep the
 * binding pin undecoded. Throws a {@linkcode Fault} on malformed input.
 * Results are cached by object identity.
 */
export function decodeAst(noun: Val): Ast {
  return trampoline(decodeCo(noun));
}

function* decodeCo(noun: Val): Co<Ast> {
  const v = whnf(noun);
  if (typeof v !== "object") {
    if (typeof v !== "number") badAst(v);
    return mkV(v);
  }
  const hit = decodeCache.get(v);
  if (hit) return hit;
  const xs = rowItems(v);
  if (xs === null || xs.length < 2) badAst(v);
  const tag = whnf(xs[0]);
  let r: Ast;
  if (tag === TAG_K && xs.length === 2) r = mkK(xs[1]);
  else if (tag === TAG_G && xs.length === 2) r = mkG(xs[1]);
  else if (tag === TAG_M && xs.length === 2) r = mkM((yield decodeCo(xs[1])) as Ast);
  else if (tag === TAG_A && xs.length === 3) {
    const f = (yield decodeCo(xs[1])) as Ast;
    r = mkA(f, (yield decodeCo(xs[2])) as Ast);
  } else if (tag === TAG_L && xs.length === 3) {
    const b = (yield decodeCo(xs[1])) as Ast;
    r = mkL(b, (yield decodeCo(xs[2])) as Ast);
  } else if (tag === TAG_R && xs.length === 3) {
    const items = rowItems(xs[1]);
    if (items === null) throw new Fault("let binder seq is not a row");
    const vs: Ast[] = [];
    for (const x of items) vs.push((yield decodeCo(x)) as Ast);
    r = mkR(vs, (yield decodeCo(xs[2])) as Ast);
  } else if (tag === TAG_F && xs.length === 7) {
    const pin = flag(xs[1], "pinned");
    const mark = flag(xs[2], "inline");
    const recr = flag(xs[3], "is recursive");
    const t = whnf(xs[4]);
    if (typeof t === "object") throw new Fault("bad lambda tag in Sire AST");
    const args = smallNat(xs[5], "lambda args");
    const body = (yield decodeCo(xs[6])) as Ast;
    r = mkF({ pin, mark, recr, tag: t, args, body });
  } else {
    badAst(v);
  }
  decodeCache.set(v, r);
  return r;
}

/**
 * True if `e` refers to the variable that is index `d` at its root
 * (`hasRefTo` upstream; used for the `recr` flag). Iterative.
 */
export function hasRefTo(d: number, e: Ast): boolean {
  const todo: [number, Ast][] = [[d, e]];
  while (todo.length > 0) {
    const [k, x] = todo.pop()!;
    switch (x.t) {
      case T.V:
        if (x.n === k) return true;
        break;
      case T.L:
        todo.push([k, x.v], [k + 1, x.b]);
        break;
      case T.R: {
        const k2 = k + x.vs.length;
        todo.push([k2, x.b]);
        for (const v of x.vs) todo.push([k2, v]);
        break;
      }
      case T.A:
        todo.push([k, x.f], [k, x.x]);
        break;
      case T.M:
        todo.push([k, x.x]);
        break;
      case T.F:
        todo.push([k + 1 + x.lam.args, x.lam.body]);
        break;
    }
  }
  return false;
}

/**
 * Moves `e` from binder depth `from` to depth `to`: every variable at or
 * above `bound` (counted at the root) is shifted by `to - from`.
 */
export function moveTo(from: number, to: number, bound: number, e: Ast): Ast {
  if (from === to) return e;
  return trampoline(moveCo(to - from, bound, e));
}

function* moveCo(delta: number, l: number, e: Ast): Co<Ast> {
  switch (e.t) {
    case T.V:
      return e.n >= l ? mkV(e.n + delta) : e;
    case T.M:
      return mkM((yield moveCo(delta, l, e.x)) as Ast);
    case T.A: {
      const f = (yield moveCo(delta, l, e.f)) as Ast;
      return mkA(f, (yield moveCo(delta, l, e.x)) as Ast);
    }
    case T.L: {
      const v = (yield moveCo(delta, l, e.v)) as Ast;
      return mkL(v, (yield moveCo(delta, l + 1, e.b)) as Ast);
    }
    case T.R: {
      const l2 = l + e.vs.length;
      const vs: Ast[] = [];
      for (const v of e.vs) vs.push((yield moveCo(delta, l2, v)) as Ast);
      return mkR(vs, (yield moveCo(delta, l2, e.b)) as Ast);
    }
    case T.F: {
      const body = (yield moveCo(delta, l + 1 + e.lam.args, e.lam.body)) as Ast;
      return mkF({ ...e.lam, body });
    }
    default:
      return e;
  }
}
