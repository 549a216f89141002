/**
 * The Rex lexer: turns one source line (a byte string) into its top-level
 * clumps ("frags"), its layout category and its first error.
 *
 * Tokens, clumps and nests are handled in a single left-to-right pass with an
 * explicit stack of open nests, so arbitrarily deep nesting never recurses.
 * A nest is converted to a Rex tree (see `policy.ts`) as soon as it closes,
 * and a clump as soon as it ends.
 *
 * Errors are detected in the same pass, in the reference order (a nest's
 * contents before the nest itself); lexing stops at the first one.
 *
 * @module
 */

import { brackRex, clumpRex, parenRex, type Part } from "./policy.ts";
import type { Leaf, Pos, Rex } from "./tree.ts";

/** Byte class: 1 = word byte, 2 = rune byte, 0 = anything else. */
const CLASS = new Uint8Array(256);
for (const c of "_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") {
  CLASS[c.charCodeAt(0)] = 1;
}
for (const c of "$!#%&*+,-./:<=>?@\\^`'|~") CLASS[c.charCodeAt(0)] = 2;

/** True if byte `b` is a word byte (`_`, letters, digits). */
export function isWordByte(b: number): boolean {
  return CLASS[b] === 1;
}

/** True if byte `b` is one of the 24 rune bytes. */
export function isRuneByte(b: number): boolean {
  return CLASS[b] === 2;
}

/** Layout category of a line, decided by its first non-space token. */
export const enum Cat {
  /** Only spaces (or nothing before a NUL). */
  VOID = 0,
  /** Starts with a comment. */
  NOTE = 1,
  /** Starts with a line string. */
  TEXT = 2,
  /** Starts with a free rune. */
  OPEN = 3,
  /** Starts with anything else. */
  SING = 4,
}

/** A top-level clump of a line, with its layout position (0-based column). */
export interface Frag extends Part {
  /** Layout position: a free rune's last byte, else the clump's first byte. */
  col: number;
}

/** A syntax error found in a line: byte span and reason. */
export interface LineError {
  /** 0-based byte offset. */
  off: number;
  /** Span length in bytes. */
  len: number;
  /** The reason text. */
  reason: string;
}

/** The result of lexing one line. */
export interface LineLex {
  /** The line's category. */
  cat: Cat;
  /** Column of the category (see {@linkcode Cat}); 0 for VOID/NOTE. */
  col: number;
  /** Top-level clumps in order (empty after an error). */
  frags: Frag[];
  /** The first error, if any (lexing stopped there). */
  err: LineError | null;
  /** The line string ending the line at top level, if any (a chain head). */
  lineLeaf: Leaf | null;
  /** Byte offset of `lineLeaf`'s `}`. */
  lineOff: number;
}

/** The source being lexed: its bytes, and its text for fast slicing. */
export interface Source {
  /** File name used in positions and errors. */
  file: string;
  /** The UTF-8 bytes of the whole input. */
  bytes: Uint8Array;
  /** The input as a JS string. */
  text: string;
  /**
   * When the current line is pure ASCII, the offset to add to a byte index
   * to get the same character's index in `text`; NaN otherwise.
   */
  delta: number;
}

const DECODER = new TextDecoder();

/** Decodes bytes `[a, b)` of the source (empty if `b <= a`). */
export function sliceText(src: Source, a: number, b: number): string {
  if (b <= a) return "";
  const d = src.delta;
  if (d === d) return src.text.slice(a + d, b + d);
  return DECODER.decode(src.bytes.subarray(a, b));
}

const CHAR_NAMES = [
  "NUL",
  "SOH",
  "STX",
  "ETX",
  "EOT",
  "ENQ",
  "ACK",
  "a",
  "b",
  "t",
  "n",
  "v",
  "f",
  "r",
  "SO",
  "SI",
  "DLE",
  "DC1",
  "DC2",
  "DC3",
  "DC4",
  "NAK",
  "SYN",
  "ETB",
  "CAN",
  "EM",
  "SUB",
  "ESC",
  "FS",
  "GS",
  "RS",
  "US",
];

/** Shows a byte as a character literal, the way the reference does. */
export function showByte(b: number): string {
  if (b < 32) return `'\\${CHAR_NAMES[b]}'`;
  if (b === 127) return "'\\DEL'";
  if (b > 127) return `'\\${b}'`;
  if (b === 39) return "'\\''";
  if (b === 92) return "'\\\\'";
  return `'${String.fromCharCode(b)}'`;
}

/** An open nest during lexing (the line itself is the bottom frame). */
interface Frame {
  /** 40 for `(`, 91 for `[`, 0 for the line. */
  open: number;
  /** The closing byte (41, 93), or -1 for the line. */
  closer: number;
  /** Offset of the opening byte. */
  start: number;
  /** Finished clumps. */
  frags: Frag[];
  /** Elements of the clump being built. */
  clump: Part[];
  /** End offset of the last non-space token (-1 if none). */
  lastEnd: number;
  /** The first free rune (for the bracket check). */
  firstRune: Frag | null;
}

function frame(open: number, closer: number, start: number): Frame {
  return { open, closer, start, frags: [], clump: [], lastEnd: -1, firstRune: null };
}

/**
 * Lexes the line occupying bytes `[base, base + wid)` of `src` (line number
 * `lineNo`, 1-based).
 */
export function lexLine(src: Source, base: number, wid: number, lineNo: number): LineLex {
  const B = src.bytes;
  const file = src.file;
  const out: LineLex = {
    cat: Cat.VOID,
    col: 0,
    frags: [],
    err: null,
    lineLeaf: null,
    lineOff: 0,
  };
  let catSet = false;
  const stack: Frame[] = [frame(0, -1, 0)];
  let f = stack[0];
  let i = 0;

  const pos = (off: number): Pos => ({ file, line: lineNo, col: off + 1 });
  const fail = (off: number, len: number, reason: string): LineLex => {
    out.err = { off, len, reason };
    out.frags = [];
    out.lineLeaf = null;
    return out;
  };
  const sing = (off: number) => {
    if (!catSet && stack.length === 1) {
      catSet = true;
      out.cat = Cat.SING;
      out.col = off;
    }
  };
  const flush = (fr: Frame) => {
    const c = fr.clump;
    if (c.length === 0) return;
    const [rex, tail] = clumpRex(c);
    fr.frags.push({ rune: null, rex, tail, pos: c[0].pos, col: c[0].pos!.col - 1 });
    fr.clump = [];
  };
  /** Adds a leaf token (which carries its position) to the current clump. */
  const addLeaf = (leaf: Leaf, end: number) => {
    f.clump.push({ rune: null, rex: leaf, tail: leaf, pos: leaf.pos });
    f.lastEnd = end;
  };

  while (true) {
    const c = i < wid ? B[base + i] : 0;
    if (c === 0) {
      // End of line, or a NUL: the current nest (or the line) ends here.
      if (!catSet && stack.length === 1) {
        catSet = true;
        out.cat = Cat.VOID;
      }
      flush(f);
      if (stack.length === 1) break;
      const closer = f.closer;
      const last = wid > 0 ? B[base + wid - 1] : -1;
      if (last !== closer || f.lastEnd === wid) {
        return fail(f.start, wid - f.start, "unterminated nesting");
      }
      const r = closeNest(f, wid);
      if (r) return fail(r.off, r.len, r.reason);
      i = wid;
      continue;
    }
    switch (CLASS[c]) {
      case 1: {
        sing(i);
        let j = i + 1;
        while (j < wid && CLASS[B[base + j]] === 1) j++;
        const w: Leaf = {
          kind: "WORD",
          text: sliceText(src, base + i, base + j),
          heir: null,
        };
        w.pos = pos(i);
        addLeaf(w, j);
        i = j;
        continue;
      }
      case 2: {
        let j = i + 1;
        while (j < wid && CLASS[B[base + j]] === 2) j++;
        const next = j < wid ? B[base + j] : 0;
        const rune = sliceText(src, base + i, base + j);
        if (next === 32 || next === 59 || next === 0 || next === f.closer) {
          // A free rune: a clump of its own.
          if (!catSet && stack.length === 1) {
            catSet = true;
            out.cat = Cat.OPEN;
            out.col = j - 1;
          }
          flush(f);
          const fr: Frag = { rune, rex: EMPTY, tail: EMPTY, pos: pos(i), col: j - 1 };
          f.frags.push(fr);
          if (f.firstRune === null) f.firstRune = fr;
        } else {
          sing(i);
          f.clump.push({ rune, rex: EMPTY, tail: EMPTY, pos: pos(i) });
        }
        f.lastEnd = j;
        i = j;
        continue;
      }
    }
    switch (c) {
      case 32: {
        flush(f);
        i++;
        while (i < wid && B[base + i] === 32) i++;
        continue;
      }
      case 59: { // ;  a comment runs to the end of the line
        if (!catSet && stack.length === 1) {
          catSet = true;
          out.cat = Cat.NOTE;
        }
        flush(f);
        i = wid;
        continue;
      }
      case 40: // (
      case 91: { // [
        sing(i);
        f = frame(c, c === 40 ? 41 : 93, i);
        stack.push(f);
        i++;
        continue;
      }
      case 34: { // "…"
        sing(i);
        let j = i + 1;
        while (j < wid && B[base + j] !== 34) j++;
        const end = j < wid ? j + 1 : wid;
        if (j >= wid && i !== wid - 1) return fail(i, end - i, "unterminated");
        const t: Leaf = {
          kind: "TEXT",
          text: sliceText(src, base + i + 1, base + end - 1),
          heir: null,
        };
        t.pos = pos(i);
        addLeaf(t, end);
        i = end;
        continue;
      }
      case 123: { // {…} with nesting braces
        sing(i);
        let d = 1;
        let j = i + 1;
        while (j < wid) {
          const b = B[base + j];
          j++;
          if (b === 123) d++;
          else if (b === 125 && --d === 0) break;
        }
        if (d !== 0) return fail(i, wid - i, "unterminated");
        const t: Leaf = {
          kind: "TEXT",
          text: sliceText(src, base + i + 1, base + j - 1),
          heir: null,
        };
        t.pos = pos(i);
        addLeaf(t, j);
        i = j;
        continue;
      }
      case 125: { // }  line string, or "ugly" delimited text
        const d = i + 1 < wid ? B[base + i + 1] : 0;
        if (d === 0 || d === 32) {
          if (!catSet && stack.length === 1) {
            catSet = true;
            out.cat = Cat.TEXT;
            out.col = i;
          }
          if (i + 1 < wid && d === 0) {
            return fail(i, wid - i, "}-string must start with a space");
          }
          const l: Leaf = {
            kind: "LINE",
            text: sliceText(src, base + i + 2, base + wid),
            heir: null,
          };
          l.pos = pos(i);
          addLeaf(l, wid);
          if (stack.length === 1) {
            out.lineLeaf = l;
            out.lineOff = i;
          }
          i = wid;
          continue;
        }
        sing(i);
        let j = i + 2;
        while (j < wid && B[base + j] !== d) j++;
        const end = j < wid ? j + 1 : wid;
        if (j >= wid && wid - 1 !== i + 1) return fail(i, end - i, "unterminated string");
        const t: Leaf = {
          kind: "TEXT",
          text: sliceText(src, base + i + 2, base + end - 1),
          heir: null,
        };
        t.pos = pos(i);
        addLeaf(t, end);
        i = end;
        continue;
      }
    }
    if (c === f.closer) {
      flush(f);
      const r = closeNest(f, i + 1);
      if (r) return fail(r.off, r.len, r.reason);
      i++;
      continue;
    }
    sing(i);
    return fail(i, 1, "Unexpected: " + showByte(c));
  }

  out.frags = f.frags;
  return out;

  /** Pops nest `fr` ending at `end`, converts it, adds it to its parent. */
  function closeNest(fr: Frame, end: number): LineError | null {
    if (fr.open === 91 && fr.firstRune !== null) {
      const p = fr.firstRune;
      const off = p.pos!.col - 1;
      return { off, len: p.col - off + 1, reason: "Brackets may not contain runes" };
    }
    const p = pos(fr.start);
    const [rex, tail] = fr.open === 40 ? parenRex(fr.frags, p) : brackRex(fr.frags, p);
    stack.pop();
    f = stack[stack.length - 1];
    f.clump.push({ rune: null, rex, tail, pos: p });
    f.lastEnd = end;
    return null;
  }
}

const EMPTY: Rex = { kind: "WORD", text: "", heir: null };
