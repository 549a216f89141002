/**
 * Wide (one-line) printing of closed Rex forms: words, texts, nests, infix,
 * prefix and shut forms and heir chains, exactly as the parser reads them
 * back. Iterative: safe on arbitrarily deep trees.
 *
 * A closed form may end in a line string (`b#} text`); its first link is
 * printed at the end of the line and the remaining links are returned for
 * the caller to put on the following lines, aligned under the `}`.
 *
 * @module
 */

import { RexError } from "./errors.ts";
import type { Leaf, Node, Rex } from "./tree.ts";

/** Result of printing a closed form on one line. */
export interface Wide {
  /** The text of the line. */
  text: string;
  /** Width of `text` in UTF-8 bytes. */
  w: number;
  /** Byte offset of the trailing line string's `}` in `text`, or -1. */
  tailCol: number;
  /** Further links of the trailing line string (printed below it), or null. */
  links: Leaf | null;
}

/** Printing options shared by the wide and block printers. */
export interface PrintOptions {
  /** Target line width in bytes (default 80). */
  width?: number;
  /**
   * Coerce unprintable trees the way the reference printer does (OPEN under
   * a closed form prints as NEST, a misplaced line string as a text, …)
   * instead of throwing. The output may then re-parse differently.
   */
  lossy?: boolean;
}

/** UTF-8 length of a JS string (lone surrogates count 3, like TextEncoder). */
export function byteLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const WORD_RE = /^[_a-zA-Z0-9]+$/;
const RUNE_RE = /^[$!#%&*+,\-./:<=>?@\\^`'|~]+$/;

/** True if `s` is a valid word (non-empty, word bytes only). */
export function isWordText(s: string): boolean {
  return WORD_RE.test(s);
}

/** True if `s` is a valid rune (non-empty, rune bytes only). */
export function isRuneText(s: string): boolean {
  return RUNE_RE.test(s);
}

// Delimiters for `}d…d` texts, in order of preference.
const DELIMS = ("|#$!#%&*+,-./:<=>?@\\^`'\"|~_" +
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" +
  "()[]{};}" +
  Array.from({ length: 31 }, (_, k) => String.fromCharCode(k + 1)).filter((c) =>
    c !== "\n"
  ).join("") + "\x7f").split("");

/** True if scanning `t}` from brace depth 1 first reaches depth 0 at the end. */
function curlySafe(t: string): boolean {
  let d = 1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 123) d++;
    else if (c === 125 && --d === 0) return false;
  }
  return d === 1;
}

/**
 * The literal for a TEXT leaf: `{t}` when braces balance, else `}d t d` with
 * a delimiter byte `d` absent from `t`. Null if the text cannot be written
 * (it contains a newline, or every delimiter).
 */
export function textLiteral(t: string): string | null {
  if (t.includes("\n")) return null;
  if (curlySafe(t)) return "{" + t + "}";
  if (t.length < 8 && !t.includes("_") && !t.includes(" ")) return "}_" + t + "_";
  for (const d of DELIMS) if (!t.includes(d)) return "}" + d + t + d;
  return null;
}

function fail(r: Rex, why: string): RexError {
  const p = r.pos;
  return p
    ? new RexError(`cannot print: ${why}`, p.file, p.line, p.col)
    : new RexError(`cannot print: ${why}`);
}

// Printing modes (what a task prints and in which context).
const CLUMP = 0, // a whole closed form, heir chain included
  BARE = 1, // a PREF/SHUT node without its heir
  SEG = 2, // a heir chain (no runes between the elements)
  ELEM = 3, // one element of a chain, heir ignored
  PSON = 4, // the son of a PREF
  SOP = 5, // an operand of a SHUT
  IOP = 6, // an operand of an INFX
  IBODY = 7, // the inside of an INFX (without parens)
  WRAPW = 8; // a word juxtaposed after a word: `(w)`

interface Task {
  m: number;
  t: Rex;
  tail: boolean;
  first: boolean;
  rune: string;
}

/**
 * Prints a closed form on one line.
 *
 * @param t the tree (not OPEN unless `lossy`)
 * @param tailOk whether a trailing line string is allowed (top-level clumps)
 * @param lossy coerce instead of throwing
 * @throws {RexError} if the tree has no exact one-line form
 */
export function wide(t: Rex, tailOk: boolean, lossy = false): Wide {
  const out: string[] = [];
  let tailAt = -1;
  let links: Leaf | null = null;
  const st: (Task | string)[] = [];
  const task = (m: number, r: Rex, tail = false, first = false, rune = "") => {
    st.push({ m, t: r, tail, first, rune });
  };
  task(CLUMP, t, tailOk);

  const leafText = (r: Rex, s: string): string => {
    const lit = textLiteral(s);
    if (lit === null) {
      if (!lossy) throw fail(r, "text with a newline or no free delimiter");
      return "{" + s.replaceAll("\n", " ").replaceAll("{", "(").replaceAll("}", ")") +
        "}";
    }
    return lit;
  };
  const checkRune = (n: Node) => {
    if (!lossy && !isRuneText(n.rune)) {
      throw fail(n, `invalid rune ${JSON.stringify(n.rune)}`);
    }
  };
  const nestForm = (n: Node) => {
    checkRune(n);
    const sons = n.sons;
    if (n.kind === "INFX") {
      if (sons.length < 2 && !lossy) throw fail(n, "INFX with fewer than 2 sons");
      st.push(")");
      task(IBODY, n);
      st.push("(");
      return;
    }
    const comma = n.rune === ",";
    st.push(comma ? "]" : ")");
    for (let i = sons.length - 1; i >= 0; i--) {
      task(CLUMP, sons[i]);
      if (i > 0) st.push(" ");
    }
    if (comma) st.push("[");
    else if (n.rune === "|") st.push(sons.length === 1 ? "(| " : "(");
    else st.push(sons.length > 0 ? "(" + n.rune + " " : "(" + n.rune);
  };

  while (st.length > 0) {
    const k = st.pop()!;
    if (typeof k === "string") {
      out.push(k);
      continue;
    }
    const r = k.t;
    switch (k.m) {
      case CLUMP:
        if (
          r.kind !== "EMBD" && r.heir === null && (r.kind === "PREF" || r.kind === "SHUT")
        ) {
          task(BARE, r, k.tail);
        } else {
          task(SEG, r, k.tail);
        }
        break;
      case BARE: {
        const n = r as Node;
        checkRune(n);
        if (n.kind === "PREF") {
          if (n.sons.length !== 1 && !lossy) {
            throw fail(n, "PREF without exactly one son");
          }
          if (n.sons.length > 0) task(PSON, n.sons[0], k.tail);
          st.push(n.rune);
        } else {
          if (n.sons.length < 2 && !lossy) throw fail(n, "SHUT with fewer than 2 sons");
          const last = n.sons.length - 1;
          for (let i = last; i >= 0; i--) {
            task(SOP, n.sons[i], k.tail && i === last, i === 0, n.rune);
            if (i > 0) st.push(n.rune);
          }
        }
        break;
      }
      case SEG: {
        const chain: Rex[] = [];
        let x: Rex | null = r;
        let line: Leaf | null = null;
        while (x !== null) {
          if (x.kind === "LINE" && (k.tail || !lossy)) {
            line = x;
            break;
          }
          chain.push(x);
          x = x.kind === "EMBD" ? null : x.heir;
        }
        if (line !== null) {
          if (!k.tail) throw fail(line, "line string inside a closed form");
          st.push({ m: -1, t: line, tail: true, first: false, rune: "" });
        }
        for (let i = chain.length - 1; i >= 0; i--) {
          const e = chain[i];
          const afterWord = i > 0 && chain[i - 1].kind === "WORD";
          task(e.kind === "WORD" && afterWord ? WRAPW : ELEM, e);
        }
        break;
      }
      case WRAPW:
      case ELEM: {
        switch (r.kind) {
          case "WORD":
            if (!isWordText(r.text)) {
              if (!lossy) throw fail(r, `invalid word ${JSON.stringify(r.text)}`);
              out.push(leafText(r, r.text));
            } else {
              out.push(k.m === WRAPW ? "(" + r.text + ")" : r.text);
            }
            break;
          case "TEXT":
          case "LINE":
            out.push(leafText(r, r.text));
            break;
          case "EMBD":
            if (!lossy) throw fail(r, "embedded PLAN value");
            out.push("{<embed>}");
            break;
          case "OPEN":
            if (!lossy) throw fail(r, "OPEN node inside a closed form");
            nestForm(r);
            break;
          case "NEST":
          case "INFX":
            nestForm(r);
            break;
          default:
            st.push(")");
            task(BARE, r);
            st.push("(");
        }
        break;
      }
      case PSON:
        if (r.kind === "PREF" && r.heir === null) {
          st.push(")");
          task(BARE, r);
          st.push("(");
        } else if (r.kind === "SHUT" && r.heir === null) {
          task(BARE, r, k.tail);
        } else {
          task(SEG, r, k.tail);
        }
        break;
      case SOP:
        if (
          r.kind !== "EMBD" && r.heir === null && (r.kind === "PREF" || r.kind === "SHUT")
        ) {
          if (k.first && r.kind === "SHUT" && r.rune !== k.rune) {
            task(BARE, r);
          } else {
            st.push(")");
            task(BARE, r);
            st.push("(");
          }
        } else {
          task(SEG, r, k.tail);
        }
        break;
      case IBODY: {
        const n = r as Node;
        for (let i = n.sons.length - 1; i >= 0; i--) {
          task(IOP, n.sons[i], false, i === 0, n.rune);
          if (i > 0) st.push(" " + n.rune + " ");
        }
        break;
      }
      case IOP:
        if (
          r.kind === "NEST" && r.rune === "|" && r.heir === null && r.sons.length >= 2
        ) {
          for (let i = r.sons.length - 1; i >= 0; i--) {
            task(CLUMP, r.sons[i]);
            if (i > 0) st.push(" ");
          }
        } else if (
          k.first && r.kind === "INFX" && r.heir === null && r.rune !== k.rune &&
          r.sons.length >= 2
        ) {
          checkRune(r);
          task(IBODY, r);
        } else {
          task(CLUMP, r);
        }
        break;
      default: {
        // The trailing line string of a top-level clump.
        const l = r as Leaf;
        if (l.text.includes("\n") && !lossy) throw fail(l, "line string with a newline");
        tailAt = out.length;
        out.push(l.text === "" ? "}" : "} " + l.text);
        let h = l.heir;
        while (h !== null) {
          if (h.kind !== "LINE" && !lossy) {
            throw fail(h, "line string with a non-line heir");
          }
          if (h.kind === "LINE" && h.text.includes("\n") && !lossy) {
            throw fail(h, "line string with a newline");
          }
          h = h.kind === "EMBD" ? null : h.heir;
        }
        links = l.heir as Leaf | null;
      }
    }
  }
  const text = out.join("");
  const tailCol = tailAt < 0 ? -1 : byteLen(out.slice(0, tailAt).join(""));
  return { text, w: byteLen(text), tailCol, links };
}
