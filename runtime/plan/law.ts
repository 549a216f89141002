/**
 * Law bodies: compiling a body once into a flat instruction list, and
 * instantiating it against an environment (spec §1.5).
 *
 * A body is compiled to post-order code: a non-negative entry `j` pushes
 * slot `j`, `APP` pops an argument and a function and pushes the thunk of
 * their application, and `-(k + 2)` pushes constant `k`. Compilation and
 * instantiation are both loops, so bodies of any depth are safe.
 *
 * @module
 */

import { CLO, deref, type Law, Thunk, ThunkState, type Val } from "./value.ts";

const APP = -1;

/** A compiled law body: let bindings and the final expression. */
export interface LawCode {
  /** Number of let bindings in the top-level chain. */
  readonly lets: number;
  /** Code of each let binding (slot `arity + 1 + j`). */
  readonly letCode: readonly Int32Array[];
  /** Code of the final expression. */
  readonly body: Int32Array;
  /** Constants referenced by the code. */
  readonly consts: readonly Val[];
  /** Native builders for each let binding (same order as `letCode`). */
  readonly letFns: readonly Builder[];
  /** Native builder for the final expression. */
  readonly bodyFn: Builder;
}

/** Builds one expression of a law body against an environment. */
export type Builder = (env: Val[]) => Val;

/** Compiles (and caches on the law) the body of `law`. */
export function lawCode(law: Law): LawCode {
  if (law.code !== null) return law.code as LawCode;
  const arity = law.ar;
  const bindings: Val[] = [];
  let body = deref(law.body);
  // Peel the top-level chain of `(1 v k)` lets.
  for (;;) {
    if (
      typeof body === "object" && body.t === CLO && body.head === 1 &&
      body.args.length === 2
    ) {
      bindings.push(body.args[0]);
      body = deref(body.args[1]);
    } else break;
  }
  const maxRef = arity + bindings.length;
  const consts: Val[] = [];
  const letCode = bindings.map((b) => compileExpr(b, maxRef, consts));
  const bodyCode = compileExpr(body, maxRef, consts);
  const code: LawCode = {
    lets: bindings.length,
    letCode,
    body: bodyCode,
    consts,
    letFns: letCode.map((c) => builder(c, consts)),
    bodyFn: builder(bodyCode, consts),
  };
  law.code = code;
  return code;
}

const APP_MARK = {};

function compileExpr(expr: Val, maxRef: number, consts: Val[]): Int32Array {
  const out: number[] = [];
  const todo: (Val | typeof APP_MARK)[] = [expr];
  while (todo.length > 0) {
    const item = todo.pop()!;
    if (item === APP_MARK) {
      out.push(APP);
      continue;
    }
    const x = deref(item as Val);
    if (typeof x === "number" && x <= maxRef) {
      out.push(x);
    } else if (typeof x === "object" && x.t === CLO && typeof x.head === "number") {
      const n = x.args.length;
      if (x.head === 0 && n === 2) {
        todo.push(APP_MARK, x.args[1], x.args[0]);
      } else if (x.head === 2 && n === 1) {
        out.push(-(consts.push(deref(x.args[0])) + 1));
      } else {
        out.push(-(consts.push(x) + 1));
      }
    } else {
      out.push(-(consts.push(x) + 1));
    }
  }
  return Int32Array.from(out);
}

/**
 * Runs compiled code against `env`. Returns the built value; when the code's
 * last instruction is an application the result is a fresh, unshared thunk.
 */
export function build(code: Int32Array, consts: readonly Val[], env: Val[]): Val {
  const n = code.length;
  if (n === 1) {
    const op = code[0];
    return op >= 0 ? env[op] : consts[-op - 2];
  }
  const st = BUILD_STACK;
  let sp = 0;
  for (let i = 0; i < n; i++) {
    const op = code[i];
    if (op >= 0) st[sp++] = env[op];
    else if (op === APP) {
      sp--;
      st[sp - 1] = new Thunk(st[sp - 1], st[sp]);
    } else st[sp++] = consts[-op - 2];
  }
  const r = st[0];
  st.fill(0, 0, n);
  return r;
}

/** Bodies larger than this are interpreted rather than compiled to JS. */
const MAX_COMPILED_OPS = 400;

/**
 * Turns post-order code into a JS function building the same value (so V8
 * can inline the allocations), or an interpreter closure for large code.
 */
function builder(code: Int32Array, consts: readonly Val[]): Builder {
  if (code.length === 1) {
    const op = code[0];
    if (op >= 0) return (env) => env[op];
    const c = consts[-op - 2];
    return () => c;
  }
  if (code.length > MAX_COMPILED_OPS) return (env) => build(code, consts, env);
  const parts: string[] = [];
  for (const op of code) {
    if (op >= 0) parts.push(`e[${op}]`);
    else if (op === APP) {
      const x = parts.pop()!;
      parts.push(`new T(${parts.pop()!},${x})`);
    } else parts.push(`c[${-op - 2}]`);
  }
  const make = new Function("T", "c", `return (e) => ${parts[0]};`);
  return make(Thunk, consts) as Builder;
}

/** Scratch stack for {@linkcode build}; `build` never re-enters itself. */
const BUILD_STACK: Val[] = [];

/** True when the code's result is a freshly built application. */
export function buildsApp(code: Int32Array): boolean {
  return code[code.length - 1] === APP;
}

/**
 * Allocates let slots as holes, builds every binding with the full
 * environment (mutually recursive), and fills the holes in place.
 */
export function bindLets(code: LawCode, env: Val[], base: number): void {
  const holes: Thunk[] = [];
  for (let j = 0; j < code.lets; j++) {
    const h = new Thunk(0, 0, ThunkState.Hole);
    holes.push(h);
    env[base + j] = h;
  }
  for (let j = 0; j < code.lets; j++) {
    const c = code.letCode[j];
    const v = code.letFns[j](env);
    const h = holes[j];
    if (buildsApp(c)) {
      const t = v as Thunk;
      h.f = t.f;
      h.x = t.x;
      h.s = ThunkState.Fresh;
    } else if (!aliasesItself(v, h)) {
      // An alias of another slot, an argument or a constant: an indirection.
      h.f = 0;
      h.x = v;
      h.s = ThunkState.Done;
    }
    // A binding that is (an alias chain back to) itself stays a hole: a loop.
  }
}

/** True when following indirections from `v` leads back to `hole`. */
function aliasesItself(v: Val, hole: Thunk): boolean {
  for (;;) {
    if (v === hole) return true;
    if (typeof v !== "object" || v.t !== 4 || v.s !== ThunkState.Done) return false;
    v = v.x;
  }
}
