/**
 * The Rex block parser: splits a file into lines, groups lines into blocks
 * (blank lines, indentation and line categories decide), merges aligned
 * multi-line strings, and lays each block out as one Rex tree.
 *
 * Everything is iterative; no input can make it recurse or loop forever.
 *
 * @module
 */

import { type RexError, syntaxError } from "./errors.ts";
import { Layout } from "./layout.ts";
import { Cat, lexLine, type LineError, type LineLex, type Source } from "./lex.ts";
import type { Leaf, Rex } from "./tree.ts";

/** One block of a file: its tree, or the first syntax error in it. */
export type RexBlock =
  | { line: number; rex: Rex; error: null }
  | { line: number; rex: null; error: RexError };

/** Where a line lives in the source. */
interface LineRef {
  no: number;
  base: number;
  wid: number;
}

/** A block being accumulated. */
interface Pending {
  line: number;
  layout: Layout;
  error: RexError | null;
  /** The open line-string chain ending the previous line of the block. */
  chain: { tail: Leaf; off: number; ref: LineRef } | null;
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

function errorAt(src: Source, ref: LineRef, e: LineError): RexError {
  const text = DECODER.decode(src.bytes.subarray(ref.base, ref.base + ref.wid));
  return syntaxError(src.file, ref.no, text, e.off, e.len, e.reason);
}

/**
 * Parses a whole file into blocks, each with its tree or its first error.
 * Never throws on any input; use {@linkcode parseRex} to stop at the first
 * error instead.
 *
 * @param text the file contents
 * @param file the file name used in positions and error messages
 */
export function parseRexBlocks(text: string, file = ""): RexBlock[] {
  const bytes = ENCODER.encode(text);
  const src: Source = { file, bytes, text, delta: 0 };
  const out: RexBlock[] = [];
  forEachBlock(src, (b) => {
    out.push(b);
    return true;
  });
  return out;
}

/**
 * Parses only the first block of a file (lines after it are not lexed), or
 * returns null when the file has no block. Module loaders use it to read a
 * header without parsing the rest.
 *
 * @param text the file contents
 * @param file the file name used in positions and error messages
 */
export function parseFirstRexBlock(text: string, file = ""): RexBlock | null {
  // Parse a growing prefix that ends at a line break. The first block is
  // final once a later line of the prefix has ended it: the rest of the
  // file cannot change it then.
  for (let n = 4096;; n *= 4) {
    const nl = n < text.length ? text.lastIndexOf("\n", n) : -1;
    const cut = nl > 0 ? text.slice(0, nl + 1) : text;
    const bytes = ENCODER.encode(cut);
    const src: Source = { file, bytes, text: cut, delta: 0 };
    let first: RexBlock | null = null;
    let endedByInput = false;
    forEachBlock(src, (b, atEnd) => {
      first = b;
      endedByInput = atEnd;
      return false;
    });
    if (cut === text || (first !== null && !endedByInput)) return first;
  }
}

/**
 * Parses a whole file and returns the tree of each block, in order.
 *
 * @param text the file contents
 * @param file the file name used in positions and error messages
 * @throws {RexError} the first syntax error in the file
 */
export function parseRex(text: string, file = ""): Rex[] {
  const bytes = ENCODER.encode(text);
  const src: Source = { file, bytes, text, delta: 0 };
  const out: Rex[] = [];
  let err: RexError | null = null;
  forEachBlock(src, (b) => {
    if (b.error) {
      err = b.error;
      return false;
    }
    out.push(b.rex);
    return true;
  });
  if (err) throw err;
  return out;
}

const IDLE = 0, RUNE_BLOCK = 1, TEXT_BLOCK = 2;

/**
 * Runs the block splitter over `src`, calling `emit` per block until it
 * returns false; `atEnd` is true for a block only the end of input ended.
 */
function forEachBlock(
  src: Source,
  emit: (b: RexBlock, atEnd: boolean) => boolean,
): void {
  const B = src.bytes;
  const n = B.length;
  let state = IDLE;
  let depth = 0;
  let blk: Pending | null = null;

  const finish = (atEnd = false): boolean => {
    const b = blk!;
    blk = null;
    state = IDLE;
    if (b.error) return emit({ line: b.line, rex: null, error: b.error }, atEnd);
    return emit({ line: b.line, rex: b.layout.finish(), error: null }, atEnd);
  };

  const allAscii = n === src.text.length;
  let base = 0;
  let sbase = 0; // where the line starts in src.text
  let no = 0;
  while (base < n) {
    let end = B.indexOf(10, base);
    if (end < 0) end = n;
    no++;
    if (allAscii) {
      src.delta = 0;
    } else {
      let send = src.text.indexOf("\n", sbase);
      if (send < 0) send = src.text.length;
      src.delta = send - sbase === end - base ? sbase - base : NaN;
      sbase = send + 1;
    }
    const ref: LineRef = { no, base, wid: end - base };
    const lx = lexLine(src, base, end - base, no);
    base = end + 1;

    // Re-examine the line until it is placed (at most twice).
    while (true) {
      if (state === IDLE) {
        if (lx.cat === Cat.VOID || lx.cat === Cat.NOTE) break;
        blk = { line: no, layout: new Layout(), error: null, chain: null };
        if (lx.cat === Cat.SING) {
          addLine(src, blk, lx, ref);
          if (!finish()) return;
          break;
        }
        state = lx.cat === Cat.OPEN ? RUNE_BLOCK : TEXT_BLOCK;
        depth = lx.col;
        addLine(src, blk, lx, ref);
        break;
      }
      const b = blk!;
      if (state === RUNE_BLOCK) {
        if (lx.cat === Cat.NOTE) {
          b.chain = null;
          break;
        }
        if (lx.cat !== Cat.VOID && lx.col >= depth) {
          addLine(src, b, lx, ref);
          break;
        }
      } else if (lx.cat === Cat.TEXT && lx.col === depth) {
        addLine(src, b, lx, ref);
        break;
      }
      if (!finish()) return;
    }
  }
  if (blk) finish(true);
}

/** Adds a lexed line to the pending block (merging aligned line strings). */
function addLine(
  src: Source,
  b: Pending,
  lx: LineLex,
  ref: LineRef,
): void {
  const ch = b.chain;
  if (lx.cat === Cat.TEXT && ch !== null && ch.off === lx.col) {
    // This line's string continues the previous line's string.
    if (lx.err) {
      if (!b.error) {
        b.error = errorAt(src, ch.ref, {
          off: ch.off,
          len: ch.ref.wid - ch.off,
          reason: lx.err.reason,
        });
      }
      return;
    }
    const leaf = lx.lineLeaf!;
    ch.tail.heir = leaf;
    ch.tail = leaf;
    return;
  }
  b.chain = null;
  if (lx.err) {
    if (!b.error) b.error = errorAt(src, ref, lx.err);
    return;
  }
  if (b.error) return;
  for (const f of lx.frags) b.layout.add(f);
  if (lx.lineLeaf) b.chain = { tail: lx.lineLeaf, off: lx.lineOff, ref };
}
