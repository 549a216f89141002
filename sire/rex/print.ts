/**
 * The Rex printer: prints a tree as a block that the parser reads back as
 * the identical tree.
 *
 * Closed forms are printed wide (see `wide.ts`). An OPEN node is printed on
 * one line (`| f x = y`) when that fits the width, and tall otherwise:
 *
 * ```text
 * = leading closed sons …
 *         | first open son        ; open sons and line strings form a
 *     | second open son           ; staircase: each starts left of the
 *   trailing closed sons …        ; previous one, or it would become a heir
 * heir
 * ```
 *
 * Columns are counted in UTF-8 bytes, as the parser does. A final pass joins
 * a line onto the previous one when it starts to the right of its end (and
 * the previous line does not end in a line string, which runs to the end of
 * its line). Everything is iterative.
 *
 * @module
 */

import { RexError } from "./errors.ts";
import type { Leaf, Node, Rex } from "./tree.ts";
import { byteLen, isRuneText, type PrintOptions, type Wide, wide } from "./wide.ts";

export type { PrintOptions } from "./wide.ts";

/** One output line: start column, text, byte width, and trailing `}` column. */
interface Line {
  col: number;
  text: string;
  w: number;
  /** Column of the `}` of a line string ending this line, or -1. */
  tail: number;
}

/** Beyond this column, open nodes that fit on one line are always put on one. */
const FORCE_INLINE_COL = 60;

function isOpen(r: Rex | null): r is Node {
  return r !== null && r.kind === "OPEN";
}

/** Sons of an OPEN node that are printed in the staircase (not packed). */
function isTallSon(r: Rex): boolean {
  return r.kind === "OPEN" || r.kind === "LINE";
}

/** The widest `rune length - 1` along a chain of OPEN heirs. */
function padOf(r: Rex | null): number {
  let p = 0;
  while (isOpen(r)) {
    p = Math.max(p, byteLen(r.rune) - 1);
    r = r.heir;
  }
  return p;
}

type Job =
  | { k: 0; t: Rex; d: number } // a tree at anchor column d
  | { k: 1; sons: Rex[]; col: number }; // closed sons packed at col

class Printer {
  readonly lines: Line[] = [];
  private readonly width: number;
  private readonly lossy: boolean;
  private readonly wides = new Map<Rex, Wide>();
  private readonly inlineW = new Map<Node, number>();
  private readonly jobs: Job[] = [];

  constructor(opts: PrintOptions) {
    this.width = opts.width ?? 80;
    this.lossy = opts.lossy ?? false;
  }

  private fail(r: Rex, why: string): RexError {
    const p = r.pos;
    return p
      ? new RexError(`cannot print: ${why}`, p.file, p.line, p.col)
      : new RexError(`cannot print: ${why}`);
  }

  private wideOf(t: Rex): Wide {
    let w = this.wides.get(t);
    if (w === undefined) {
      w = wide(t, true, this.lossy);
      this.wides.set(t, w);
    }
    return w;
  }

  private push(col: number, text: string, w: number, tail: number): void {
    this.lines.push({ col, text, w, tail });
  }

  /** Emits the continuation links of a line string whose `}` is at `col`. */
  private links(l: Rex | null, col: number): void {
    while (l !== null) {
      if (l.kind !== "LINE") {
        if (!this.lossy) throw this.fail(l, "line string with a non-line heir");
        return;
      }
      if (l.text.includes("\n") && !this.lossy) {
        throw this.fail(l, "line string with a newline");
      }
      const s = l.text === "" ? "}" : "} " + l.text;
      this.push(col, s, byteLen(s), col);
      l = l.heir;
    }
  }

  /** Emits a closed form at `col`, with its continuation links. */
  private closed(t: Rex, col: number): void {
    const w = this.wideOf(t);
    this.push(col, w.text, w.w, w.tailCol < 0 ? -1 : col + w.tailCol);
    if (w.links) this.links(w.links, col + w.tailCol);
  }

  /**
   * Width of `n` (rune and sons, not its heir) printed on one line, or
   * Infinity when it cannot be: only the last son may be an OPEN node (then
   * itself on one line, without heir), a line string, or a form ending in one.
   */
  private inlineWidth(n: Node): number {
    const known = this.inlineW.get(n);
    if (known !== undefined) return known;
    // Walk down the chain of last sons that are heirless OPEN nodes.
    const chain: Node[] = [];
    let x: Node = n;
    while (true) {
      chain.push(x);
      const last = x.sons[x.sons.length - 1];
      if (
        last === undefined || !isOpen(last) || last.heir !== null ||
        this.inlineW.has(last)
      ) break;
      x = last;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i];
      let w = byteLen(c.rune);
      const sons = c.sons;
      for (let j = 0; j < sons.length && w < Infinity; j++) {
        const s = sons[j];
        const isLast = j === sons.length - 1;
        if (s.kind === "OPEN") {
          w = isLast && s.heir === null ? w + 1 + this.inlineW.get(s)! : Infinity;
        } else if (s.kind === "LINE") {
          w = isLast ? w + 1 + byteLen(s.text) + 2 : Infinity;
        } else {
          const ws = this.wideOf(s);
          w = ws.tailCol >= 0 && !isLast ? Infinity : w + 1 + ws.w;
        }
      }
      this.inlineW.set(c, w);
    }
    return this.inlineW.get(n)!;
  }

  /** Emits `n` (without its heir) on one line starting at `col`. */
  private inline(n: Node, col: number): void {
    const parts: string[] = [];
    let x: Node | null = n;
    let last: Rex | null = null;
    while (x !== null) {
      const sons: Rex[] = x.sons;
      parts.push(x.rune);
      x = null;
      for (let j = 0; j < sons.length; j++) {
        const s = sons[j];
        parts.push(" ");
        if (s.kind === "OPEN") x = s; // only ever the last son
        else if (j === sons.length - 1) last = s;
        else parts.push(this.wideOf(s).text);
      }
    }
    let tail = -1;
    let links: Rex | null = null;
    if (last !== null) {
      const at = col + byteLen(parts.join(""));
      if (last.kind === "LINE") {
        parts.push(last.text === "" ? "}" : "} " + last.text);
        tail = at;
        links = last.heir;
      } else {
        const w = this.wideOf(last);
        parts.push(w.text);
        if (w.tailCol >= 0) {
          tail = at + w.tailCol;
          links = w.links;
        }
      }
    }
    const text = parts.join("");
    this.push(col, text, byteLen(text), tail);
    if (links) this.links(links, tail);
  }

  /**
   * Packs closed sons onto lines starting at `col`; if `head` is given, the
   * first line starts with it (the rune line) and takes at least the first son.
   */
  private pack(sons: readonly Rex[], col: number, head?: Line): void {
    let cur: Line | null = head ?? null;
    let force = head !== undefined;
    for (const s of sons) {
      const w = this.wideOf(s);
      if (
        cur !== null && cur.tail < 0 && (force || cur.col + cur.w + 1 + w.w <= this.width)
      ) {
        const at = cur.col + cur.w + 1;
        cur.text += " " + w.text;
        cur.w += 1 + w.w;
        if (w.tailCol >= 0) cur.tail = at + w.tailCol;
      } else {
        if (cur !== null) this.lines.push(cur);
        cur = { col, text: w.text, w: w.w, tail: w.tailCol < 0 ? -1 : col + w.tailCol };
      }
      force = false;
      if (w.links) {
        this.lines.push(cur);
        this.links(w.links, cur.tail);
        cur = null;
      }
    }
    if (cur !== null) this.lines.push(cur);
  }

  /** Prints an OPEN node (and then its heir) with its rune ending at column d. */
  private open(n: Node, d: number): void {
    if (!isRuneText(n.rune) && !this.lossy) {
      throw this.fail(n, `invalid rune ${JSON.stringify(n.rune)}`);
    }
    const start = d - byteLen(n.rune) + 1;
    const iw = this.inlineWidth(n);
    if (iw < Infinity && (start + iw <= this.width || d >= FORCE_INLINE_COL)) {
      this.inline(n, start);
      if (n.heir !== null) this.jobs.push({ k: 0, t: n.heir, d });
      return;
    }
    const sons = n.sons;
    let a = 0;
    while (a < sons.length && !isTallSon(sons[a])) a++;
    let b = sons.length;
    if (a < sons.length) { while (b > a && !isTallSon(sons[b - 1])) b--; }
    // The rune line, with the leading closed sons.
    const head: Line = { col: start, text: n.rune, w: byteLen(n.rune), tail: -1 };
    if (a === 0) this.lines.push(head);
    else this.pack(sons.slice(0, a), d + 2, head);
    // Middle items: each tall son, and each run of closed sons between them.
    const items: Rex[][] = [];
    for (let i = a; i < b;) {
      if (isTallSon(sons[i])) {
        items.push([sons[i]]);
        i++;
      } else {
        const run: Rex[] = [];
        while (i < b && !isTallSon(sons[i])) run.push(sons[i++]);
        items.push(run);
      }
    }
    const m = items.length;
    const step = m <= 8 ? 4 : 2;
    const cols = new Array<number>(m);
    for (let i = m - 1; i >= 0; i--) {
      const base = i === m - 1 ? d + 4 : cols[i + 1] + step;
      cols[i] = Math.max(base, items[i].length === 1 ? padOf(items[i][0]) : 0);
    }
    if (m > 0 && items[0].length === 1 && items[0][0].kind === "LINE") {
      // A line string right under a line ending in one, in the same
      // column, would continue it.
      const prev = this.lines[this.lines.length - 1];
      if (prev.tail === cols[0]) cols[0]++;
    }
    const jobs = this.jobs;
    if (n.heir !== null) jobs.push({ k: 0, t: n.heir, d });
    if (b < sons.length && a < sons.length) {
      jobs.push({ k: 1, sons: sons.slice(b), col: d + 2 });
    }
    for (let i = m - 1; i >= 0; i--) {
      const it = items[i];
      if (it.length === 1 && isTallSon(it[0])) jobs.push({ k: 0, t: it[0], d: cols[i] });
      else jobs.push({ k: 1, sons: it, col: cols[i] });
    }
  }

  /** Prints a block tree (the root) starting at column 0. */
  run(root: Rex): void {
    if (root.kind === "OPEN") {
      this.jobs.push({ k: 0, t: root, d: padOf(root) });
    } else if (root.kind === "LINE") {
      this.jobs.push({ k: 0, t: root, d: 0 });
    } else {
      const w = this.wideOf(root);
      if (w.links && !this.lossy) {
        throw this.fail(root, "a closed block cannot continue a line string");
      }
      this.closed(root, 0);
    }
    const jobs = this.jobs;
    while (jobs.length > 0) {
      const j = jobs.pop()!;
      if (j.k === 1) {
        this.pack(j.sons, j.col);
      } else if (j.t.kind === "OPEN") {
        this.open(j.t, j.d);
      } else if (j.t.kind === "LINE") {
        this.links(j.t as Leaf, j.d);
      } else {
        this.closed(j.t, j.d);
      }
    }
  }

  /** Joins lines that start right of the previous line's end, then renders. */
  render(): string {
    const ls = this.lines;
    const out: string[] = [];
    let i = 0;
    while (i < ls.length) {
      const cur = { ...ls[i] };
      i++;
      while (i < ls.length) {
        const nx = ls[i];
        const gap = nx.col - (cur.col + cur.w);
        if (cur.tail >= 0 || gap <= 0 || nx.col + nx.w > this.width) break;
        cur.text += " ".repeat(gap) + nx.text;
        cur.w = nx.col + nx.w - cur.col;
        cur.tail = nx.tail;
        i++;
      }
      out.push(" ".repeat(cur.col) + cur.text + "\n");
    }
    return out.join("");
  }
}

/**
 * Prints one tree as a block of Rex (ending in a newline) that parses back
 * to the identical tree.
 *
 * @throws {RexError} if the tree has no exact printed form (an embedded
 *   value, OPEN under a closed form, an invalid word or rune, …), unless
 *   `opts.lossy` is set
 */
export function printRex(tree: Rex, opts: PrintOptions = {}): string {
  const p = new Printer(opts);
  p.run(tree);
  return p.render();
}

/** Prints several blocks, separated by blank lines (a whole file). */
export function printRexFile(trees: readonly Rex[], opts: PrintOptions = {}): string {
  return trees.map((t) => printRex(t, opts)).join("\n");
}

/**
 * Prints a closed tree on one line (no trailing newline).
 *
 * @throws {RexError} if the tree has no exact one-line form (unless lossy)
 */
export function printWide(tree: Rex, opts: PrintOptions = {}): string {
  const w = wide(tree, true, opts.lossy ?? false);
  if (w.links && !opts.lossy) {
    throw new RexError("cannot print: line string continuation on one line");
  }
  return w.text;
}
