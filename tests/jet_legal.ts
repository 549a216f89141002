/**
 * Test support: a tiny language for writing the legal (pure PLAN)
 * definitions that jets must agree with, compiled straight to PLAN laws
 * with the value constructors.
 *
 * ```
 * ; a comment
 * (def (name arg …) body)   a pinned law; `name` inside refers to itself
 * (val name expr)           a constant: expr evaluated once, at load time
 * ```
 *
 * Expressions: a decimal nat, `%word` (the nat of its bytes), a name (an
 * argument, a let binding, an earlier definition), `(f x …)` application,
 * `(let ((x e) …) body)` (lazy, mutually recursive), `(fn (a …) body)` a
 * lambda, `(rec go (a …) body)` a lambda that calls itself `go`. `_` is an
 * unused parameter.
 *
 * Lambdas are lifted to laws named 0 (or the `rec` name) taking their free
 * variables first; lets are hoisted into the top-level let chain of the law
 * they occur in; constants that law bodies would misread are quoted
 * (`(2 c)`); applications of constants that stay partial are folded into
 * constants. These are the conventions of upstream's Sire compiler, so a
 * definition written the same way gets the same law and pin hash.
 *
 * @module
 */

import { force } from "../runtime/plan/eval.ts";
import {
  arityOf,
  CLO,
  Clo,
  type Head,
  Law,
  type Nat,
  natFromText,
  Pin,
  THUNK,
  Thunk,
  type Val,
} from "../runtime/plan/value.ts";

/** A parsed expression. */
type Sx = string | Sx[];

function parse(src: string): Sx[] {
  const out: Sx[] = [];
  const stack: Sx[][] = [out];
  const re = /\s*(?:;[^\n]*|(\()|(\))|([^\s()]+))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < src.length && (m = re.exec(src)) !== null) {
    if (m[1]) {
      const list: Sx[] = [];
      stack[stack.length - 1].push(list);
      stack.push(list);
    } else if (m[2]) {
      if (stack.length === 1) throw new SyntaxError("unbalanced ')'");
      stack.pop();
    } else if (m[3]) {
      stack[stack.length - 1].push(m[3]);
    }
  }
  if (stack.length !== 1) throw new SyntaxError("unclosed '('");
  return out;
}

/** A compiled expression: a constant value, or body code. */
type Code = { c: Val } | { code: Val };

function bodyApp(f: Val, x: Val): Clo {
  const c = new Clo(0, [f, x], 1);
  c.nf = true;
  return c;
}

function quote(c: Val): Clo {
  const q = new Clo(2, [c], 2);
  q.nf = true;
  return q;
}

/** How a name is reached from inside the law being compiled. */
type Binding = { slot: number } | { self: string[] };

interface Scope {
  /** Names bound in this law (arguments, lets, captured variables). */
  names: Map<string, Binding>;
  /** Highest slot number that refers to the environment. */
  maxRef: number;
}

/** A compiled library: every definition's pin and every constant. */
export interface Library {
  /** Pins by definition name. */
  readonly pins: Map<string, Pin>;
  /** Values by name (definitions' pins and constants). */
  readonly values: Map<string, Val>;
}

let counter = 0;

/**
 * Compiles `src` to pinned laws. `attach` is called on each new pin (to
 * give it a native jet, or not).
 */
export function compileLibrary(
  src: string,
  attach: (name: string, p: Pin) => void,
): Library {
  const pins = new Map<string, Pin>();
  const values = new Map<string, Val>();

  /** Free names of `e` that are bound by some enclosing law (in `outer`). */
  function freeVars(e: Sx, bound: Set<string>, outer: Set<string>, out: string[]): void {
    if (typeof e === "string") {
      if (!bound.has(e) && outer.has(e) && !out.includes(e)) out.push(e);
      return;
    }
    if (e.length === 0) return;
    const [hd] = e;
    if (hd === "fn" || hd === "rec") {
      const ps = (hd === "fn" ? e[1] : e[2]) as string[];
      const inner = new Set([...bound, ...ps]);
      if (hd === "rec") inner.add(e[1] as string);
      freeVars(hd === "fn" ? e[2] : e[3], inner, outer, out);
      return;
    }
    if (hd === "let") {
      const bs = e[1] as Sx[][];
      const inner = new Set([...bound, ...bs.map((b) => b[0] as string)]);
      for (const b of bs) freeVars(b[1], inner, outer, out);
      freeVars(e[2], inner, outer, out);
      return;
    }
    for (const x of e) freeVars(x, bound, outer, out);
  }

  /** Renames let-bound names apart and collects the bindings of one law. */
  function hoist(e: Sx, rename: Map<string, string>, lets: [string, Sx][]): Sx {
    if (typeof e === "string") return rename.get(e) ?? e;
    if (e.length === 0) return e;
    const hd = e[0];
    // Inner laws hoist their own lets; only rename what they capture.
    if (hd === "fn" || hd === "rec") return renameOnly(e, rename);
    if (hd === "let") {
      const inner = new Map(rename);
      const bs = e[1] as Sx[][];
      for (const b of bs) inner.set(b[0] as string, `${b[0]}'${counter++}`);
      for (const b of bs) {
        lets.push([inner.get(b[0] as string)!, hoist(b[1], inner, lets)]);
      }
      return hoist(e[2], inner, lets);
    }
    return e.map((x) => hoist(x, rename, lets));
  }

  /** Renames free occurrences (inside a lambda, before it is compiled). */
  function renameOnly(e: Sx, rename: Map<string, string>): Sx {
    if (rename.size === 0) return e;
    if (typeof e === "string") return rename.get(e) ?? e;
    if (e.length === 0) return e;
    const hd = e[0];
    if (hd === "fn" || hd === "rec") {
      const ps = (hd === "fn" ? e[1] : e[2]) as string[];
      const inner = new Map(rename);
      for (const p of ps) inner.delete(p);
      if (hd === "rec") inner.delete(e[1] as string);
      return hd === "fn"
        ? ["fn", ps, renameOnly(e[2], inner)]
        : ["rec", e[1], ps, renameOnly(e[3], inner)];
    }
    if (hd === "let") {
      const inner = new Map(rename);
      const bs = e[1] as Sx[][];
      for (const b of bs) inner.delete(b[0] as string);
      return [
        "let",
        bs.map((b) => [b[0], renameOnly(b[1], inner)]),
        renameOnly(e[2], inner),
      ];
    }
    return e.map((x) => renameOnly(x, rename));
  }

  /**
   * Compiles a law: `name` (a nat), its captured variables then parameters,
   * and body. `selfName` is how the body calls the law itself, if at all.
   * Returns the law and the captured variables' names.
   */
  function compileLaw(
    name: Nat,
    captured: string[],
    params: string[],
    body: Sx,
    selfName: string | null,
  ): Law {
    const lets: [string, Sx][] = [];
    const main = hoist(body, new Map(), lets);
    const names = new Map<string, Binding>();
    const all = [...captured, ...params];
    all.forEach((p, i) => {
      if (p !== "_") names.set(p, { slot: i + 1 });
    });
    lets.forEach(([n], j) => names.set(n, { slot: all.length + 1 + j }));
    if (selfName !== null) names.set(selfName, { self: captured });
    const scope: Scope = { names, maxRef: all.length + lets.length };
    let out = toCode(expr(main, scope), scope);
    for (let j = lets.length - 1; j >= 0; j--) {
      const b = toCode(expr(lets[j][1], scope), scope);
      const l = new Clo(1, [b, out], 3);
      l.nf = true;
      out = l;
    }
    return new Law(name, all.length, out);
  }

  function toCode(c: Code, scope: Scope): Val {
    if ("code" in c) return c.code;
    const v = c.c;
    if (typeof v !== "object") return v <= scope.maxRef ? quote(v) : v;
    return v.t === CLO ? quote(v) : v;
  }

  function expr(e: Sx, scope: Scope): Code {
    if (typeof e === "string") return atom(e, scope);
    if (e.length === 0) throw new SyntaxError("empty application");
    const hd = e[0];
    if (hd === "fn" || hd === "rec") return lambda(e, scope);
    if (hd === "let") throw new Error("internal: let not hoisted");
    let f = expr(e[0], scope);
    for (let i = 1; i < e.length; i++) f = app(f, expr(e[i], scope), scope);
    return f;
  }

  function app(f: Code, x: Code, scope: Scope): Code {
    if ("c" in f && "c" in x) {
      const fv = f.c;
      const ar = typeof fv === "object" && fv.t === THUNK ? 0 : arityOf(fv);
      if (ar > 1) {
        // A partial application of constants is itself a constant.
        const head: Head = typeof fv === "object" && fv.t === CLO ? fv.head : fv as Head;
        const args = typeof fv === "object" && fv.t === CLO ? [...fv.args, x.c] : [x.c];
        const c = new Clo(head, args, ar - 1);
        c.nf = true;
        return { c };
      }
    }
    return { code: bodyApp(toCode(f, scope), toCode(x, scope)) };
  }

  function atom(s: string, scope: Scope): Code {
    if (/^[0-9]+$/.test(s)) return { c: s.length < 16 ? Number(s) : natBig(s) };
    if (s.startsWith("%")) return { c: natFromText(s.slice(1)) };
    const b = scope.names.get(s);
    if (b !== undefined) {
      if ("slot" in b) return { code: b.slot };
      // The law itself, applied to what it captured.
      let f: Code = { code: 0 };
      for (const v of b.self) f = app(f, atom(v, scope), scope);
      return f;
    }
    const v = values.get(s);
    if (v === undefined) throw new ReferenceError(`unknown name: ${s}`);
    return { c: v };
  }

  function lambda(e: Sx[], scope: Scope): Code {
    const isRec = e[0] === "rec";
    const params = (isRec ? e[2] : e[1]) as string[];
    const body = isRec ? e[3] : e[2];
    const bound = new Set<string>(params);
    if (isRec) bound.add(e[1] as string);
    const captured: string[] = [];
    freeVars(body, bound, new Set(scope.names.keys()), captured);
    const law = compileLaw(
      isRec ? natFromText(e[1] as string) : 0,
      captured,
      params,
      body,
      isRec ? e[1] as string : null,
    );
    let f: Code = { c: law };
    for (const v of captured) f = app(f, atom(v, scope), scope);
    return f;
  }

  for (const form of parse(src)) {
    if (!Array.isArray(form) || (form[0] !== "def" && form[0] !== "val")) {
      throw new SyntaxError(`expected (def …) or (val …): ${JSON.stringify(form)}`);
    }
    if (form[0] === "val") {
      const name = form[1] as string;
      const scope: Scope = { names: new Map(), maxRef: 1 };
      const c = expr(form[2], scope);
      values.set(name, force("c" in c ? c.c : evalCode(c.code)));
      continue;
    }
    const [name, ...params] = form[1] as string[];
    if (values.has(name)) throw new Error(`defined twice: ${name}`);
    const law = compileLaw(natFromText(name), [], params, form[2], name);
    const pin = new Pin(law);
    attach(name, pin);
    pins.set(name, pin);
    values.set(name, pin);
  }
  return { pins, values };
}

/** Runs top-level code with no environment (a `val` that is not a constant). */
function evalCode(code: Val): Val {
  const law = new Law(0, 1, code);
  return new Thunk(law, 0);
}

function natBig(s: string): Nat {
  const b = BigInt(s);
  return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}
