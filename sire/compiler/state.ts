/**
 * The compiler state (spec §2): a PLAN row `[nextKey context scope modules]`
 * that macros receive and may replace, and the binding records in its scope.
 *
 * The state is never decoded as a whole: each operation reads only the parts
 * it needs, so a state rebuilt by a macro is accepted as long as the parts in
 * use are well formed. Every tab the compiler writes is canonical.
 *
 * A binding is `PIN [key value code location name props]`.
 *
 * @module
 */

import { type Nat, natFromText, Pin, type Val } from "../../runtime/plan/value.ts";
import { force, makePin, whnf } from "../../runtime/plan/eval.ts";
import { Fault } from "./errors.ts";
import { EMPTY_TAB, makeRow, rowItems, tabGet, type TabView, tabView } from "./tab.ts";
import { type Ast, decodeAst } from "./ast.ts";

/** The four slots of the state. */
export interface StateParts {
  /** Next unique key (binding keys and gensyms). */
  readonly nextKey: Val;
  /** Current module name (0 before the first header). */
  readonly context: Val;
  /** Tab: name → binding pin. */
  readonly scope: Val;
  /** Tab: module name → pin of its final scope. */
  readonly modules: Val;
}

/** The initial state `[1 0 #[] #[]]`. */
export const INITIAL_STATE: Val = makeRow([1, 0, EMPTY_TAB, EMPTY_TAB], true);

/** Splits a state into its slots (evaluating only the row). */
export function stateParts(st: Val): StateParts {
  const xs = rowItems(st);
  if (xs === null) throw new Fault("Invalid state object: not a row");
  if (xs.length !== 4) {
    throw new Fault("Invalid state object: row does not have four fields");
  }
  return { nextKey: xs[0], context: xs[1], scope: xs[2], modules: xs[3] };
}

/** Builds a state row. */
export function makeState(p: StateParts): Val {
  return makeRow([p.nextKey, p.context, p.scope, p.modules]);
}

/** The scope tab of a state, decoded. */
export function scopeOf(st: Val): TabView {
  const t = tabView(stateParts(st).scope);
  if (t === null) throw new Fault("state.scope is not a tab");
  return t;
}

/** The modules tab of a state, decoded. */
export function modulesOf(st: Val): TabView {
  const t = tabView(stateParts(st).modules);
  if (t === null) throw new Fault("state.modules is not a tab");
  return t;
}

/** A nat slot of the state, or a fault. */
export function natSlot(v: Val, what: string): Nat {
  v = whnf(v);
  if (typeof v === "object") throw new Fault(`invalid \`${what}\` field in state`);
  return v;
}

/** A decoded binding record. */
export interface Binding {
  /** The binding pin itself. */
  readonly pin: Pin;
  /** Unique key. */
  readonly key: Val;
  /** The value. */
  readonly value: Val;
  /** The code (AST noun) used for inlining. */
  readonly code: Val;
  /** Module the binding was made in. */
  readonly location: Val;
  /** The bound name. */
  readonly name: Val;
  /** Properties (0 by default). */
  readonly props: Val;
}

const bindCache = new WeakMap<object, Binding>();
const codeCache = new WeakMap<object, Ast>();

/** Decodes a binding pin, or faults with "Malformed binding". */
export function bindingOf(b: Val): Binding {
  b = whnf(b);
  if (typeof b === "object") {
    const hit = bindCache.get(b);
    if (hit) return hit;
  }
  const xs = b instanceof Pin ? rowItems(b.item) : null;
  if (!(b instanceof Pin) || xs === null || xs.length !== 6) {
    throw new Fault("Malformed binding");
  }
  const d: Binding = {
    pin: b,
    key: xs[0],
    value: xs[1],
    code: xs[2],
    location: xs[3],
    name: xs[4],
    props: xs[5],
  };
  bindCache.set(b, d);
  return d;
}

/** The decoded code of a binding (cached). */
export function bindingCode(b: Binding): Ast {
  let c = codeCache.get(b.pin);
  if (!c) {
    c = decodeAst(b.code);
    codeCache.set(b.pin, c);
  }
  return c;
}

/**
 * Makes a binding pin (normalising its fields). When `ast` is given it is
 * remembered as the decoded code.
 */
export function makeBinding(
  key: Nat,
  value: Val,
  code: Val,
  location: Val,
  name: Nat,
  props: Val,
  ast?: Ast,
): Pin {
  const p = makePin(force(makeRow([key, value, code, location, name, props])));
  if (ast) codeCache.set(p, ast);
  return p;
}

/** The binding pin bound to `name` in the state's scope, if any. */
export function lookupBinding(st: Val, name: Val): Val | undefined {
  return tabGet(scopeOf(st), name);
}

/** The value bound to `name` (a nat or text) in the state's scope, if any. */
export function lookupValue(st: Val, name: Nat | string): Val | undefined {
  const b = lookupBinding(st, typeof name === "string" ? natFromText(name) : name);
  return b === undefined ? undefined : bindingOf(b).value;
}
