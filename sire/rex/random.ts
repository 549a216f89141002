/**
 * Seeded generators of random Rex trees and Rex-like source text, for
 * property tests, fuzzing and benchmarks. Deterministic for a given seed.
 *
 * Generated trees are exactly the trees the parser can produce (and so the
 * printer must round-trip): line strings only in tail position, OPEN nodes
 * only at block level, non-empty words and runes.
 *
 * @module
 */

import type { Leaf, Node, NodeKind, Rex } from "./tree.ts";

/** A seeded pseudo-random number generator (mulberry32). */
export class Rng {
  private s: number;

  /** Creates a generator from a 32-bit seed. */
  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A random element of `xs`. */
  pick<T>(xs: ArrayLike<T>): T {
    return xs[this.int(xs.length)];
  }
}

const WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
const RUNE_CHARS = "$!#%&*+,-./:<=>?@\\^`'|~";
const TEXT_POOL = [
  ..."abcxyz019_ ",
  ..."{}{}\"';()[]|#.-=",
  "\t",
  "é",
  "日本",
  "😀",
  "\0",
];
const COMMON_RUNES = ["|", "=", "#", ".", "-", "+", ":", ",", "*", "@", "?", "^", "%"];

/** Options for {@linkcode randomRex}. */
export interface RandomRexOptions {
  /** Maximum nesting depth (default 4). */
  depth?: number;
  /** Maximum number of sons per node (default 4). */
  width?: number;
}

/** A random word (non-empty, word bytes). */
export function randomWord(r: Rng): string {
  let s = "";
  const n = r.chance(0.8) ? r.range(1, 4) : r.range(5, 12);
  for (let i = 0; i < n; i++) s += r.pick(WORD_CHARS);
  return s;
}

/** A random rune: mostly common ones, sometimes long or odd. */
export function randomRune(r: Rng): string {
  if (r.chance(0.6)) return r.pick(COMMON_RUNES);
  let s = "";
  const n = r.chance(0.85) ? r.range(1, 3) : r.range(4, 7);
  for (let i = 0; i < n; i++) s += r.pick(RUNE_CHARS);
  return s;
}

/** A random text without newlines (braces, quotes, unicode, NUL…). */
export function randomText(r: Rng, max = 10): string {
  let s = "";
  const n = r.int(max + 1);
  for (let i = 0; i < n; i++) s += r.pick(TEXT_POOL);
  return s;
}

function lineChain(r: Rng, maxLinks: number): Leaf {
  const n = r.range(1, maxLinks);
  let head: Leaf | null = null;
  for (let i = 0; i < n; i++) {
    head = { kind: "LINE", text: r.chance(0.15) ? "" : randomText(r, 12), heir: head };
  }
  return head!;
}

function node(kind: NodeKind, rune: string, sons: Rex[]): Node {
  return { kind, rune, sons, heir: null };
}

/**
 * A random closed tree. `tail` allows a line string at the end (then at most
 * `links` links long).
 */
export function randomClosed(r: Rng, depth: number, tail: boolean, links = 3): Rex {
  if (tail && r.chance(0.08)) return lineChain(r, links);
  const withHeir = r.chance(0.2);
  const own = closedOwn(r, depth, tail && !withHeir, links);
  if (withHeir && own.kind !== "EMBD") {
    own.heir = tailSafe(r, depth - 1, tail, links, true);
  }
  return own;
}

/**
 * A closed tree for a position where a heirless PREF (and, if `shutToo`, a
 * heirless SHUT) is printed in parentheses: such a tree cannot end in a line
 * string, since line strings never occur inside parentheses.
 */
function tailSafe(
  r: Rng,
  depth: number,
  tail: boolean,
  links: number,
  shutToo: boolean,
): Rex {
  const x = randomClosed(r, depth, tail, links);
  const wrapped = x.kind !== "EMBD" && x.heir === null &&
    (x.kind === "PREF" || (shutToo && x.kind === "SHUT"));
  return tail && wrapped ? randomClosed(r, depth, false, links) : x;
}

function closedOwn(r: Rng, depth: number, tail: boolean, links: number): Rex {
  const k = depth <= 0 ? r.int(2) : r.int(8);
  const sons = (n: number, t = false) => {
    const xs: Rex[] = [];
    for (let i = 0; i < n; i++) xs.push(randomClosed(r, depth - 1, t, links));
    return xs;
  };
  switch (k) {
    case 0:
      return { kind: "WORD", text: randomWord(r), heir: null };
    case 1:
      return { kind: "TEXT", text: randomText(r), heir: null };
    case 2: {
      const rune = r.chance(0.5) ? "|" : r.chance(0.4) ? "," : randomRune(r);
      return node("NEST", rune, sons(r.int(4)));
    }
    case 3:
      return node("INFX", randomRune(r), sons(r.range(2, 4)));
    case 4:
      return node("PREF", randomRune(r), [tailSafe(r, depth - 1, tail, links, false)]);
    case 5:
    case 6: {
      const n = r.range(2, 4);
      const xs = sons(n - 1);
      xs.push(tailSafe(r, depth - 1, tail, links, true));
      return node("SHUT", randomRune(r), xs);
    }
    default:
      return { kind: "WORD", text: randomWord(r), heir: null };
  }
}

/** A random OPEN tree (block layout), with closed, OPEN and line-string sons. */
export function randomOpen(r: Rng, depth: number, width = 4): Node {
  const n = node("OPEN", randomRune(r), []);
  const count = r.int(width + 1);
  for (let i = 0; i < count; i++) {
    const x = r.next();
    if (x < 0.2 && depth > 0) n.sons.push(randomOpen(r, depth - 1, width));
    else if (x < 0.3) n.sons.push(lineChain(r, 3));
    else n.sons.push(randomClosed(r, Math.min(depth, 3), true));
  }
  if (r.chance(0.3)) {
    const y = r.next();
    n.heir = y < 0.4 && depth > 0
      ? randomOpen(r, depth - 1, width)
      : y < 0.55
      ? lineChain(r, 3)
      : randomClosed(r, Math.min(depth, 3), true);
  }
  return n;
}

/** A random block tree: OPEN (mostly), closed, or a line-string chain. */
export function randomRex(r: Rng, opts: RandomRexOptions = {}): Rex {
  const depth = opts.depth ?? 4;
  const x = r.next();
  if (x < 0.65) return randomOpen(r, depth, opts.width ?? 4);
  if (x < 0.9) return randomClosed(r, depth, true, 1);
  return lineChain(r, 4);
}
