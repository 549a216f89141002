/**
 * Rex "policy": the meaning of juxtaposition, tight runes, parentheses and
 * brackets. Turns the elements of one clump, or the clumps inside one nest,
 * into Rex trees.
 *
 * The functions here never recurse: nested forms arrive already converted
 * (the lexer converts a nest when it closes), so each call is one loop over
 * its input. Each result comes with the *tail* of its heir chain, so that
 * juxtaposition (which always attaches to the end of the chain) is O(1).
 *
 * @module
 */

import type { Node, Pos, Rex } from "./tree.ts";

/**
 * One element of a clump (a token or a converted nest), or one clump of a
 * nest. `rune` is set for a rune (then `rex`/`tail` are unused); otherwise
 * `rex` is the element's tree and `tail` the last link of its heir chain.
 */
export interface Part {
  /** The rune text, for a rune element or a free rune; else `null`. */
  rune: string | null;
  /** The element's tree (unused for runes). */
  rex: Rex;
  /** The last link of `rex`'s heir chain (unused for runes). */
  tail: Rex;
  /** Source position of the element's first byte. */
  pos: Pos | undefined;
}

/** A tree together with the last link of its heir chain. */
export type Chained = [tree: Rex, tail: Rex];

function mk(kind: Node["kind"], rune: string, sons: Rex[], pos: Pos | undefined): Node {
  return pos ? { kind, rune, sons, heir: null, pos } : { kind, rune, sons, heir: null };
}

const EMPTY_WORD: Rex = { kind: "WORD", text: "", heir: null };

function setHeir(t: Rex, h: Rex): void {
  if (t.kind !== "EMBD") t.heir = h;
}

/**
 * Joins the non-rune parts `ps[i..]` up to the next rune into one heir chain.
 * Returns the chain and the index after it.
 */
function segment(ps: Part[], i: number): [Rex, Rex, number] {
  if (i >= ps.length || ps[i].rune !== null) return [EMPTY_WORD, EMPTY_WORD, i];
  const head = ps[i].rex;
  let tail = ps[i].tail;
  i++;
  while (i < ps.length && ps[i].rune === null) {
    setHeir(tail, ps[i].rex);
    tail = ps[i].tail;
    i++;
  }
  return [head, tail, i];
}

/**
 * The tight rule for the elements of one closed clump: a leading rune makes a
 * PREF of the rest; otherwise segments between runes become heir chains and
 * are folded left to right into SHUT nodes (equal runes flatten).
 */
export function clumpRex(ps: Part[]): Chained {
  if (ps.length > 0 && ps[0].rune !== null) {
    const [son] = tightBody(ps, 1);
    const n = mk("PREF", ps[0].rune, [son], ps[0].pos);
    return [n, n];
  }
  return tightBody(ps, 0);
}

function tightBody(ps: Part[], start: number): Chained {
  const pos = start < ps.length ? ps[start].pos : undefined;
  let [head, tail, i] = segment(ps, start);
  if (i >= ps.length) return [head, tail];
  let cur = ps[i].rune!;
  let ops: Rex[] = [head];
  i++;
  while (true) {
    [head, tail, i] = segment(ps, i);
    ops.push(head);
    if (i >= ps.length) break;
    const r = ps[i].rune!;
    i++;
    if (r !== cur) {
      ops = [mk("SHUT", cur, ops, pos)];
      cur = r;
    }
  }
  const n = mk("SHUT", cur, ops, pos);
  return [n, n];
}

/** `group`: one clump stands for itself, several become `NEST'|'`. */
function group(fs: Part[], a: number, b: number, pos: Pos | undefined): Chained {
  if (b - a === 1) return [fs[a].rex, fs[a].tail];
  const sons: Rex[] = [];
  for (let k = a; k < b; k++) sons.push(fs[k].rex);
  const n = mk("NEST", "|", sons, b > a ? fs[a].pos : pos);
  return [n, n];
}

/**
 * Prefix mode from the free rune at `fs[k]`: `NEST'r'[clumps…]`, where a
 * later free rune makes everything after it one final son (built the same
 * way). Built right to left, without recursion.
 */
function prefixed(fs: Part[], k: number): Node {
  const starts: number[] = [];
  for (let j = k; j < fs.length; j++) if (fs[j].rune !== null) starts.push(j);
  let inner: Node | null = null;
  for (let s = starts.length - 1; s >= 0; s--) {
    const j = starts[s];
    const end = s + 1 < starts.length ? starts[s + 1] : fs.length;
    const sons: Rex[] = [];
    for (let m = j + 1; m < end; m++) sons.push(fs[m].rex);
    if (inner) sons.push(inner);
    inner = mk("NEST", fs[j].rune!, sons, fs[j].pos);
  }
  return inner!;
}

/**
 * The paren rule for the clumps `fs` (free runes and closed clumps) inside
 * `( … )` at `pos`.
 */
export function parenRex(fs: Part[], pos: Pos | undefined): Chained {
  const n = fs.length;
  if (n === 0) {
    const e = mk("NEST", "|", [], pos);
    return [e, e];
  }
  if (fs[0].rune !== null) {
    const p = prefixed(fs, 0);
    if (pos) p.pos = pos;
    return [p, p];
  }
  let i = 0;
  while (i < n && fs[i].rune === null) i++;
  if (i === n) {
    if (n === 1) return [fs[0].rex, fs[0].tail];
    const e = mk("NEST", "|", fs.map((f) => f.rex), pos);
    return [e, e];
  }
  let ops: Rex[] = [group(fs, 0, i, pos)[0]];
  let cur = fs[i].rune!;
  i++;
  while (true) {
    if (i >= n) {
      ops.push(mk("NEST", "|", [], pos));
      break;
    }
    if (fs[i].rune !== null) {
      ops.push(prefixed(fs, i));
      break;
    }
    const a = i;
    while (i < n && fs[i].rune === null) i++;
    const g = group(fs, a, i, pos)[0];
    if (i >= n) {
      ops.push(g);
      break;
    }
    const r = fs[i].rune!;
    i++;
    if (r === cur) {
      ops.push(g);
    } else {
      ops.push(g);
      ops = [mk("INFX", cur, ops, pos)];
      cur = r;
    }
  }
  const t = mk("INFX", cur, ops, pos);
  return [t, t];
}

/** The bracket rule: `[ … ]` is `NEST','` of its closed clumps. */
export function brackRex(fs: Part[], pos: Pos | undefined): Chained {
  const sons: Rex[] = [];
  for (const f of fs) if (f.rune === null) sons.push(f.rex);
  const t = mk("NEST", ",", sons, pos);
  return [t, t];
}
