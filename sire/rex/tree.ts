/**
 * The Rex tree: the syntax tree produced by the Rex parser and consumed by
 * the Sire compiler and by macros.
 *
 * A Rex is a plain discriminated union on the field `kind`:
 *
 * - leaves `WORD`, `TEXT`, `LINE` carry a `text` and an optional `heir`;
 * - nodes `OPEN`, `NEST`, `INFX`, `PREF`, `SHUT` carry a `rune`, a list of
 *   `sons` and an optional `heir`;
 * - `EMBD` carries an embedded PLAN value (never produced by the parser, only
 *   by macros).
 *
 * The heir is the "juxtaposition continuation" of a tree (`f(x)` is the word
 * `f` with heir `x`). Sire reads a node's arguments as `sons ++ [heir]`.
 *
 * Every tree may carry a 1-based source position. Positions are ignored by
 * {@linkcode rexEqual}. Trees are plain objects; treat them as immutable once
 * built (the parser and macros share subtrees freely).
 *
 * @module
 */

import type { Val } from "../../runtime/plan/value.ts";

/** A 1-based source position: file name, line and byte column. */
export interface Pos {
  /** File name (as given to the parser; `""` when unknown). */
  readonly file: string;
  /** Line number, 1-based. */
  readonly line: number;
  /** Column, 1-based, counted in UTF-8 bytes. */
  readonly col: number;
}

/** Shapes of leaves. */
export type LeafKind = "WORD" | "TEXT" | "LINE";

/** Shapes of rune nodes. */
export type NodeKind = "OPEN" | "NEST" | "INFX" | "PREF" | "SHUT";

/** Every shape, including embeds. */
export type RexKind = LeafKind | NodeKind | "EMBD";

/** A leaf: a word (`foo`), a text (`{foo}`, `"foo"`) or a line string (`} foo`). */
export interface Leaf {
  /** The leaf's shape. */
  kind: LeafKind;
  /** The leaf's text (a word's name, a string's contents). */
  text: string;
  /** The juxtaposed continuation, if any. */
  heir: Rex | null;
  /** Where the leaf starts in the source. */
  pos?: Pos;
}

/** A rune node such as `(f x)`, `a.b`, `-x`, `(a + b)` or `= x y`. */
export interface Node {
  /** The node's shape. */
  kind: NodeKind;
  /** The rune (a non-empty run of rune characters, e.g. `=`, `|`, `,`). */
  rune: string;
  /** The node's children, in order. */
  sons: Rex[];
  /** The juxtaposed continuation, if any. */
  heir: Rex | null;
  /** Where the node starts in the source. */
  pos?: Pos;
}

/** An embedded PLAN value (built by macros; never printed faithfully). */
export interface Embd {
  /** Always `"EMBD"`. */
  kind: "EMBD";
  /** The embedded value. */
  value: Val;
  /** Where the embed came from, if known. */
  pos?: Pos;
}

/** Any Rex tree. */
export type Rex = Leaf | Node | Embd;

/** The rune characters (24 ASCII bytes). */
export const RUNE_CHARS = "$!#%&*+,-./:<=>?@\\^`'|~";

/** True if `kind` is a leaf shape. */
export function isLeafKind(kind: RexKind): kind is LeafKind {
  return kind === "WORD" || kind === "TEXT" || kind === "LINE";
}

/** True if `kind` is a rune-node shape. */
export function isNodeKind(kind: RexKind): kind is NodeKind {
  return kind === "OPEN" || kind === "NEST" || kind === "INFX" || kind === "PREF" ||
    kind === "SHUT";
}

/** True if `r` is a leaf. */
export function isLeaf(r: Rex): r is Leaf {
  return isLeafKind(r.kind);
}

/** True if `r` is a rune node. */
export function isNode(r: Rex): r is Node {
  return isNodeKind(r.kind);
}

/** Builds a leaf of any shape. */
export function leaf(
  kind: LeafKind,
  text: string,
  heir: Rex | null = null,
  pos?: Pos,
): Leaf {
  return pos ? { kind, text, heir, pos } : { kind, text, heir };
}

/** Builds a word leaf, e.g. `word("foo")`. */
export function word(text: string, heir: Rex | null = null, pos?: Pos): Leaf {
  return leaf("WORD", text, heir, pos);
}

/** Builds a text leaf, e.g. `text("hello")` for `{hello}`. */
export function text(s: string, heir: Rex | null = null, pos?: Pos): Leaf {
  return leaf("TEXT", s, heir, pos);
}

/** Builds a line-string leaf, e.g. `line("hi")` for `} hi`. */
export function line(s: string, heir: Rex | null = null, pos?: Pos): Leaf {
  return leaf("LINE", s, heir, pos);
}

/** Builds a rune node of any shape. */
export function node(
  kind: NodeKind,
  rune: string,
  sons: Rex[],
  heir: Rex | null = null,
  pos?: Pos,
): Node {
  return pos ? { kind, rune, sons, heir, pos } : { kind, rune, sons, heir };
}

/** Builds an OPEN node (layout form: `= x y`). */
export function open(
  rune: string,
  sons: Rex[],
  heir: Rex | null = null,
  pos?: Pos,
): Node {
  return node("OPEN", rune, sons, heir, pos);
}

/** Builds a NEST node (`(f x)`, `(* a b)`, `[a b]`). */
export function nest(
  rune: string,
  sons: Rex[],
  heir: Rex | null = null,
  pos?: Pos,
): Node {
  return node("NEST", rune, sons, heir, pos);
}

/** Builds an INFX node (`(a + b + c)`). */
export function infx(
  rune: string,
  sons: Rex[],
  heir: Rex | null = null,
  pos?: Pos,
): Node {
  return node("INFX", rune, sons, heir, pos);
}

/** Builds a PREF node (`-x`); `son` is its single child. */
export function pref(rune: string, son: Rex, heir: Rex | null = null, pos?: Pos): Node {
  return node("PREF", rune, [son], heir, pos);
}

/** Builds a SHUT node (`a.b.c`). */
export function shut(
  rune: string,
  sons: Rex[],
  heir: Rex | null = null,
  pos?: Pos,
): Node {
  return node("SHUT", rune, sons, heir, pos);
}

/** Builds an embedded PLAN value. */
export function embd(value: Val, pos?: Pos): Embd {
  return pos ? { kind: "EMBD", value, pos } : { kind: "EMBD", value };
}

/** The heir of a tree (`null` for embeds and trees without one). */
export function heirOf(r: Rex): Rex | null {
  return r.kind === "EMBD" ? null : r.heir;
}

/**
 * Structural equality of two trees, ignoring positions. Embedded values are
 * compared with `===`. Iterative: safe on arbitrarily deep trees.
 */
export function rexEqual(a: Rex | null, b: Rex | null): boolean {
  const stack: (Rex | null)[] = [a, b];
  while (stack.length > 0) {
    const y = stack.pop()!, x = stack.pop()!;
    if (x === y) continue;
    if (x === null || y === null || x.kind !== y.kind) return false;
    if (x.kind === "EMBD") {
      if (x.value !== (y as Embd).value) return false;
      continue;
    }
    if (isLeaf(x)) {
      const l = y as Leaf;
      if (x.text !== l.text) return false;
      stack.push(x.heir, l.heir);
      continue;
    }
    const n = y as Node;
    if (x.rune !== n.rune || x.sons.length !== n.sons.length) return false;
    stack.push(x.heir, n.heir);
    for (let i = 0; i < x.sons.length; i++) stack.push(x.sons[i], n.sons[i]);
  }
  return true;
}
