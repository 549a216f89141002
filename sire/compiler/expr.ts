/**
 * Reading expressions (spec §4): from a rex noun to a Sire AST.
 *
 * A node whose rune is bound in scope is a macro call: it is expanded and
 * the expansion is read instead. Otherwise leaves are constants or names
 * (resolved in the local environment first, then in scope), and the built-in
 * runes (each also written with a `#` prefix) build the AST:
 *
 * | rune | kids | AST |
 * |---|---|---|
 * | `\|` `-` | f x… | left-nested applications |
 * | `**` | x | `M x` |
 * | `@` | n v b | `L v b` |
 * | `@@` | (= n v)… b | `R [v…] b` |
 * | `^` | x… v | `L v (x…)` with `_` bound to v |
 * | `&` | [tag] sig b | anonymous lambda |
 * | `?` `??` | [tag] sig b | named lambda (`??` pinned) |
 * | `.` | x / m x | explicit or module-qualified reference |
 *
 * @module
 */

import {
  type Nat,
  natBytes,
  natFromBig,
  natFromText,
  type Val,
} from "../../runtime/plan/value.ts";
import { type Ast, hasRefTo, mkA, mkF, mkG, mkK, mkL, mkM, mkR, mkV } from "./ast.ts";
import { type Co, trampoline } from "./trampoline.ts";
import { NameStack } from "./stack.ts";
import { Fault } from "./errors.ts";
import {
  isLeafShape,
  kidsOf,
  mkLeaf,
  mkNode,
  natText,
  type RexView,
  Shape,
  viewRex,
} from "./rexnoun.ts";
import { bindingOf, lookupBinding, modulesOf } from "./state.ts";
import { tabGet, tabView } from "./tab.ts";
import { expandMacro } from "./macro.ts";
import type { Session } from "./session.ts";
import { Pin } from "../../runtime/plan/value.ts";
import { whnf } from "../../runtime/plan/eval.ts";

/** A local environment: the binders' names (`null` = unnamed), innermost on top. */
export type Env = NameStack;

const HASH = natFromText("#");
const UNDERSCORE = natFromText("_");

/** Nats of the builtin expression runes, with and without `#`. */
const EXPR_RUNES = new Map<Nat, string>();
for (const r of ["|", "-", "**", "@", "@@", "^", "&", "?", "??", "."]) {
  EXPR_RUNES.set(natFromText(r), r);
  EXPR_RUNES.set(natFromText("#" + r), r);
}

/** The builtin expression rune (without `#`) a rune nat denotes, if any. */
export function exprRune(rune: Nat): string | undefined {
  return EXPR_RUNES.get(rune);
}

const PIPE = natFromText("|"), STARS = natFromText("**"), EQ = natFromText("=");

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}

function firstByte(n: Nat): number {
  return typeof n === "number" ? n % 256 : Number(n & 255n);
}

/** A leaf read as a literal or name: `DECI`, `IDNT` or `CORD` upstream. */
type LeafRead =
  | { readonly k: "deci"; readonly n: Nat }
  | { readonly k: "idnt"; readonly n: Nat }
  | { readonly k: "cord"; readonly n: Nat };

/** Reads a word text: all digits ⇒ decimal; digit-initial otherwise ⇒ null. */
function readWord(text: Nat): LeafRead | null {
  if (text === 0) return null;
  if (!isDigit(firstByte(text))) return { k: "idnt", n: text };
  const bytes = natBytes(text);
  for (const b of bytes) if (!isDigit(b)) return null;
  const s = String.fromCharCode(...bytes);
  return { k: "deci", n: s.length <= 15 ? Number(s) : natFromBig(BigInt(s)) };
}

function tryReadLeaf(v: RexView | null): LeafRead | null {
  if (v === null || v.heir !== 0) return null;
  if (v.shape === Shape.TEXT) return { k: "cord", n: v.text };
  if (v.shape === Shape.WORD) return readWord(v.text);
  return null;
}

/** A key: a WORD or TEXT leaf without heir (decimal words give numbers), or null. */
export function tryReadKey(rex: Val): Nat | null {
  const r = tryReadLeaf(viewRex(rex));
  return r === null ? null : r.n;
}

/** Reads a key or faults. */
export function readKey(rex: Val): Nat {
  const k = tryReadKey(rex);
  if (k === null) {
    throw new Fault("Bad key: expected something like: 234, foo, 'foo'", rex);
  }
  return k;
}

/** Prints a key for messages: a word if it is one, else `{text}` or decimal. */
export function showKey(n: Nat): string {
  if (n === 0) return "0";
  const bytes = natBytes(n);
  const s = natText(n);
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) return s;
  let printable = true;
  for (const b of bytes) if (b < 32 || b === 127) printable = false;
  if (printable && !s.includes("\uFFFD") && !s.includes("}")) return `{${s}}`;
  return n.toString();
}

/** Reads an expression (trampolined entry point). */
export function readExpr(sess: Session, env: Env | null, rex: Val): Ast {
  env ??= new NameStack();
  return trampoline(readExprCo(sess, env, rex));
}

/** Reads an expression, expanding macros (generator form). */
export function* readExprCo(sess: Session, env: Env, rex: Val): Co<Ast> {
  for (;;) {
    const v = viewRex(rex);
    if (v === null) throw new Fault("malformed rex", rex);
    if (v.shape >= Shape.OPEN && v.shape <= Shape.SHUT) {
      const mac = sess.macroFor(v.text);
      if (mac !== undefined) {
        rex = expandMacro(sess, mac, v.noun);
        continue;
      }
      return (yield readNode(sess, env, v)) as Ast;
    }
    if (v.shape === Shape.EMBD) return mkK(v.value);
    if (v.shape === Shape.LINE) return readMultiLine(v);
    // WORD or TEXT
    if (v.heir !== 0) {
      const hash = sess.macroFor(HASH);
      if (hash === undefined) {
        throw new Fault("leaf-juxtaposition, but no # macro", v.noun);
      }
      const bare = mkLeaf(v.shape, v.text, 0);
      rex = expandMacro(sess, hash, mkNode(Shape.INFX, HASH, [bare, v.heir], 0));
      continue;
    }
    const leaf = tryReadLeaf(v);
    if (leaf === null) {
      const hash = sess.macroFor(HASH);
      if (hash === undefined) {
        throw new Fault("don't know how to parse this leaf", v.noun);
      }
      rex = expandMacro(sess, hash, mkNode(Shape.PREF, HASH, [v.noun], 0));
      continue;
    }
    if (leaf.k === "idnt") return resolve(sess, v.noun, env, leaf.n);
    return mkK(leaf.n);
  }
}

function readMultiLine(v: RexView): Ast {
  const parts: Uint8Array[] = [natBytes(v.text)];
  let h = v.heir;
  while (h !== 0) {
    const w = viewRex(h);
    if (w === null || w.shape !== Shape.LINE) {
      throw new Fault("Mis-matched node in text block", h);
    }
    parts.push(natBytes(w.text));
    h = w.heir;
  }
  let len = parts.length - 1;
  for (const p of parts) len += p.length;
  const bytes = new Uint8Array(len);
  let off = 0;
  parts.forEach((p, i) => {
    if (i > 0) bytes[off++] = 10;
    bytes.set(p, off);
    off += p.length;
  });
  let hex = "";
  for (let i = bytes.length - 1; i >= 0; i--) {
    hex += bytes[i].toString(16).padStart(2, "0");
  }
  return mkK(hex === "" ? 0 : natFromBig(BigInt("0x" + hex)));
}

/** Resolves a name: local variable, else global binding, else a fault about `rex`. */
export function resolve(sess: Session, rex: Val, env: Env, sym: Nat): Ast {
  const i = env.indexOf(sym);
  if (i >= 0) return mkV(i);
  const b = lookupBinding(sess.state, sym);
  if (b === undefined) throw new Fault("Unresolved symbol: " + showKey(sym), rex);
  bindingOf(b);
  return mkG(b);
}

function resolveQualified(sess: Session, rex: Val, modu: Nat, name: Nat): Ast {
  const m = tabGet(modulesOf(sess.state), modu);
  let b: Val | undefined;
  if (m !== undefined) {
    const p = whnf(m);
    if (!(p instanceof Pin)) throw new Fault("Expected a pin when loading: module", rex);
    const scope = tabView(p.item);
    if (scope === null) throw new Fault("invalid `scope` field in state", rex);
    b = tabGet(scope, name);
  }
  if (b === undefined) {
    throw new Fault(`Unresolved symbol: ${showKey(modu)}.${showKey(name)}`, rex);
  }
  bindingOf(b);
  return mkG(b);
}

/** The signature of a named lambda: inline mark, name, argument names. */
interface Sig {
  readonly mark: boolean;
  readonly name: Nat;
  readonly args: Nat[];
}

function readWutSig(rex: Val): Sig {
  const v = viewRex(rex);
  if (v !== null && isLeafShape(v.shape)) {
    return { mark: false, name: readKey(rex), args: [] };
  }
  if (v === null || v.shape < Shape.OPEN || v.shape > Shape.SHUT || v.text !== PIPE) {
    throw new Fault("Expecting something like: (f x y)", rex);
  }
  const kids = kidsOf(v);
  if (kids.length === 0) throw new Fault("Expected at least one parameter", rex);
  const [hed, ...rest] = kids;
  let mark = false, name: Nat;
  const h = viewRex(hed);
  if (h !== null && h.shape >= Shape.OPEN && h.shape <= Shape.SHUT && h.text === STARS) {
    const hk = kidsOf(h);
    if (hk.length !== 1) throw new Fault("Expected something like **x", hed);
    mark = true;
    name = readKey(hk[0]);
  } else {
    name = readKey(hed);
  }
  return { mark, name, args: rest.map(readKey) };
}

function readAnonSig(rex: Val): Nat[] {
  const v = viewRex(rex);
  if (v !== null && v.shape >= Shape.OPEN && v.shape <= Shape.SHUT && v.text === PIPE) {
    return kidsOf(v).map(readKey);
  }
  if (v !== null && isLeafShape(v.shape)) return [readKey(rex)];
  throw new Fault("Expected something like: (x y z)", rex);
}

function* readNode(sess: Session, e: Env, v: RexView): Co<Ast> {
  const rex = v.noun;
  const ks = kidsOf(v);
  const rune = exprRune(v.text);
  const read = (env: Env, x: Val) => readExprCo(sess, env, x);
  switch (rune) {
    case "|":
    case "-": {
      if (ks.length === 0) throw new Fault("empty application", rex);
      let f = (yield read(e, ks[0])) as Ast;
      for (let i = 1; i < ks.length; i++) f = mkA(f, (yield read(e, ks[i])) as Ast);
      return f;
    }
    case "**":
      if (ks.length !== 1) throw new Fault("This needs to have only one parameter", rex);
      return mkM((yield read(e, ks[0])) as Ast);
    case "@": {
      if (ks.length !== 3) throw new Fault("Three paramaters are required", rex);
      const n = readKey(ks[0]);
      const val = (yield read(e, ks[1])) as Ast;
      e.push(n);
      const body = (yield read(e, ks[2])) as Ast;
      e.pop();
      return mkL(val, body);
    }
    case "@@": {
      if (ks.length !== 2) throw new Fault("Two paramaters are required", rex);
      const names: Nat[] = [], vals: Val[] = [];
      let b: Val = ks[0];
      while (b !== 0) {
        const w = viewRex(b);
        if (
          w === null || w.shape < Shape.OPEN || w.shape > Shape.SHUT || w.text !== EQ ||
          w.sons.length !== 2
        ) throw new Fault("Invalid (=) bind-seq", rex);
        names.push(readKey(w.sons[0]));
        vals.push(w.sons[1]);
        b = w.heir;
      }
      for (let i = names.length - 1; i >= 0; i--) e.push(names[i]);
      const vs: Ast[] = [];
      for (const x of vals) vs.push((yield read(e, x)) as Ast);
      const body = (yield read(e, ks[1])) as Ast;
      e.pop(names.length);
      return mkR(vs, body);
    }
    case "^": {
      if (ks.length < 2) throw new Fault("Needs at least two paramaters", rex);
      const val = (yield read(e, ks[ks.length - 1])) as Ast;
      e.push(UNDERSCORE);
      let f = (yield read(e, ks[0])) as Ast;
      for (let i = 1; i < ks.length - 1; i++) f = mkA(f, (yield read(e, ks[i])) as Ast);
      e.pop();
      return mkL(val, f);
    }
    case "&": {
      if (ks.length !== 2 && ks.length !== 3) {
        throw new Fault("Expected two or three parameters", rex);
      }
      const tag = ks.length === 3 ? readKey(ks[0]) : 0;
      const args = readAnonSig(ks[ks.length - 2]);
      e.push(null);
      for (const a of args) e.push(a);
      const body = (yield read(e, ks[ks.length - 1])) as Ast;
      e.pop(1 + args.length);
      return mkF({ pin: false, mark: false, recr: false, tag, args: args.length, body });
    }
    case "?":
    case "??": {
      if (ks.length !== 2 && ks.length !== 3) {
        throw new Fault("Expected two or three parameters", rex);
      }
      const explicit = ks.length === 3 ? readKey(ks[0]) : null;
      const sig = readWutSig(ks[ks.length - 2]);
      e.push(sig.name);
      for (const a of sig.args) e.push(a);
      const body = (yield read(e, ks[ks.length - 1])) as Ast;
      e.pop(1 + sig.args.length);
      const n = sig.args.length;
      return mkF({
        pin: rune === "??",
        mark: sig.mark,
        recr: hasRefTo(n, body),
        tag: explicit ?? sig.name,
        args: n,
        body,
      });
    }
    case ".": {
      if (ks.length === 1) return resolve(sess, rex, e, readKey(ks[0]));
      if (ks.length === 2) {
        return resolveQualified(sess, rex, readKey(ks[0]), readKey(ks[1]));
      }
      throw new Fault("Needs one or two parameters", rex);
    }
    default:
      throw new Fault("Undefined rune: " + natText(v.text), rex);
  }
}
