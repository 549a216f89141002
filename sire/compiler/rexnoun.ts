/**
 * Rex trees as PLAN values (spec §0 "Rex as PLAN"), the form the compiler
 * works on and macros receive and return.
 *
 * A rex noun is a constructor pin applied to its fields: `(EMBD v)`,
 * `(WORD text heir)` (also TEXT, LINE), `(OPEN rune sons heir)` (also NEST,
 * INFX, PREF, SHUT), with `heir` 0 for none and `sons` a row.
 *
 * {@linkcode viewRex} decodes one level of a noun lazily (sons and heir stay
 * nouns) and caches the result by object identity, as upstream's `PlanRex`
 * does. Nouns built from parsed source remember their source position.
 *
 * @module
 */

import {
  Clo,
  Law,
  type Nat,
  natBytes,
  natFromText,
  Pin,
  type Val,
} from "../../runtime/plan/value.ts";
import { whnf } from "../../runtime/plan/eval.ts";
import type { Pos, Rex } from "../rex/tree.ts";
import { embd, isNode, leaf, node } from "../rex/tree.ts";
import { REX_CONSTRUCTORS, rexKindOfLaw } from "../rex/plan.ts";
import { makeRow, rowItems } from "./tab.ts";

/** The nine Rex shapes, numbered as used in {@linkcode RexView.shape}. */
export const enum Shape {
  WORD = 0,
  TEXT = 1,
  LINE = 2,
  OPEN = 3,
  NEST = 4,
  INFX = 5,
  PREF = 6,
  SHUT = 7,
  EMBD = 8,
}

/** Shape names, indexed by {@linkcode Shape}. */
export const SHAPE_NAMES = [
  "WORD",
  "TEXT",
  "LINE",
  "OPEN",
  "NEST",
  "INFX",
  "PREF",
  "SHUT",
  "EMBD",
] as const;

/** The constructor pins `4 (0 {##NAME} arity 0)`, indexed by {@linkcode Shape}. */
export const REX_CTORS: readonly Pin[] = SHAPE_NAMES.map((n) => REX_CONSTRUCTORS[n]);

/** One decoded level of a rex noun. */
export interface RexView {
  /** The shape. */
  readonly shape: Shape;
  /** Leaf text or node rune (0 for an embed). */
  readonly text: Nat;
  /** Node sons (nouns, not decoded); empty for leaves and embeds. */
  readonly sons: readonly Val[];
  /** The heir noun, or 0 for none (always 0 for embeds). */
  readonly heir: Val;
  /** The embedded value (0 unless an embed). */
  readonly value: Val;
  /** The noun itself, in WHNF. */
  readonly noun: Val;
}

const viewCache = new WeakMap<object, RexView | null>();
const ctorCache = new WeakMap<Pin, Shape | -1>();
const posTable = new WeakMap<object, Pos>();

function ctorShape(p: Pin): Shape | -1 {
  let s = ctorCache.get(p);
  if (s === undefined) {
    s = -1;
    const l = p.item;
    const kind = l instanceof Law ? rexKindOfLaw(l) : undefined;
    if (kind !== undefined) s = SHAPE_NAMES.indexOf(kind) as Shape;
    ctorCache.set(p, s);
  }
  return s;
}

/** True if `s` is a leaf shape (WORD, TEXT, LINE). */
export function isLeafShape(s: Shape): boolean {
  return s <= Shape.LINE;
}

/** True if `s` is a node shape (OPEN … SHUT). */
export function isNodeShape(s: Shape): boolean {
  return s >= Shape.OPEN && s <= Shape.SHUT;
}

/**
 * Decodes one level of a rex noun, or returns `null` if the value is not a
 * valid rex (wrong constructor, non-nat text or rune, sons not a row).
 * Evaluates the noun and its direct fields to WHNF; may throw a PLAN crash.
 */
export function viewRex(noun: Val): RexView | null {
  const v = whnf(noun);
  if (typeof v !== "object") return null;
  const hit = viewCache.get(v);
  if (hit !== undefined) return hit;
  let view: RexView | null = null;
  if (v instanceof Clo && v.head instanceof Pin) {
    const shape: number = ctorShape(v.head);
    const a = v.args;
    if (shape === Shape.EMBD && a.length === 1) {
      view = { shape: Shape.EMBD, text: 0, sons: [], heir: 0, value: a[0], noun: v };
    } else if (shape >= 0 && shape < Shape.OPEN && a.length === 2) {
      const text = whnf(a[0]);
      if (typeof text !== "object") {
        view = {
          shape: shape as Shape,
          text,
          sons: [],
          heir: whnf(a[1]),
          value: 0,
          noun: v,
        };
      }
    } else if (shape >= Shape.OPEN && a.length === 3) {
      const rune = whnf(a[0]);
      const sons = rowItems(a[1]);
      if (typeof rune !== "object" && sons !== null) {
        view = {
          shape: shape as Shape,
          text: rune,
          sons,
          heir: whnf(a[2]),
          value: 0,
          noun: v,
        };
      }
    }
  }
  viewCache.set(v, view);
  return view;
}

/** The kids of a node: its sons followed by its heir (if any). */
export function kidsOf(v: RexView): Val[] {
  return v.heir === 0 ? v.sons.slice() : [...v.sons, v.heir];
}

/** Builds a leaf noun. */
export function mkLeaf(shape: Shape, text: Nat, heir: Val = 0): Val {
  return new Clo(REX_CTORS[shape], [text, heir], 1);
}

/** Builds a node noun. */
export function mkNode(
  shape: Shape,
  rune: Nat,
  sons: readonly Val[],
  heir: Val = 0,
): Val {
  return new Clo(REX_CTORS[shape], [rune, makeRow(sons), heir], 1);
}

/** Builds an embed noun. */
export function mkEmbd(value: Val): Val {
  return new Clo(REX_CTORS[Shape.EMBD], [value], 1);
}

/** A word leaf noun for `text`. */
export function mkWord(text: string, heir: Val = 0): Val {
  return mkLeaf(Shape.WORD, natFromText(text), heir);
}

/** The source position a noun was parsed from, if it was. */
export function posOf(noun: Val): Pos | undefined {
  const v = whnf(noun);
  return typeof v === "object" ? posTable.get(v) : undefined;
}

const SHAPE_OF_KIND: Record<string, Shape> = {
  WORD: Shape.WORD,
  TEXT: Shape.TEXT,
  LINE: Shape.LINE,
  OPEN: Shape.OPEN,
  NEST: Shape.NEST,
  INFX: Shape.INFX,
  PREF: Shape.PREF,
  SHUT: Shape.SHUT,
};

const textNats = new Map<string, Nat>();

/** `natFromText`, memoised (source texts and runes repeat a lot). */
function textNat(s: string): Nat {
  let n = textNats.get(s);
  if (n === undefined) {
    if (textNats.size > 100_000) textNats.clear();
    n = natFromText(s);
    textNats.set(s, n);
  }
  return n;
}

/**
 * Converts a parsed Rex tree to its noun (normal form), remembering each
 * node's source position. Iterative.
 */
export function rexToNoun(root: Rex): Val {
  // Post-order: a task is a tree to expand, or a tree whose parts are done.
  const out: Val[] = [];
  const todo: { r: Rex; done: boolean }[] = [{ r: root, done: false }];
  while (todo.length > 0) {
    const t = todo.pop()!;
    const r = t.r;
    if (!t.done) {
      todo.push({ r, done: true });
      if (r.kind === "EMBD") continue;
      if (r.heir) todo.push({ r: r.heir, done: false });
      if (isNode(r)) {
        for (let i = r.sons.length - 1; i >= 0; i--) {
          todo.push({ r: r.sons[i], done: false });
        }
      }
      continue;
    }
    let n: Clo;
    if (r.kind === "EMBD") {
      n = mkEmbd(r.value) as Clo;
    } else {
      const heir = r.heir ? out.pop()! : 0;
      const shape = SHAPE_OF_KIND[r.kind];
      if (!isNode(r)) {
        n = mkLeaf(shape, textNat(r.text), heir) as Clo;
      } else {
        const k = r.sons.length;
        const sons = out.splice(out.length - k, k);
        const row = makeRow(sons, true);
        n = new Clo(REX_CTORS[shape], [textNat(r.rune), row, heir], 1);
      }
      n.nf = true;
    }
    if (r.pos) posTable.set(n, r.pos);
    out.push(n);
  }
  return out[0];
}

const DECODER = new TextDecoder();

/** Decodes a nat as UTF-8 text (invalid bytes become U+FFFD). */
export function natText(n: Nat): string {
  return DECODER.decode(natBytes(n));
}

/**
 * Converts a noun back to a Rex tree (for printing). Parts that are not valid
 * rex become embeds of the offending value. Iterative.
 */
export function nounToRex(root: Val): Rex {
  const out: Rex[] = [];
  const todo: { v: Val; view: RexView | null }[] = [{ v: root, view: null }];
  while (todo.length > 0) {
    const t = todo.pop()!;
    if (t.view === null) {
      const view = viewRex(t.v);
      if (view === null) {
        out.push(embd(t.v));
        continue;
      }
      todo.push({ v: t.v, view });
      if (view.heir !== 0) todo.push({ v: view.heir, view: null });
      for (let i = view.sons.length - 1; i >= 0; i--) {
        todo.push({ v: view.sons[i], view: null });
      }
      continue;
    }
    const view = t.view;
    const heir = view.heir !== 0 ? out.pop()! : null;
    const pos = posTable.get(view.noun as object);
    let r: Rex;
    if (view.shape === Shape.EMBD) r = embd(view.value, pos);
    else if (isLeafShape(view.shape)) {
      r = leaf(SHAPE_NAMES[view.shape] as "WORD", natText(view.text), heir, pos);
    } else {
      const k = view.sons.length;
      const sons = out.splice(out.length - k, k);
      r = node(SHAPE_NAMES[view.shape] as "OPEN", natText(view.text), sons, heir, pos);
    }
    out.push(r);
  }
  return out[0];
}
