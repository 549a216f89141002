/**
 * Rex layout: builds the tree of one block from its top-level clumps
 * ("frags") and their columns, the way indentation-sensitive open runes
 * nest. Streaming and non-recursive: frags are added one at a time.
 *
 * @module
 */

import type { Frag } from "./lex.ts";
import type { Node, Pos, Rex } from "./tree.ts";

/** An open rune whose node is still being built. */
interface Item {
  rune: string;
  sons: Rex[];
  heir: Rex | null;
  col: number;
  pos: Pos | undefined;
}

function toNode(it: Item): Node {
  const n: Node = { kind: "OPEN", rune: it.rune, sons: it.sons, heir: it.heir };
  if (it.pos) n.pos = it.pos;
  return n;
}

/**
 * Attaches tree `t` at column `p` to item `it`: if `it` already has a heir,
 * that heir is demoted to a son and `t` becomes the heir; else `t` is the heir
 * when it sits in the item's column and a son otherwise.
 */
function attach(t: Rex, p: number, it: Item): void {
  if (it.heir !== null) {
    it.sons.push(it.heir);
    it.heir = t;
  } else if (p === it.col) {
    it.heir = t;
  } else {
    it.sons.push(t);
  }
}

/** Accumulates the frags of one block and produces its tree. */
export class Layout {
  /** Closed frags seen before the first open rune. */
  private tops: Rex[] = [];
  /** Open items, innermost last. */
  private stack: Item[] = [];

  /** Adds the next frag of the block. */
  add(f: Frag): void {
    const st = this.stack;
    if (st.length === 0) {
      if (f.rune === null) this.tops.push(f.rex);
      else st.push({ rune: f.rune, sons: [], heir: null, col: f.col, pos: f.pos });
      return;
    }
    const p = f.col;
    while (st.length > 1 && st[st.length - 1].col > p) {
      const it = st.pop()!;
      attach(toNode(it), it.col, st[st.length - 1]);
    }
    if (f.rune !== null) {
      st.push({ rune: f.rune, sons: [], heir: null, col: p, pos: f.pos });
    } else {
      attach(f.rex, p, st[st.length - 1]);
    }
  }

  /** True if no frag has been added yet. */
  get empty(): boolean {
    return this.tops.length === 0 && this.stack.length === 0;
  }

  /**
   * Finishes the block: closes every open item; the tree is the single top
   * form, or `OPEN'|'` of all of them.
   */
  finish(): Rex {
    const st = this.stack;
    while (st.length > 1) {
      const it = st.pop()!;
      attach(toNode(it), it.col, st[st.length - 1]);
    }
    if (st.length === 1) this.tops.push(toNode(st.pop()!));
    const tops = this.tops;
    if (tops.length === 1) return tops[0];
    const n: Node = { kind: "OPEN", rune: "|", sons: tops, heir: null };
    const p = tops[0]?.pos;
    if (p) n.pos = p;
    return n;
  }
}
