/**
 * A compact, unambiguous one-line notation for Rex trees, for tests and
 * debugging (the notation of the Rex spec):
 *
 * - `foo` is a word (`W"…"` when its text is empty or not a plain word),
 *   `T"…"` a text, `L"…"` a line string, `EMBD` an embedded value;
 * - `SHAPE'r'[a b …]` is a node with rune `r`;
 * - `X ~ Y` means Y is X's heir (right-associative); in son lists an element
 *   carrying a heir is parenthesised: `[a (b ~ c) d]`.
 *
 * Iterative: safe on arbitrarily deep trees.
 *
 * @module
 */

import type { Rex } from "./tree.ts";

const PLAIN_WORD = /^[_a-zA-Z0-9]+$/;

/** Renders a tree in the spec's tree notation (positions are not shown). */
export function showRex(root: Rex): string {
  const out: string[] = [];
  // A task is a literal string or a tree to render (with its heir chain).
  const todo: (string | Rex)[] = [root];
  while (todo.length > 0) {
    const t = todo.pop()!;
    if (typeof t === "string") {
      out.push(t);
      continue;
    }
    const after: (string | Rex)[] = [];
    switch (t.kind) {
      case "EMBD":
        out.push("EMBD");
        continue;
      case "WORD":
        out.push(PLAIN_WORD.test(t.text) ? t.text : `W"${t.text}"`);
        break;
      case "TEXT":
        out.push(`T"${t.text}"`);
        break;
      case "LINE":
        out.push(`L"${t.text}"`);
        break;
      default: {
        out.push(`${t.kind}'${t.rune}'[`);
        t.sons.forEach((s, i) => {
          if (i > 0) after.push(" ");
          if (s.kind !== "EMBD" && s.heir) after.push("(", s, ")");
          else after.push(s);
        });
        after.push("]");
      }
    }
    if (t.heir) after.push(" ~ ", t.heir);
    for (let k = after.length - 1; k >= 0; k--) todo.push(after[k]);
  }
  return out.join("");
}
