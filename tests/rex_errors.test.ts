// Rex syntax errors: every reason, its position and caret span, the exact
// message format, and which error is reported first.

import assert from "node:assert/strict";
import { parseRex, parseRexBlocks, RexError } from "../sire/rex/mod.ts";

/** Parses `src` expecting a RexError; returns it. */
function err(src: string, file = "e.sire"): RexError {
  try {
    parseRex(src, file);
  } catch (e) {
    assert.ok(e instanceof RexError, `not a RexError: ${e}`);
    return e;
  }
  assert.fail(`no error for ${JSON.stringify(src)}`);
}

/** Expects reason, line, column and number of carets. */
function expectErr(
  src: string,
  reason: string,
  line: number,
  col: number,
  carets: number,
) {
  const e = err(src);
  assert.equal(e.reason, reason, JSON.stringify(src));
  assert.equal(e.line, line, `line of ${JSON.stringify(src)}`);
  assert.equal(e.col, col, `col of ${JSON.stringify(src)}`);
  const last = e.message.split("\n").at(-1)!;
  assert.equal(
    last,
    "\t" + " ".repeat(col - 1) + "^".repeat(carets),
    JSON.stringify(src),
  );
}

Deno.test("rex error message format", () => {
  const e = err("good\nx = a\tb", "dir/e.sire");
  assert.equal(e.name, "RexError");
  assert.ok(e instanceof Error);
  assert.equal(e.file, "dir/e.sire");
  assert.equal(
    e.message,
    "dir/e.sire:2:6 error:\n\n    Unexpected: '\\t'\n\n\tx = a\tb\n\t     ^",
  );
});

Deno.test("rex errors: unexpected bytes", () => {
  expectErr("a\tb", "Unexpected: '\\t'", 1, 2, 1);
  expectErr("x\r\ny", "Unexpected: '\\r'", 1, 2, 1);
  expectErr("a )", "Unexpected: ')'", 1, 3, 1);
  expectErr("a ]", "Unexpected: ']'", 1, 3, 1);
  expectErr("(a ]", "Unexpected: ']'", 1, 4, 1);
  expectErr("[a )]", "Unexpected: ')'", 1, 4, 1);
  expectErr("é", "Unexpected: '\\195'", 1, 1, 1);
  expectErr("x\x7f", "Unexpected: '\\DEL'", 1, 2, 1);
  expectErr("\x01", "Unexpected: '\\SOH'", 1, 1, 1);
  expectErr("= a\n  b\x1b", "Unexpected: '\\ESC'", 2, 4, 1);
});

Deno.test("rex errors: unterminated texts", () => {
  expectErr("x {a {b}", "unterminated", 1, 3, 6);
  expectErr("{", "unterminated", 1, 1, 1);
  expectErr('x "abc', "unterminated", 1, 3, 4);
  expectErr("x }|abc", "unterminated string", 1, 3, 5);
  expectErr("}|ab", "unterminated string", 1, 1, 4);
});

Deno.test("rex errors: unterminated nesting", () => {
  expectErr("(a", "unterminated nesting", 1, 1, 2);
  expectErr("f(x", "unterminated nesting", 1, 2, 2);
  expectErr("[a", "unterminated nesting", 1, 1, 2);
  expectErr("((a)", "unterminated nesting", 1, 1, 4);
  expectErr("(a } x)", "unterminated nesting", 1, 1, 7);
  expectErr("[a (b)", "unterminated nesting", 1, 1, 6);
  expectErr("(a ; b", "unterminated nesting", 1, 1, 6);
  expectErr("(" + "(".repeat(999), "unterminated nesting", 1, 1000, 1);
});

Deno.test("rex errors: runes in brackets", () => {
  expectErr("[a + b]", "Brackets may not contain runes", 1, 4, 1);
  expectErr("[a -> b]", "Brackets may not contain runes", 1, 4, 2);
  expectErr("[a, b]", "Brackets may not contain runes", 1, 3, 1);
  expectErr("[+]", "Brackets may not contain runes", 1, 2, 1);
  // Inside parentheses inside brackets runes are fine.
  assert.doesNotThrow(() => parseRex("[(a + b)]"));
});

Deno.test("rex errors: line string followed by NUL", () => {
  expectErr("x }\0a", "}-string must start with a space", 1, 3, 3);
  // A continuation line reports at the head of its string.
  expectErr("= } a\n  }\0x", "}-string must start with a space", 1, 3, 3);
});

Deno.test("rex errors: the first error wins", () => {
  // A nest's contents are checked before the nest itself.
  expectErr("(a \t", "Unexpected: '\\t'", 1, 4, 1);
  expectErr("[a + \t]", "Unexpected: '\\t'", 1, 6, 1);
  expectErr("[a + (b]", "Unexpected: ']'", 1, 8, 1);
  expectErr("[(a", "unterminated nesting", 1, 2, 2);
  // Earlier lines and blocks first.
  expectErr("ok\n(\n)", "unterminated nesting", 2, 1, 1);
  expectErr("= a\n  (b\n  \t", "unterminated nesting", 2, 3, 2);
  expectErr("a\tb\nc\td", "Unexpected: '\\t'", 1, 2, 1);
});

Deno.test("rex errors: per block with parseRexBlocks", () => {
  const bs = parseRexBlocks("a\tb\n\n= c\n  (d\n\ne", "p");
  assert.equal(bs.length, 3);
  assert.equal(bs[0].error?.reason, "Unexpected: '\\t'");
  assert.equal(bs[1].error?.line, 4);
  assert.equal(bs[1].line, 3);
  assert.equal(bs[2].error, null);
});

Deno.test("rex: accepted oddities are not errors", () => {
  for (const src of ["(a ; b)", 'x "', "x }a", "(a\0b)", "a\0\t", "\0)", ";\t\r\xff"]) {
    assert.doesNotThrow(() => parseRex(src), JSON.stringify(src));
  }
});
