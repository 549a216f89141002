/**
 * Top-level commands (spec §3).
 *
 * A block is dispatched on its rune: a rune bound in scope is a macro call
 * (expanded, then executed again); otherwise the builtins (each also written
 * with a `#` prefix, except `####`):
 *
 * | rune | command |
 * |---|---|
 * | `=` | define (`binder body`, `key binder body`, `key props binder body`) |
 * | `*` | run each kid as a command |
 * | `####` | module header: `#### name` or `#### name <- prior` |
 * | `^-^` | keep only the listed names in scope |
 * | `=?=` | assert two expressions are equal |
 * | `:\|` | import a loaded module (or some of its names) |
 *
 * and every expression rune, leaf or embed: evaluate and report the value.
 * `=`, `^-^`, `=?=` and `:|` chain through a heir with the same rune.
 *
 * @module
 */

import {
  type Nat,
  natFromText,
  natInc,
  Pin,
  type Val,
} from "../../runtime/plan/value.ts";
import { force, makePin, whnf } from "../../runtime/plan/eval.ts";
import { equal } from "../../runtime/plan/compare.ts";
import { showPlan } from "../../runtime/plan/text.ts";
import { type Ast, encodeAst, hasRefTo, mkF } from "./ast.ts";
import { evalAst } from "./codegen.ts";
import { Fault } from "./errors.ts";
import { exprRune, readExpr, readKey, showKey, tryReadKey } from "./expr.ts";
import { NameStack } from "./stack.ts";
import { expandMacro } from "./macro.ts";
import {
  kidsOf,
  mkNode,
  mkWord,
  natText,
  type RexView,
  Shape,
  viewRex,
} from "./rexnoun.ts";
import { clip, type Session } from "./session.ts";
import {
  makeBinding,
  makeState,
  modulesOf,
  natSlot,
  scopeOf,
  stateParts,
} from "./state.ts";
import {
  EMPTY_TAB,
  tabFilter,
  tabGet,
  tabPut,
  tabSearch,
  tabUnion,
  tabView,
} from "./tab.ts";

const R = (s: string) => natFromText(s);
const PIPE = R("|"), STARS = R("**"), ARROW = R("<-"), COMMA = R(",");

const COMMANDS = new Map<Nat, string>([
  [R("="), "="],
  [R("#="), "="],
  [R("*"), "*"],
  [R("#*"), "*"],
  [R("####"), "####"],
  [R("^-^"), "^-^"],
  [R("#^-^"), "^-^"],
  [R("=?="), "=?="],
  [R("#=?="), "=?="],
  [R(":|"), ":|"],
  [R("#:|"), ":|"],
]);

function isNode(v: RexView | null): v is RexView {
  return v !== null && v.shape >= Shape.OPEN && v.shape <= Shape.SHUT;
}

/** Evaluates an AST to normal form. */
export function evalNf(ast: Ast): Val {
  return force(evalAst(ast));
}

/** Executes one top-level command (a rex noun) against the session. */
export function execute(sess: Session, rex: Val): void {
  // Work list of commands still to run (`*` pushes its kids).
  const todo: Val[] = [rex];
  while (todo.length > 0) {
    let cmd = todo.pop()!;
    for (;;) {
      const v = viewRex(cmd);
      if (!isNode(v)) {
        execExpr(sess, cmd);
        break;
      }
      const mac = sess.macroFor(v.text);
      if (mac !== undefined) {
        cmd = expandMacro(sess, mac, v.noun);
        continue;
      }
      const c = COMMANDS.get(v.text);
      if (c === "*") {
        const kids = kidsOf(v);
        for (let i = kids.length - 1; i >= 0; i--) todo.push(kids[i]);
      } else if (c === "=") doDefine(sess, v);
      else if (c === "####") doEnter(sess, v);
      else if (c === "^-^") doFilter(sess, v);
      else if (c === "=?=") doAssert(sess, v);
      else if (c === ":|") doImport(sess, v);
      else if (exprRune(v.text) !== undefined) execExpr(sess, v.noun);
      else throw new Fault("Unbound rune: " + natText(v.text), v.noun);
      break;
    }
  }
}

function execExpr(sess: Session, rex: Val): void {
  const value = evalNf(readExpr(sess, null, rex));
  sess.emit({ kind: "value", value });
}

/** Splits a chain of same-rune nodes: each link without its heir, in order. */
function chainLinks(v: RexView): { node: RexView; kids: Val[] }[] {
  const out: { node: RexView; kids: Val[] }[] = [];
  let cur = v;
  for (;;) {
    const h = cur.heir === 0 ? null : viewRex(cur.heir);
    if (isNode(h) && h.text === v.text) {
      out.push({ node: cur, kids: cur.sons.slice() });
      cur = h;
    } else {
      out.push({ node: cur, kids: kidsOf(cur) });
      return out;
    }
  }
}

// Definitions ----------------------------------------------------------------

type Binder =
  | { readonly fn: false; readonly name: Nat }
  | {
    readonly fn: true;
    readonly mark: boolean;
    readonly name: Nat;
    readonly args: Nat[];
  };

function tryReadLawBinder(rex: Val): Binder | null {
  const v = viewRex(rex);
  if (!isNode(v) || v.text !== PIPE) return null;
  const kids = kidsOf(v);
  if (kids.length === 0) return null;
  let mark = false, name: Nat | null;
  const h = viewRex(kids[0]);
  if (isNode(h) && h.text === STARS && h.sons.length === 1 && h.heir === 0) {
    mark = true;
    name = tryReadKey(h.sons[0]);
  } else {
    name = tryReadKey(kids[0]);
  }
  if (name === null) return null;
  const args: Nat[] = [];
  for (let i = 1; i < kids.length; i++) {
    const a = tryReadKey(kids[i]);
    if (a === null) return null;
    args.push(a);
  }
  return { fn: true, mark, name, args };
}

function readBinder(rex: Val): Binder {
  const key = tryReadKey(rex);
  if (key !== null) return { fn: false, name: key };
  const b = tryReadLawBinder(rex);
  if (b !== null) return b;
  throw new Fault("Bad binder: expected foo (foo bar), (**foo bar), etc", rex);
}

function readBindBody(sess: Session, b: Binder, rex: Val): Ast {
  if (!b.fn) return readExpr(sess, null, rex);
  const env = new NameStack();
  env.push(b.name);
  for (const a of b.args) env.push(a);
  return readExpr(sess, env, rex);
}

function doDefine(sess: Session, top: RexView): void {
  for (const { node, kids } of chainLinks(top)) {
    let key: Nat = 0, props: Ast | null = null, binderRex: Val, bodyRex: Val;
    if (kids.length === 4) {
      key = readKey(kids[0]);
      props = readExpr(sess, null, kids[1]);
      [binderRex, bodyRex] = [kids[2], kids[3]];
    } else if (kids.length === 3) {
      key = readKey(kids[0]);
      [binderRex, bodyRex] = [kids[1], kids[2]];
    } else if (kids.length === 2) {
      [binderRex, bodyRex] = [kids[0], kids[1]];
    } else {
      throw new Fault("Define cmd needs two or three parameters", node.noun);
    }
    const binder = readBinder(binderRex);
    const body = readBindBody(sess, binder, bodyRex);
    const code = binder.fn
      ? mkF({
        pin: true,
        mark: binder.mark,
        recr: hasRefTo(binder.args.length, body),
        tag: binder.name,
        args: binder.args.length,
        body,
      })
      : body;
    const value = evalNf(code);
    const prp = props === null ? 0 : evalNf(props);
    const pin = insertBinding(sess, key, prp, binder.name, value, code);
    sess.emit({ kind: "define", name: binder.name, binding: pin, value });
  }
}

/**
 * Adds a binding to the scope: key 0 takes (and advances) `nextKey`.
 * Returns the new binding pin.
 */
export function insertBinding(
  sess: Session,
  key: Nat,
  props: Val,
  name: Nat,
  value: Val,
  code: Ast,
): Pin {
  const p = stateParts(sess.state);
  let nextKey: Val = p.nextKey;
  if (key === 0) {
    const n = whnf(nextKey);
    if (typeof n === "object") throw new Fault("next-key slot in state is not a nat");
    key = n;
    nextKey = natInc(n);
  }
  const scope = tabView(p.scope);
  if (scope === null) throw new Fault("state.scope slot is not a tab");
  const pin = makeBinding(key, value, encodeAst(code), p.context, name, props, code);
  sess.state = makeState({ ...p, nextKey, scope: tabPut(scope, name, pin) });
  return pin;
}

// Assertions -----------------------------------------------------------------

function doAssert(sess: Session, top: RexView): void {
  const rune = natText(top.text);
  for (const { node, kids } of chainLinks(top)) {
    const echo = kids.length === node.sons.length + (node.heir === 0 ? 0 : 1)
      ? node.noun
      : mkNode(node.shape, node.text, node.sons, 0);
    sess.emit({ kind: "assert", rex: echo });
    if (kids.length !== 2) throw new Fault(`${rune} expects two parameters`, echo);
    const x = readExpr(sess, null, kids[0]);
    const y = readExpr(sess, null, kids[1]);
    const xv = evalNf(x);
    const yv = evalNf(y);
    if (!equal(xv, yv)) {
      throw new Fault(
        "ASSERTION FAILURE",
        echo,
        "assert",
        `left:  ${clip(showPlan(xv))}\nright: ${clip(showPlan(yv))}`,
      );
    }
  }
}

// Imports and filters --------------------------------------------------------

function doImport(sess: Session, top: RexView): void {
  let cur: Val = top.noun;
  while (cur !== 0) {
    const v = viewRex(cur);
    if (!isNode(v) || v.text !== top.text) throw new Fault("Bad import syntax", cur);
    let syms: Nat[] | null = null;
    if (v.sons.length === 2) {
      const list = viewRex(v.sons[1]);
      if (!isNode(list) || list.text !== COMMA || list.heir !== 0) {
        throw new Fault("Bad import syntax", cur);
      }
      const modu = readKey(v.sons[0]);
      syms = list.sons.map(readKey);
      importModule(sess, top.noun, modu, syms);
    } else if (v.sons.length === 1) {
      importModule(sess, top.noun, readKey(v.sons[0]), null);
    } else {
      throw new Fault("Bad import syntax", cur);
    }
    cur = v.heir;
  }
}

/**
 * Imports module `modu` (all of it, or only `syms`) into the scope;
 * imported names win over existing ones.
 */
export function importModule(
  sess: Session,
  block: Val,
  modu: Nat,
  syms: Nat[] | null,
): void {
  const p = stateParts(sess.state);
  const mods = tabView(p.modules);
  if (mods === null) throw new Fault("state.modules is not a tab", block);
  const entry = tabGet(mods, modu);
  if (entry === undefined) throw new Fault("Module not loaded: " + showKey(modu), block);
  const pin = whnf(entry);
  const binds = pin instanceof Pin ? tabView(pin.item) : null;
  if (binds === null) throw new Fault("module is not a pin", block);
  let add = binds;
  if (syms !== null) {
    const missing = syms.filter((s) => tabSearch(binds, s) < 0);
    if (missing.length > 0) {
      throw new Fault(
        "imported symbols do not exist: [" + missing.map(showKey).join(",") + "]",
        block,
      );
    }
    const want = new Set<Val>(syms);
    add = tabView(tabFilter(binds, (k) => want.has(k)))!;
  }
  const scope = tabView(p.scope);
  if (scope === null) throw new Fault("state.scope is not a tab", block);
  sess.state = makeState({ ...p, scope: tabUnion(add, scope) });
}

function doFilter(sess: Session, top: RexView): void {
  const keep = new Set<Val>();
  let cur: Val = top.noun;
  while (cur !== 0) {
    const v = viewRex(cur);
    if (!isNode(v) || v.text !== top.text) {
      throw new Fault("Bad export-filter syntax", cur);
    }
    for (const s of v.sons) keep.add(readKey(s));
    cur = v.heir;
  }
  const p = stateParts(sess.state);
  const scope = tabView(p.scope);
  if (scope === null) throw new Fault("state.scope is not a tab");
  const bogus = [...keep].filter((k) => tabSearch(scope, k) < 0);
  if (bogus.length > 0) {
    throw new Fault(
      "filter for non-existing keys: " + bogus.map((k) => showKey(k as Nat)).join(", "),
      mkWord("logic error"),
    );
  }
  sess.state = makeState({ ...p, scope: tabFilter(scope, (k) => keep.has(k)) });
}

// Module headers -------------------------------------------------------------

function doEnter(sess: Session, top: RexView): void {
  const kids = kidsOf(top);
  if (kids.length === 2) {
    const from = viewRex(kids[1]);
    if (
      isNode(from) && from.text === ARROW && from.sons.length === 1 && from.heir === 0
    ) {
      const target = readKey(kids[0]);
      const prior = readKey(from.sons[0]);
      const ctx = natSlot(stateParts(sess.state).context, "context");
      if (ctx !== prior) throw new Fault("That's not where we were", top.noun);
      sess.state = switchToContext(sess.state, target);
      return;
    }
  } else if (kids.length === 1) {
    const target = readKey(kids[0]);
    const ctx = natSlot(stateParts(sess.state).context, "context");
    if (ctx !== 0 || scopeOf(sess.state).keys.length !== 0) {
      throw new Fault("#### without predecessor, but not in initial state", top.noun);
    }
    sess.state = switchToContext(sess.state, target);
    return;
  }
  throw new Fault("Expected something like (#### foo) or (#### foo <- bar)", top.noun);
}

/**
 * Switches to module `ctx`: stores the current scope (pinned) as the
 * current module's entry in `modules` (unless the context is 0), then
 * starts an empty scope. The result is normalised.
 */
export function switchToContext(st: Val, ctx: Nat): Val {
  const p = stateParts(st);
  const old = natSlot(p.context, "context");
  let modules = p.modules;
  if (old !== 0) {
    const mods = modulesOf(st);
    modules = tabPut(mods, old, makePin(force(p.scope)));
  } else if (tabView(modules) === null) {
    throw new Fault("`modules` table is not a tab");
  }
  return force(
    makeState({ nextKey: p.nextKey, context: ctx, scope: EMPTY_TAB, modules }),
  );
}
