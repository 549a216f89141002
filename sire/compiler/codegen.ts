/**
 * The back end (spec §7.2–7.4): ingesting an inlined AST (constant folding,
 * let elimination, lambda lifting) and generating law bodies, bit-exactly as
 * upstream's bootstrap compiler does.
 *
 * Ingest maps the AST to expressions over `VAL` (a known value), `VAR` (a
 * numbered slot: self, argument or let binding) and `APP`. Each lambda gets
 * its own table of let bindings; a lambda whose body uses variables of an
 * enclosing lambda is lifted: those become extra leading parameters and the
 * lambda's value is the law applied to them.
 *
 * Code generation keeps a let binding only if it is used more than once
 * (otherwise its definition is substituted at its single use), numbers self
 * 0, the arguments 1..n and the kept lets after them, and quotes every
 * constant that would otherwise read as a variable or as code.
 *
 * @module
 */

import {
  apply,
  arityOf,
  Clo,
  Law,
  type Nat,
  type Val,
} from "../../runtime/plan/value.ts";
import { force, makePin, whnf } from "../../runtime/plan/eval.ts";
import { PlanCrash } from "../../runtime/plan/errors.ts";
import { type Ast, T } from "./ast.ts";
import { type Co, trampoline } from "./trampoline.ts";
import { EnvStack } from "./stack.ts";
import { Fault } from "./errors.ts";
import { bindingOf } from "./state.ts";
import { inlineTop } from "./inline.ts";

const VAL = 0, VAR = 1, APP = 2;

/** An ingested expression. */
export type Exp =
  | { readonly t: typeof VAL; readonly v: Val }
  | { readonly t: typeof VAR; readonly k: number }
  | { readonly t: typeof APP; readonly f: Exp; readonly x: Exp };

/** A function ready for code generation. */
export interface Fun {
  /** Wrap the law in a pin. */
  readonly pin: boolean;
  /** Law name. */
  readonly tag: Nat;
  /** Slot id of self. */
  readonly slf: number;
  /** Slot ids of the arguments, in order. */
  readonly arg: readonly number[];
  /** Let bindings: slot id → definition. */
  readonly bin: Map<number, Exp>;
  /** The body. */
  readonly bod: Exp;
}

interface Counter {
  n: number;
}

const mkVal = (v: Val): Exp => ({ t: VAL, v });
const mkVar = (k: number): Exp => ({ t: VAR, k });
const mkApp = (f: Exp, x: Exp): Exp => ({ t: APP, f, x });

/** The arity of a value as `trueArity` computes it (evaluates to WHNF). */
function trueArity(v: Val): number {
  return arityOf(whnf(v));
}

function* ingest(
  bin: Map<number, Exp>,
  ctr: Counter,
  s: EnvStack<Exp>,
  e: Ast,
): Co<Exp> {
  switch (e.t) {
    case T.V: {
      const x = s.get(e.n);
      if (x === undefined) throw new Fault(`bad Sire AST: unbound variable ${e.n}`);
      return x;
    }
    case T.M:
      return (yield ingest(bin, ctr, s, e.x)) as Exp;
    case T.G:
      return mkVal(bindingOf(e.b).value);
    case T.K:
      return mkVal(e.v);
    case T.A: {
      const f = (yield ingest(bin, ctr, s, e.f)) as Exp;
      const x = (yield ingest(bin, ctr, s, e.x)) as Exp;
      if (f.t === VAL && x.t === VAL && trueArity(f.v) > 1) {
        return mkVal(whnf(apply(f.v, x.v)));
      }
      return mkApp(f, x);
    }
    case T.L: {
      const v = (yield ingest(bin, ctr, s, e.v)) as Exp;
      let bound = v;
      if (v.t === APP) {
        const k = ctr.n++;
        bin.set(k, v);
        bound = mkVar(k);
      }
      s.push(bound);
      const r = (yield ingest(bin, ctr, s, e.b)) as Exp;
      s.pop();
      return r;
    }
    case T.R: {
      const ks: number[] = [];
      for (let i = 0; i < e.vs.length; i++) ks.push(ctr.n++);
      for (let i = ks.length - 1; i >= 0; i--) s.push(mkVar(ks[i]));
      for (let i = 0; i < ks.length; i++) {
        bin.set(ks[i], (yield ingest(bin, ctr, s, e.vs[i])) as Exp);
      }
      const r = (yield ingest(bin, ctr, s, e.b)) as Exp;
      s.pop(ks.length);
      return r;
    }
    case T.F: {
      const lam = e.lam;
      const slf = ctr.n++;
      const arg: number[] = [];
      for (let i = 0; i < lam.args; i++) arg.push(ctr.n++);
      s.push(mkVar(slf));
      for (const a of arg) s.push(mkVar(a));
      const inner: Counter = { n: ctr.n };
      const ibin = new Map<number, Exp>();
      const bod = (yield ingest(ibin, inner, s, lam.body)) as Exp;
      s.pop(1 + arg.length);
      const [law, free] = compile(inner.n, {
        pin: lam.pin,
        tag: lam.tag,
        slf,
        arg,
        bin: ibin,
        bod,
      });
      let r = mkVal(law);
      for (const k of free) r = mkApp(r, mkVar(k));
      return r;
    }
  }
}

/** Reference statistics of a function body. */
interface Stats {
  /** Reference count of each slot. */
  readonly count: Map<number, number>;
  /** Slots in order of first reference (dependencies first). */
  readonly refSeq: number[];
}

/**
 * Counts references: a let binding's definition is walked (once) before the
 * binding itself is counted, so dependencies precede dependants in `refSeq`.
 */
function stats(fn: Fun): Stats {
  const seen = new Set<number>();
  const count = new Map<number, number>();
  const refSeq: number[] = [];
  // A task is an expression to walk, or (as a number) a slot to count.
  const todo: (Exp | number)[] = [fn.bod];
  while (todo.length > 0) {
    const x = todo.pop()!;
    if (typeof x === "number") {
      const c = count.get(x) ?? 0;
      count.set(x, c + 1);
      if (c === 0) refSeq.push(x);
      continue;
    }
    if (x.t === APP) todo.push(x.x, x.f);
    else if (x.t === VAR) {
      todo.push(x.k);
      if (!seen.has(x.k)) {
        seen.add(x.k);
        const def = fn.bin.get(x.k);
        if (def !== undefined) todo.push(def);
      }
    }
  }
  return { count, refSeq };
}

/** True if a constant must be quoted `(2 k)` in a body with `maxRef` slots. */
function isCodeShaped(maxRef: number, k: Val): boolean {
  k = whnf(k);
  if (typeof k === "number") return k <= maxRef;
  if (k instanceof Clo && typeof k.head === "number") {
    const h = k.head, n = k.args.length;
    return ((h === 0 || h === 1) && n === 2) || (h === 2 && n === 1);
  }
  return false;
}

function codeGen(fn: Fun, st: Stats): Val {
  const { count, refSeq } = st;
  const binds = refSeq.filter((k) => fn.bin.has(k) && (count.get(k) ?? 0) > 1);
  const numArgs = fn.arg.length;
  const maxRef = numArgs + binds.length;
  const table = new Map<number, number>();
  table.set(fn.slf, 0);
  fn.arg.forEach((k, i) => table.set(k, i + 1));
  binds.forEach((k, i) => table.set(k, numArgs + 1 + i));

  const gen = (root: Exp): Val => {
    const out: Val[] = [];
    const todo: (Exp | null)[] = [root];
    while (todo.length > 0) {
      const x = todo.pop()!;
      if (x === null) {
        const b = out.pop()!, a = out.pop()!;
        out.push(new Clo(0, [a, b], 1));
        continue;
      }
      switch (x.t) {
        case VAL:
          out.push(isCodeShaped(maxRef, x.v) ? new Clo(2, [x.v], 2) : x.v);
          break;
        case APP:
          todo.push(null, x.x, x.f);
          break;
        case VAR: {
          const def = fn.bin.get(x.k);
          if (def !== undefined && count.get(x.k) === 1) todo.push(def);
          else {
            const i = table.get(x.k);
            if (i === undefined) throw new Error(`codegen: unknown slot ${x.k}`);
            out.push(i);
          }
          break;
        }
      }
    }
    return out[0];
  };

  let body = gen(fn.bod);
  for (let i = binds.length - 1; i >= 0; i--) {
    body = new Clo(1, [gen(fn.bin.get(binds[i])!), body], 3);
  }
  if (numArgs === 0) throw new PlanCrash(0, 0, "law with arity 0");
  const law = new Law(fn.tag, numArgs, force(body));
  return fn.pin ? makePin(law) : law;
}

/**
 * Compiles a function to its law (pinned if asked), lifting free slots
 * (slots of enclosing functions) into leading parameters. `nex` is the first
 * unused slot id. Returns the law and the lifted slots, in order.
 */
export function compile(nex: number, f1: Fun): [Val, number[]] {
  const st1 = stats(f1);
  const argSet = new Set(f1.arg);
  const free = st1.refSeq.filter((k) => k !== f1.slf && !f1.bin.has(k) && !argSet.has(k));
  if (free.length === 0) return [codeGen(f1, st1), free];
  let self: Exp = mkVar(nex);
  for (const k of free) self = mkApp(self, mkVar(k));
  const bin = new Map(f1.bin);
  bin.set(f1.slf, self);
  const f2: Fun = { ...f1, slf: nex, arg: [...free, ...f1.arg], bin };
  return [codeGen(f2, stats(f2)), free];
}

/**
 * Evaluates a closed AST: inline, ingest, compile as the body of a one-
 * argument wrapper law, and apply that to 0. The result is unevaluated.
 */
export function evalAst(raw: Ast): Val {
  const inlined = inlineTop(raw);
  const bin = new Map<number, Exp>();
  const ctr: Counter = { n: 0 };
  const bod = trampoline(ingest(bin, ctr, new EnvStack(), inlined));
  const n = ctr.n;
  const [law] = compile(n + 2, { pin: false, tag: 0, slf: n, arg: [n + 1], bin, bod });
  return apply(law, 0);
}
