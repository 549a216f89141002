/**
 * Test-only helpers for the PLAN test suite.
 *
 * * A deliberately naive PLAN evaluator written straight from the
 *   specification (`/work/shared/spec/plan.md` §1): binary application
 *   nodes, recursive JS evaluation, no flattening, no compilation of law
 *   bodies, bigints for every nat. It exists only to cross-check the real
 *   evaluator (`runtime/plan/eval.ts`) in the differential test.
 * * A tiny parser and printer for the PLAN text notation over a plain
 *   syntax tree ({@linkcode Term}), independent of `runtime/plan/text.ts`.
 * * A structural interner that compares normal forms of the real and the
 *   naive evaluator (iterative, so it copes with very deep values).
 * * A small law-writing helper ({@linkcode law}) so that tests can state
 *   PLAN programs readably.
 *
 * @module
 */

import {
  Clo,
  Law,
  MAX_SMALL,
  Pin,
  Thunk,
  ThunkState,
  type Val,
} from "../runtime/plan/value.ts";

// ---------------------------------------------------------------------------
// Syntax trees and text

/** A PLAN expression as written in the text notation (nothing evaluated). */
export type Term =
  | { readonly t: "nat"; readonly n: bigint }
  | { readonly t: "app"; readonly f: Term; readonly xs: readonly Term[] }
  | { readonly t: "pin"; readonly x: Term }
  | { readonly t: "law"; readonly n: bigint; readonly a: bigint; readonly b: Term };

/** Builds a nat term. */
export function tNat(n: number | bigint): Term {
  return { t: "nat", n: BigInt(n) };
}

/** Builds an application term `(f x1 … xk)`; with no arguments it is `f`. */
export function tApp(f: Term, ...xs: Term[]): Term {
  return xs.length === 0 ? f : { t: "app", f, xs };
}

/** Builds a pin term `<x>`. */
export function tPin(x: Term): Term {
  return { t: "pin", x };
}

/** Builds a law term `{n a b}`. */
export function tLaw(n: number | bigint, a: number | bigint, b: Term): Term {
  return { t: "law", n: BigInt(n), a: BigInt(a), b };
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The minimal little-endian bytes of a nat. */
function bytesOf(n: bigint): number[] {
  const out: number[] = [];
  while (n > 0n) {
    out.push(Number(n & 255n));
    n >>= 8n;
  }
  return out;
}

/**
 * Prints a nat the way `showPlan` is specified to: `%word` when its bytes
 * spell an identifier `[A-Za-z_][A-Za-z0-9_]*`, decimal otherwise.
 */
export function showNat(n: number | bigint): string {
  const b = bytesOf(BigInt(n));
  if (b.length > 0 && b.every((c) => c < 128)) {
    const s = String.fromCharCode(...b);
    if (IDENT.test(s)) return "%" + s;
  }
  return String(n);
}

/** The nat spelled by the UTF-8 bytes of `s`, little-endian. */
export function wordNat(s: string): bigint {
  const b = new TextEncoder().encode(s);
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]);
  return n;
}

/** Prints a term in the text notation (recursive; for small terms). */
export function showTerm(t: Term): string {
  switch (t.t) {
    case "nat":
      return showNat(t.n);
    case "pin":
      return `<${showTerm(t.x)}>`;
    case "law":
      return `{${showNat(t.n)} ${showNat(t.a)} ${showTerm(t.b)}}`;
    case "app":
      return `(${[t.f, ...t.xs].map(showTerm).join(" ")})`;
  }
}

/** Parses one expression of the text notation into a {@linkcode Term}. */
export function parseTerm(src: string): Term {
  let i = 0;
  const ws = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const expr = (): Term => {
    ws();
    const c = src[i];
    if (c === "(" || c === "<" || c === "{") {
      const close = c === "(" ? ")" : c === "<" ? ">" : "}";
      i++;
      const items: Term[] = [];
      for (;;) {
        ws();
        if (i >= src.length) throw new SyntaxError(`unclosed ${c}`);
        if (src[i] === close) {
          i++;
          break;
        }
        items.push(expr());
      }
      if (c === "<") {
        if (items.length !== 1) throw new SyntaxError("pin takes one item");
        return tPin(items[0]);
      }
      if (c === "{") {
        if (items.length !== 3) throw new SyntaxError("law takes three items");
        const [n, a, b] = items;
        if (n.t === "nat" && a.t === "nat") return tLaw(n.n, a.n, b);
        return tApp(tNat(0), n, a, b);
      }
      if (items.length === 0) throw new SyntaxError("empty application");
      return tApp(items[0], ...items.slice(1));
    }
    if (c === "%") {
      const m = /^%([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
      if (!m) throw new SyntaxError(`bad word at ${i}`);
      i += m[0].length;
      return tNat(wordNat(m[1]));
    }
    const m = /^[0-9]+/.exec(src.slice(i));
    if (!m) throw new SyntaxError(`unexpected ${JSON.stringify(c)} at ${i}`);
    i += m[0].length;
    return tNat(BigInt(m[0]));
  };
  const t = expr();
  ws();
  if (i !== src.length) throw new SyntaxError(`trailing text at ${i}`);
  return t;
}

// ---------------------------------------------------------------------------
// A tiny law-writing helper

/**
 * An expression of the law-writing helper: a name (parameter, let, the law
 * itself, or a key of the constant table), a number (a nat constant), an
 * array (an application, head first) or `{ lit }` (PLAN text taken as a
 * constant).
 */
export type Dsl = string | number | bigint | { readonly lit: string } | readonly Dsl[];

/**
 * Compiles a law to PLAN text `{%name arity body}`.
 *
 * Parameters become slots 1..a, `lets` become a top-level let chain (slots
 * a+1…, each binding sees all of them), the law's own name is slot 0, any
 * name found in `consts` is that PLAN text as a quoted constant, numbers are
 * quoted nat constants and arrays are applications `(0 f x)`. Every
 * constant is quoted with `(2 c)`, which is always correct.
 */
export function law(
  name: string,
  params: readonly string[],
  body: Dsl,
  lets: readonly (readonly [string, Dsl])[] = [],
  consts: Readonly<Record<string, string>> = {},
): string {
  const slot = new Map<string, number>();
  slot.set(name, 0);
  params.forEach((p, i) => slot.set(p, i + 1));
  lets.forEach(([l], j) => slot.set(l, params.length + 1 + j));
  const comp = (e: Dsl): string => {
    if (typeof e === "number" || typeof e === "bigint") return `(2 ${e})`;
    if (typeof e === "string") {
      const s = slot.get(e);
      if (s !== undefined) return String(s);
      const c = consts[e];
      if (c === undefined) throw new Error(`law ${name}: unknown name ${e}`);
      return `(2 ${c})`;
    }
    if (Array.isArray(e)) {
      if (e.length === 0) throw new Error("empty application");
      return e.map(comp).reduce((f, x) => `(0 ${f} ${x})`);
    }
    return `(2 ${(e as { lit: string }).lit})`;
  };
  const tail = comp(body);
  const full = lets.reduceRight((k, [, v]) => `(1 ${comp(v)} ${k})`, tail);
  return `{%${name} ${params.length} ${full}}`;
}

// ---------------------------------------------------------------------------
// The naive evaluator

/** A node of the naive evaluator's graph. */
export type NNode = NNat | NPin | NLaw | NApp | NHole;

/** A nat. */
export interface NNat {
  /** Kind. */
  readonly k: "nat";
  /** Value. */
  readonly n: bigint;
}

/** A pin; `item` is in normal form. */
export interface NPin {
  /** Kind. */
  readonly k: "pin";
  /** Pinned value. */
  readonly item: NNode;
}

/** A law; `body` is in normal form. */
export interface NLaw {
  /** Kind. */
  readonly k: "law";
  /** Name. */
  readonly name: bigint;
  /** Arity (≥ 1). */
  readonly arity: bigint;
  /** Body. */
  readonly body: NNode;
}

/** A binary application, updated in place once evaluated. */
export interface NApp {
  /** Kind. */
  readonly k: "app";
  /** Function part. */
  f: NNode;
  /** Argument part. */
  x: NNode;
  /** fresh: unevaluated; busy: being evaluated; whnf: a closure; done: see `result`. */
  state: "fresh" | "busy" | "whnf" | "done";
  /** The WHNF once `done`. */
  result: NNode | null;
  /** 0: not normalised; 1: being normalised; 2: in normal form. */
  nf: 0 | 1 | 2;
}

/** A let slot: a black hole until `target` is filled. */
export interface NHole {
  /** Kind. */
  readonly k: "hole";
  /** The slot's value once built. */
  target: NNode | null;
}

/** The naive evaluator hit a black hole (a value that depends on itself). */
export class NaiveLoop extends Error {}
/** The naive evaluator ran out of steps. */
export class NaiveBudget extends Error {}
/** A PLAN crash seen by the naive evaluator. */
export class NaiveCrash extends Error {
  /** Crash op-code. */
  readonly op: bigint;
  /** Normalised crash argument. */
  readonly arg: NNode;
  /** Creates the crash. */
  constructor(op: bigint, arg: NNode) {
    super(`naive crash ${op}`);
    this.op = op;
    this.arg = arg;
  }
}

const nNat = (n: bigint): NNode => ({ k: "nat", n });
const nApp = (f: NNode, x: NNode): NApp => ({
  k: "app",
  f,
  x,
  state: "fresh",
  result: null,
  nf: 0,
});

/** Builds the (unevaluated) naive graph of a term; pins and laws mean opcodes 4 and 0. */
export function naiveOf(t: Term): NNode {
  switch (t.t) {
    case "nat":
      return nNat(t.n);
    case "pin":
      return nApp(nNat(4n), naiveOf(t.x));
    case "law":
      return nApp(nApp(nApp(nNat(0n), nNat(t.n)), nNat(t.a)), naiveOf(t.b));
    case "app":
      return t.xs.reduce((f: NNode, x) => nApp(f, naiveOf(x)), naiveOf(t.f));
  }
}

/** The naive evaluator, with its own step budget. */
export class Naive {
  /** Executions performed so far. */
  steps = 0;
  /** Bare aliases of later (or the same) lets met so far (spec §8.5). */
  aliases = 0;
  /** Maximum number of executions before {@linkcode NaiveBudget}. */
  readonly budget: number;

  /** Creates an evaluator allowed `budget` executions. */
  constructor(budget: number) {
    this.budget = budget;
  }

  /** Follows evaluated applications and filled let slots. */
  deref(n: NNode): NNode {
    for (;;) {
      if (n.k === "app" && n.state === "done") n = n.result!;
      else if (n.k === "hole" && n.target !== null) n = n.target;
      else return n;
    }
  }

  /** Arity `A` of a value in WHNF. */
  arity(v: NNode): bigint {
    v = this.deref(v);
    switch (v.k) {
      case "nat":
        return v.n === 0n || v.n === 2n ? 3n : v.n === 1n ? 5n : 1n;
      case "law":
        return v.arity;
      case "pin":
        return this.arity(v.item);
      case "app":
        return this.arity(v.f) - 1n;
      case "hole":
        throw new NaiveLoop();
    }
  }

  /** `E`: evaluates to weak head normal form, updating applications in place. */
  E(n0: NNode): NNode {
    const n = this.deref(n0);
    if (n.k === "hole") throw new NaiveLoop();
    if (n.k !== "app" || n.state === "whnf") return n;
    if (n.state === "busy") throw new NaiveLoop();
    n.state = "busy";
    try {
      const f = this.E(n.f);
      if (this.arity(f) !== 1n) {
        n.f = f;
        n.state = "whnf";
        return n;
      }
      if (++this.steps > this.budget) throw new NaiveBudget();
      const r = this.E(this.exec(f, n.x));
      n.state = "done";
      n.result = r;
      return r;
    } catch (e) {
      if (n.state === "busy") n.state = "fresh";
      throw e;
    }
  }

  /** `N`: evaluates, then the nat or 0. */
  N(n: NNode): bigint {
    const v = this.E(n);
    return v.k === "nat" ? v.n : 0n;
  }

  /** `F`: normal form (head first, then arguments in application order). */
  F(n0: NNode): NNode {
    const n = this.E(n0);
    if (n.k === "app") {
      if (n.nf === 2) return n;
      if (n.nf === 1) throw new NaiveLoop(); // an infinite (cyclic) value
      n.nf = 1;
      try {
        this.F(n.f);
        this.F(n.x);
      } catch (e) {
        n.nf = 0;
        throw e;
      }
      n.nf = 2;
    }
    return n;
  }

  /** Executes the saturated application `(f x)`; returns an unevaluated result. */
  exec(f: NNode, x: NNode): NNode {
    const rev: NNode[] = [x];
    let h = this.deref(f);
    for (;;) {
      if (h.k === "app") {
        rev.push(h.x);
        h = this.deref(h.f);
      } else if (h.k === "pin" && this.deref(h.item).k !== "law") {
        h = this.deref(h.item);
      } else break;
    }
    const env = [h, ...rev.reverse()];
    if (h.k === "nat") {
      switch (h.n) {
        case 0n: {
          const name = this.N(env[1]);
          const ar = this.N(env[2]);
          const body = this.F(env[3]);
          if (ar === 0n) throw new NaiveCrash(0n, nNat(0n));
          return { k: "law", name, arity: ar, body };
        }
        case 1n: {
          const [, p, l, a, n] = env;
          const v = this.E(env[5]);
          switch (v.k) {
            case "pin":
              return nApp(p, v.item);
            case "law":
              return nApp(nApp(nApp(l, nNat(v.name)), nNat(v.arity)), v.body);
            case "app":
              return nApp(nApp(a, v.f), v.x);
            default:
              return nApp(n, v);
          }
        }
        case 2n: {
          const k = this.N(env[3]);
          return k === 0n ? env[1] : nApp(env[2], nNat(k - 1n));
        }
        case 3n:
          return nNat(this.N(env[1]) + 1n);
        case 4n:
          return { k: "pin", item: this.F(env[1]) };
        default:
          throw new NaiveCrash(h.n, this.F(env[1]));
      }
    }
    if (h.k === "law") return this.run(h, env);
    if (h.k === "pin") return this.run(this.deref(h.item) as NLaw, env);
    throw new Error("naive: bad head");
  }

  /** Runs a law body against its environment (spec §1.5). */
  run(lw: NLaw, env: NNode[]): NNode {
    const a = Number(lw.arity);
    const binds: NNode[] = [];
    let b = this.deref(lw.body);
    for (;;) {
      if (b.k !== "app") break;
      const f = this.deref(b.f);
      if (f.k !== "app") break;
      const ff = this.deref(f.f);
      if (ff.k !== "nat" || ff.n !== 1n) break;
      binds.push(f.x);
      b = this.deref(b.x);
    }
    const maxRef = BigInt(a + binds.length);
    const slots: NNode[] = env.slice();
    const holes: NHole[] = binds.map(() => ({ k: "hole", target: null }));
    slots.push(...holes);
    const R = (x0: NNode): NNode => {
      const x = this.deref(x0);
      if (x.k === "nat") return x.n <= maxRef ? slots[Number(x.n)] : x;
      if (x.k !== "app") return x;
      const f = this.deref(x.f);
      if (f.k === "nat" && f.n === 2n) return x.x;
      if (f.k === "app") {
        const ff = this.deref(f.f);
        if (ff.k === "nat" && ff.n === 0n) return nApp(R(f.x), R(x.x));
      }
      return x;
    };
    binds.forEach((v, j) => {
      const built = R(v);
      const d = this.deref(built);
      if (d.k === "hole") {
        // A bare alias of a let not built yet (spec §8.5, uncertain): read as
        // the upstream Haskell runtime does, an alias of that let's value;
        // an alias chain back to this very let stays a black hole.
        this.aliases++;
        if (d === holes[j]) return;
      }
      holes[j].target = built;
    });
    return R(b);
  }
}

/** The outcome of a naive evaluation to normal form. */
export type NaiveOutcome =
  & { readonly aliases: number }
  & (
    | { readonly kind: "value"; readonly value: NNode; readonly steps: number }
    | { readonly kind: "crash"; readonly op: bigint; readonly arg: NNode }
    | { readonly kind: "loop" | "budget" | "deep" }
  );

/**
 * Normalises a term naively within `budget` executions. `aliases` counts the
 * bare aliases of not-yet-built lets that were met (spec §8.5).
 */
export function naiveRun(t: Term, budget: number): NaiveOutcome {
  const ev = new Naive(budget);
  try {
    const v = ev.F(naiveOf(t));
    return { kind: "value", value: v, steps: ev.steps, aliases: ev.aliases };
  } catch (e) {
    const aliases = ev.aliases;
    if (e instanceof NaiveCrash) return { kind: "crash", op: e.op, arg: e.arg, aliases };
    if (e instanceof NaiveLoop) return { kind: "loop", aliases };
    if (e instanceof NaiveBudget) return { kind: "budget", aliases };
    if (e instanceof RangeError) return { kind: "deep", aliases };
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Structural comparison

/**
 * Gives every normal form a number such that two values get the same number
 * iff they are structurally equal PLAN trees (closures compared as binary
 * applications). Works on real values ({@linkcode Val}) and naive nodes, with
 * an explicit stack and memoisation, so deep and heavily shared values are
 * fine. Unevaluated thunks inside a real value are counted in `thunks` and
 * given a number of their own; non-canonical nats are counted in `badNats`.
 */
export class Interner {
  #keys = new Map<string, number>();
  #memo = new Map<object, number>();
  /** Unevaluated thunks met inside real values (should stay 0 after `force`). */
  thunks = 0;
  /** Nats not in canonical form (`bigint` ≤ MAX_SAFE or unsafe `number`). */
  badNats = 0;

  #id(key: string): number {
    let id = this.#keys.get(key);
    if (id === undefined) {
      id = this.#keys.size;
      this.#keys.set(key, id);
    }
    return id;
  }

  #nat(n: number | bigint): number {
    if (typeof n === "bigint" ? n <= BigInt(MAX_SMALL) : !Number.isSafeInteger(n)) {
      this.badNats++;
    }
    return this.#id("n" + String(n));
  }

  #walk<T extends object>(
    root: T | number | bigint,
    leaf: (x: T | number | bigint) => number | null,
    kids: (x: T) => (T | number | bigint)[],
    make: (x: T, ids: number[]) => number,
  ): number {
    const direct = leaf(root);
    if (direct !== null) return direct;
    const stack: T[] = [root as T];
    const open = new Set<T>();
    const idOf = (c: T | number | bigint) => leaf(c) ?? this.#memo.get(c as T);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (this.#memo.has(top)) {
        stack.pop();
        continue;
      }
      const ks = kids(top);
      let ready = true;
      if (!open.has(top)) {
        open.add(top);
        for (let i = ks.length - 1; i >= 0; i--) {
          const c = ks[i];
          if (leaf(c) === null && !this.#memo.has(c as T)) {
            if (open.has(c as T)) throw new Error("cyclic value");
            stack.push(c as T);
            ready = false;
          }
        }
      }
      if (!ready) continue;
      stack.pop();
      open.delete(top);
      this.#memo.set(top, make(top, ks.map((c) => idOf(c)!)));
    }
    return this.#memo.get(root as T)!;
  }

  /** Number of a real value in normal form. */
  real(v: Val): number {
    const leaf = (x: Val) => (typeof x === "object" ? null : this.#nat(x));
    const kids = (x: Val): Val[] => {
      if (x instanceof Pin) return [x.item];
      if (x instanceof Law) return [x.body];
      if (x instanceof Clo) return [x.head, ...x.args];
      const t = x as Thunk;
      return t.s === ThunkState.Done ? [t.x] : [];
    };
    const make = (x: Val, ids: number[]): number => {
      if (x instanceof Pin) return this.#id(`p${ids[0]}`);
      if (x instanceof Law) {
        return this.#id(`l${String(x.name)},${String(x.arity)},${ids[0]}`);
      }
      if (x instanceof Clo) {
        return ids.slice(1).reduce((f, a) => this.#id(`a${f},${a}`), ids[0]);
      }
      const t = x as Thunk;
      this.thunks++;
      if (t.s === ThunkState.Done) return ids[0];
      return this.#id(`thunk${this.thunks}`);
    };
    return this.#walk<Pin | Law | Clo | Thunk>(
      v,
      leaf as (x: Val) => number | null,
      kids as (x: Pin | Law | Clo | Thunk) => Val[],
      make,
    );
  }

  /** Number of a naive node in normal form. */
  naive(n: NNode): number {
    const ev = new Naive(0);
    const norm = (x: NNode | number | bigint): NNode => ev.deref(x as NNode);
    const leaf = (x: NNode | number | bigint) => {
      const d = norm(x);
      return d.k === "nat" ? this.#id("n" + String(d.n)) : null;
    };
    const kids = (x: NNode): NNode[] => {
      const d = norm(x);
      if (d !== x) return [d];
      switch (d.k) {
        case "pin":
          return [d.item];
        case "law":
          return [d.body];
        case "app":
          return [d.f, d.x];
        default:
          throw new Error("naive: hole in a normal form");
      }
    };
    const make = (x: NNode, ids: number[]): number => {
      const d = norm(x);
      if (d !== x) return ids[0];
      switch (d.k) {
        case "pin":
          return this.#id(`p${ids[0]}`);
        case "law":
          return this.#id(`l${d.name},${d.arity},${ids[0]}`);
        case "app":
          return this.#id(`a${ids[0]},${ids[1]}`);
        default:
          throw new Error("unreachable");
      }
    };
    return this.#walk<NNode>(n, leaf, kids, make);
  }
}

/**
 * Structural equality of two real values in normal form (an explicit-stack
 * walk over both trees; identical objects are equal without a look inside).
 */
export function planEq(a: Val, b: Val): boolean {
  const todo: Val[] = [a, b];
  while (todo.length > 0) {
    let y = todo.pop()!;
    let x = todo.pop()!;
    while (x instanceof Thunk && x.s === ThunkState.Done) x = x.x;
    while (y instanceof Thunk && y.s === ThunkState.Done) y = y.x;
    if (x === y) continue;
    if (typeof x !== "object" || typeof y !== "object") return false;
    if (x instanceof Pin && y instanceof Pin) {
      todo.push(x.item, y.item);
    } else if (x instanceof Law && y instanceof Law) {
      if (x.name !== y.name || x.arity !== y.arity) return false;
      todo.push(x.body, y.body);
    } else if (x instanceof Clo && y instanceof Clo) {
      if (x.args.length !== y.args.length) return false;
      todo.push(x.head, y.head);
      for (let i = 0; i < x.args.length; i++) todo.push(x.args[i], y.args[i]);
    } else return false;
  }
  return true;
}

/**
 * Prints a naive normal form in the text notation like `showPlan` does (law
 * arities always in decimal), cut after `limit` characters.
 */
export function showNaive(n: NNode, limit = 400): string {
  const ev = new Naive(0);
  let out = "";
  const go = (x0: NNode): void => {
    if (out.length > limit) return;
    const x = ev.deref(x0);
    switch (x.k) {
      case "nat":
        out += showNat(x.n);
        return;
      case "pin":
        out += "<";
        go(x.item);
        out += ">";
        return;
      case "law":
        out += `{${showNat(x.name)} ${x.arity} `; // arities print in decimal
        go(x.body);
        out += "}";
        return;
      case "app": {
        const spine: NNode[] = [];
        let h: NNode = x;
        while (h.k === "app") {
          spine.push(h.x);
          h = ev.deref(h.f);
        }
        out += "(";
        go(h);
        for (const a of spine.reverse()) {
          out += " ";
          go(a);
        }
        out += ")";
        return;
      }
      default:
        out += "?";
    }
  };
  go(n);
  return out.length > limit ? out.slice(0, limit) + "…" : out;
}

// ---------------------------------------------------------------------------
// A small library of PLAN programs (text), shared by tests and benchmarks

const K = "{%K 2 1}";
const KI = "{%KI 2 2}";
const ADD_S = law("addS", ["f", "x", "k"], [3, ["f", "x", "k"]]);
const ADD = "<" + law("add", ["x", "y"], [2, "x", ["addS", "add", "x"], "y"], [], {
  addS: ADD_S,
}) + ">";
const MUL_S = law("mulS", ["f", "x", "k"], ["add", ["f", "x", "k"], "x"], [], {
  add: ADD,
});
const MUL = "<" + law("mul", ["x", "y"], [2, 0, ["mulS", "mul", "x"], "y"], [], {
  mulS: MUL_S,
}) + ">";
const FIB_T = law("fibT", ["f", "k", "j"], ["add", ["f", "k"], ["f", "j"]], [], {
  add: ADD,
});
const FIB_S = law("fibS", ["f", "k"], [2, 1, ["fibT", "f", "k"], "k"], [], {
  fibT: FIB_T,
});
const FIB = "<" + law("fib", ["n"], [2, 0, ["fibS", "fib"], "n"], [], { fibS: FIB_S }) +
  ">";
const HD = law("hd", ["p"], [1, 0, 0, "KI", 0, [1, 0, 0, "K", 0, "p"]], [], { K, KI });
const TL = law("tl", ["p"], [1, 0, 0, "KI", 0, "p"], [], { KI });

/**
 * PLAN programs in the text notation, written for the tests:
 *
 * * `K` (constant), `KI` (second of two), `T` (a 9-ary tagging law that
 *   returns itself), `C` (a pair constructor `{%C 3 0}`: `(C h t)` is a
 *   closure), `HD`/`TL` (head and tail of a `C` pair, via opcode 1);
 * * `ADD`, `MUL`, `FIB`: pinned laws for addition (recursion on the second
 *   argument through opcodes 2 and 3, not tail-recursive), multiplication
 *   (repeated `ADD`, recursing on the first factor) and the Fibonacci
 *   function (`FIB 20` = 6765).
 */
export const lib = {
  K,
  KI,
  T: "{%T 9 0}",
  C: "{%C 3 0}",
  HD,
  TL,
  ADD,
  MUL,
  FIB,
} as const;
