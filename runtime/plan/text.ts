/**
 * PLAN text notation, as accepted by upstream's `plank`:
 *
 * - `123` a decimal nat; `%word` the nat of the UTF-8 bytes of `word`
 *   (`[A-Za-z0-9_]+`, least significant byte first);
 * - `(f x y)` application;
 * - `<x>` the pin of x (opcode 4), or `<file.seed>` a seed file when the
 *   contents do not start an expression;
 * - `{n a b}` the law with name n, arity a, body b (opcode 0);
 * - `;` starts a comment running to the end of the line.
 *
 * Reading gives an unevaluated expression. Printing shows a value in the same
 * notation; a nat whose bytes spell an identifier (`[A-Za-z_][A-Za-z0-9_]*`)
 * prints as `%word`, any other nat in decimal. Both directions are loops, so
 * any depth is fine.
 *
 * @module
 */

import {
  CLO,
  deref,
  LAW,
  type Nat,
  natBytes,
  natFromBig,
  natFromText,
  PIN,
  THUNK,
  Thunk,
  ThunkState,
  type Val,
} from "./value.ts";
import { PlanSyntaxError } from "./errors.ts";

/** Options for {@linkcode readPlan}. */
export interface ReadOptions {
  /** Loads `<path>` references (seed files); without it they are errors. */
  loadFile?: (path: string) => Val;
}

interface Group {
  kind: "(" | "<" | "{";
  items: Val[];
  line: number;
  col: number;
}

const CLOSER = { "(": ")", "<": ">", "{": "}" } as const;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
    c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Reads one expression from `src`. Throws {@linkcode PlanSyntaxError} with a
 * line and column for anything else, including trailing input.
 */
export function readPlan(src: string, opts: ReadOptions = {}): Val {
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (msg: string, at = pos): never => {
    throw new PlanSyntaxError(msg, line, at - lineStart + 1);
  };
  const skipSpace = () => {
    while (pos < src.length) {
      const c = src.charCodeAt(pos);
      if (c === 10) {
        pos++;
        line++;
        lineStart = pos;
      } else if (c === 32 || c === 9 || c === 13) pos++;
      else if (c === 59) {
        while (pos < src.length && src.charCodeAt(pos) !== 10) pos++;
      } else break;
    }
  };
  const stack: Group[] = [];
  let result: Val | undefined;

  const emit = (v: Val) => {
    if (stack.length === 0) result = v;
    else stack[stack.length - 1].items.push(v);
  };

  for (;;) {
    skipSpace();
    if (stack.length === 0 && result !== undefined) {
      if (pos < src.length) fail("unexpected input after the expression");
      return result;
    }
    if (pos >= src.length) {
      if (stack.length === 0) fail("expected an expression");
      const g = stack[stack.length - 1];
      fail(`unclosed '${g.kind}' opened at ${g.line}:${g.col}`);
    }
    const c = src.charCodeAt(pos);
    const ch = src[pos];
    if (isDigit(c)) {
      const start = pos;
      while (pos < src.length && isDigit(src.charCodeAt(pos))) pos++;
      if (pos < src.length && isWordChar(src.charCodeAt(pos))) {
        fail("a number must be followed by a space or a bracket");
      }
      const text = src.slice(start, pos);
      emit(text.length < 16 ? Number(text) : natFromBig(BigInt(text)));
    } else if (ch === "%") {
      const start = ++pos;
      while (pos < src.length && isWordChar(src.charCodeAt(pos))) pos++;
      if (pos === start) fail("expected a word after '%'", start - 1);
      emit(natFromText(src.slice(start, pos)));
    } else if (ch === "(" || ch === "{") {
      stack.push({ kind: ch, items: [], line, col: pos - lineStart + 1 });
      pos++;
    } else if (ch === "<") {
      const at = pos++;
      skipSpace();
      const next = src[pos];
      if (next !== undefined && !/[0-9%(<{]/.test(next)) {
        const end = src.indexOf(">", pos);
        if (end < 0) fail("unclosed '<'", at);
        const path = src.slice(pos, end).trim();
        if (!opts.loadFile) fail(`cannot load '${path}' here`, at);
        pos = end + 1;
        emit(opts.loadFile!(path));
      } else {
        stack.push({ kind: "<", items: [], line, col: at - lineStart + 1 });
      }
    } else if (ch === ")" || ch === ">" || ch === "}") {
      const g = stack.pop();
      if (!g || CLOSER[g.kind] !== ch) fail(`unexpected '${ch}'`);
      pos++;
      emit(closeGroup(g!));
    } else {
      fail(`unexpected character '${ch}'`);
    }
  }
}

function closeGroup(g: Group): Val {
  const xs = g.items;
  const fail = (msg: string): never => {
    throw new PlanSyntaxError(msg, g.line, g.col);
  };
  switch (g.kind) {
    case "(": {
      if (xs.length === 0) fail("empty application '()'");
      let v = xs[0];
      for (let i = 1; i < xs.length; i++) v = new Thunk(v, xs[i]);
      return v;
    }
    case "<":
      if (xs.length !== 1) fail("a pin '<…>' holds exactly one expression");
      return new Thunk(4, xs[0]);
    case "{":
      if (xs.length !== 3) fail("a law '{…}' holds a name, an arity and a body");
      return new Thunk(new Thunk(new Thunk(0, xs[0]), xs[1]), xs[2]);
  }
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_WORD_NAT = 1n << 512n;

/** Prints a nat: `%word` when its bytes spell an identifier, else decimal. */
export function showNat(n: Nat): string {
  if (typeof n === "bigint" ? n < MAX_WORD_NAT : n >= 65) {
    const bytes = natBytes(n);
    if (bytes.length <= 64) {
      let s = "";
      for (const b of bytes) s += String.fromCharCode(b);
      if (IDENT.test(s)) return "%" + s;
    }
  }
  return n.toString();
}

/** Options for {@linkcode showPlan}. */
export interface ShowOptions {
  /** Stop after about this many characters and end with `…` (default: no limit). */
  maxChars?: number;
}

/**
 * Prints a value in the text notation. Unevaluated applications print as
 * applications; black holes print as `<<hole>>`.
 */
export function showPlan(v: Val, opts: ShowOptions = {}): string {
  const max = opts.maxChars ?? Infinity;
  const out: string[] = [];
  let size = 0;
  const todo: (Val | string)[] = [v];
  while (todo.length > 0) {
    if (size > max) {
      return out.join("").slice(0, max) + "…";
    }
    const item = todo.pop()!;
    if (typeof item === "string") {
      out.push(item);
      size += item.length;
      continue;
    }
    size += 2;
    const x = deref(item);
    if (typeof x !== "object") {
      out.push(showNat(x));
      continue;
    }
    switch (x.t) {
      case PIN:
        out.push("<");
        todo.push(">", x.item);
        break;
      case LAW:
        out.push("{", showNat(x.name), " ", x.arity.toString(), " ");
        todo.push("}", x.body);
        break;
      case CLO: {
        out.push("(");
        todo.push(")");
        for (let i = x.args.length - 1; i >= 0; i--) todo.push(x.args[i], " ");
        todo.push(x.head);
        break;
      }
      case THUNK: {
        if (x.s !== ThunkState.Fresh) {
          out.push("<<hole>>");
          break;
        }
        // Flatten the spine of unevaluated applications.
        const args: Val[] = [];
        let f: Val = x;
        while (
          typeof f === "object" && f.t === THUNK && f.s === ThunkState.Fresh
        ) {
          args.push(f.x);
          f = deref(f.f);
        }
        out.push("(");
        todo.push(")");
        for (const a of args) todo.push(a, " ");
        todo.push(f);
        break;
      }
    }
  }
  return out.join("");
}
