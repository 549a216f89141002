// Rex parser: one example per rule of the spec (docs: shared/spec/rex.md),
// checked against the tree notation, plus positions, blocks and a
// print→parse round trip of every example.

import assert from "node:assert/strict";
import {
  parseFirstRexBlock,
  parseRex,
  parseRexBlocks,
  printRex,
  printRexFile,
  type Rex,
  rexEqual,
  showRex,
} from "../sire/rex/mod.ts";
import { randomRex, Rng } from "../sire/rex/random.ts";

/** Asserts the parse of `src`, and that printing each block parses back. */
function check(src: string, want: string): void {
  const trees = parseRex(src, "t.rex");
  assert.equal(trees.map(showRex).join(" ;; "), want, `parse of ${JSON.stringify(src)}`);
  for (const t of trees) roundTrip(t);
}

function roundTrip(t: Rex): void {
  const printed = printRex(t);
  const back = parseRex(printed);
  assert.equal(back.length, 1, `printed as several blocks:\n${printed}`);
  assert.ok(
    rexEqual(back[0], t),
    `round trip changed the tree\n${showRex(t)}\nprinted:\n${printed}\nreparsed: ${
      showRex(back[0])
    }`,
  );
}

type Case = [src: string, want: string];

function table(name: string, cases: Case[]): void {
  Deno.test(name, () => {
    for (const [src, want] of cases) check(src, want);
  });
}

table("rex lexing: words, runes and the three kinds of text", [
  ["zebra", "zebra"],
  ["0x1F", "0x1F"],
  ["_9a", "_9a"],
  ["x=?=y", "SHUT'=?='[x y]"],
  ["{p {q {r}} s}", 'T"p {q {r}} s"'],
  ['{a"b;c\td}', 'T"a"b;c\td"'],
  ['"no {escape} here"', 'T"no {escape} here"'],
  ['"a;b"', 'T"a;b"'],
  ["}!x y!", 'T"x y"'],
  ["}#}#", 'T"}"'],
  ["}}q}", 'T"q"'],
  ["}a{{a", 'T"{{"'],
  ["{日本 é}", 'T"日本 é"'],
  ["{}", 'T""'],
  ['""', 'T""'],
  ["}__", 'T""'],
]);

table("rex lexing: line strings", [
  ["} hello ; world  ", 'L"hello ; world  "'],
  ["}", 'L""'],
  ["} ", 'L""'],
  ["}  two spaces", 'L" two spaces"'],
  ["} {unbalanced", 'L"{unbalanced"'],
  ["} a\n} b\n}\n} c", 'L"a" ~ L"b" ~ L"" ~ L"c"'],
]);

table("rex lexing: quirks of the reference lexer", [
  // A `"` or `}c` at the very end of a line is an empty text.
  ['p "', "OPEN'|'[p T\"\"]"],
  ["p }q", "OPEN'|'[p T\"\"]"],
  // A comment inside a nest swallows the closer, but the line ends in it.
  ["(f ; x)", "f"],
  ["[f ; y]", "NEST','[f]"],
  // NUL outside a string ends the line; inside a string it is kept.
  ["a b\0 c d", "OPEN'|'[a b]"],
  ["{a\0b}", 'T"a\0b"'],
  ["(a\0junk)", "a"],
]);

table("rex clumps: free runes and glued runes", [
  ["p+ q", "OPEN'|'[p OPEN'+'[q]]"],
  ["p +q", "OPEN'|'[p PREF'+'[q]]"],
  ["p + q", "OPEN'|'[p OPEN'+'[q]]"],
  ["(p +)", "INFX'+'[p NEST'|'[]]"],
  ["(p+)", "INFX'+'[p NEST'|'[]]"],
  ["(p+q)", "SHUT'+'[p q]"],
  ["p ;+ q", "p"],
]);

table("rex tight forms: shut, prefix and juxtaposition", [
  ["a.b.c", "SHUT'.'[a b c]"],
  ["a.b:c.d", "SHUT'.'[SHUT':'[SHUT'.'[a b] c] d]"],
  ["a:b:c.d.e", "SHUT'.'[SHUT':'[a b c] d e]"],
  ["-a.b", "PREF'-'[SHUT'.'[a b]]"],
  ["@x(y)z", "PREF'@'[(x ~ y ~ z)]"],
  ["f(g(h))", "f ~ g ~ h"],
  ["(f(g))h", "f ~ g ~ h"],
  ["f(g)(h)", "f ~ g ~ h"],
  ["{t}(u)", 'T"t" ~ u'],
  ["[x y]z", "NEST','[x y] ~ z"],
  ["a-b=c", "SHUT'='[SHUT'-'[a b] c]"],
  ["(p.q)(r)", "SHUT'.'[p q] ~ r"],
  ["(p.q)(r.s)", "SHUT'.'[p q] ~ SHUT'.'[r s]"],
  ["k=(-1)", "SHUT'='[k PREF'-'[1]]"],
  ["k=-1", "SHUT'=-'[k 1]"],
  ["x.} tail", "SHUT'.'[x L\"tail\"]"],
  ["w} t", 'w ~ L"t"'],
  ["-} t", "PREF'-'[L\"t\"]"],
  ["f{a}{b}", 'f ~ T"a" ~ T"b"'],
  ["a.(b c).d", "SHUT'.'[a NEST'|'[b c] d]"],
  ["~[a b]", "PREF'~'[NEST','[a b]]"],
  ["$$x", "PREF'$$'[x]"],
  ["x.f(y).z", "SHUT'.'[x (f ~ y) z]"],
]);

table("rex parentheses: prefix, infix and grouping", [
  ["(p q r)", "NEST'|'[p q r]"],
  ["(|)", "NEST'|'[]"],
  ["()", "NEST'|'[]"],
  ["(p)", "p"],
  ["((p))", "p"],
  ["(% p)", "NEST'%'[p]"],
  ["(%)", "NEST'%'[]"],
  ["(% p q % r s)", "NEST'%'[p q NEST'%'[r s]]"],
  ["(% p ^ q)", "NEST'%'[p NEST'^'[q]]"],
  ["(% ^ % q)", "NEST'%'[NEST'^'[NEST'%'[q]]]"],
  ["(p % q r % s)", "INFX'%'[p NEST'|'[q r] s]"],
  ["(p % q ^ r % s)", "INFX'%'[INFX'^'[INFX'%'[p q] r] s]"],
  ["(p %)", "INFX'%'[p NEST'|'[]]"],
  ["(p q %)", "INFX'%'[NEST'|'[p q] NEST'|'[]]"],
  ["(p % ^ q)", "INFX'%'[p NEST'^'[q]]"],
  ["(p % % q)", "INFX'%'[p NEST'%'[q]]"],
  ["(p % q % r %)", "INFX'%'[p q r NEST'|'[]]"],
  ["(p)(q)", "p ~ q"],
  ["(, a b)", "NEST','[a b]"],
  ["(a | b)", "INFX'|'[a b]"],
  ["(-a b)", "NEST'|'[PREF'-'[a] b]"],
]);

table("rex brackets", [
  ["[]", "NEST','[]"],
  ["[p [q] (r)]", "NEST','[p NEST','[q] r]"],
  ["[p,q]", "NEST','[SHUT','[p q]]"],
  ["[+p -q]", "NEST','[PREF'+'[p] PREF'-'[q]]"],
  ["[[[]]]", "NEST','[NEST','[NEST','[]]]"],
]);

table("rex layout: open runes, sons and heirs", [
  ["= x 3", "OPEN'='[x 3]"],
  ["=", "OPEN'='[]"],
  ["= (f x)\n  | add x x", "OPEN'='[NEST'|'[f x] OPEN'|'[add x x]]"],
  [": x <- foo\n: y <- bar", "OPEN':'[x OPEN'<-'[foo]] ~ OPEN':'[y OPEN'<-'[bar]]"],
  ["= a + b * c", "OPEN'='[a OPEN'+'[b OPEN'*'[c]]]"],
  ["= f\n    + a\n  + b", "OPEN'='[f OPEN'+'[a] OPEN'+'[b]]"],
  ["= f\n  + a\n  + b", "OPEN'='[f (OPEN'+'[a] ~ OPEN'+'[b])]"],
  ["= f\n  + a\n  b", "OPEN'='[f (OPEN'+'[a] ~ b)]"],
  ["#### a\n   = b", "OPEN'####'[a] ~ OPEN'='[b]"],
  ["   = a\n#### b", "OPEN'='[a] ~ OPEN'####'[b]"],
  ["    = a\n#### b", "OPEN'='[a] ;; OPEN'####'[b]"],
  ["= a\n b\n  c", "OPEN'='[a b c]"],
  ["=\n  a", "OPEN'='[a]"],
  // Several closed lines in the rune's column: all but the last are demoted.
  ["| a\nb\nc\nd", "OPEN'|'[a b c] ~ d"],
  ["| a\n| b\nc", "OPEN'|'[a] ~ OPEN'|'[b] ~ c"],
  // Closed forms before the first free rune of a line are separate trees.
  ["a b = c d", "OPEN'|'[a b OPEN'='[c d]]"],
  ["a = b = c", "OPEN'|'[a OPEN'='[b OPEN'='[c]]]"],
  ["+ a } s\n    } t\n  b", 'OPEN\'+\'[a (L"s" ~ L"t") b]'],
  ["+ a } s\n     } t", 'OPEN\'+\'[a L"s" L"t"]'],
  ["+ } s\n; c\n  } t", 'OPEN\'+\'[L"s" L"t"]'],
  ["+ a#} s\n    } t", "OPEN'+'[SHUT'#'[a (L\"s\" ~ L\"t\")]]"],
  ["+ x\n  ; comment\n  y", "OPEN'+'[x y]"],
  ["    + x\n; comment at column 0\n      y", "OPEN'+'[x y]"],
]);

table("rex block splitting", [
  // A line starting with a closed form is a block by itself.
  ["f x\n  y", "OPEN'|'[f x] ;; y"],
  // A blank line always ends a block.
  ["= a\n\n  b", "OPEN'='[a] ;; b"],
  ["= a\n   \n  b", "OPEN'='[a] ;; b"],
  // A line left of the first rune's last byte ends the block.
  ["  = a\n b", "OPEN'='[a] ;; b"],
  ["=?= a\n b", "OPEN'=?='[a] ;; b"],
  ["=?= a\n  b", "OPEN'=?='[a] ~ b"],
  // Text blocks continue only with line strings in the same column.
  ["} a\n} b\n  } c", 'L"a" ~ L"b" ;; L"c"'],
  ["} a\n= b", "L\"a\" ;; OPEN'='[b]"],
  ["  } a\n} b", 'L"a" ;; L"b"'],
  // Comments and blank lines between blocks are skipped.
  ["; one\n\na\n; two\nb", "a ;; b"],
  ["", ""],
  ["\n\n", ""],
  ["a\n", "a"],
]);

Deno.test("rex parseRexBlocks: line numbers and per-block errors", () => {
  const src = "; head\n= a\n  b\n\nc d\n(oops\n} s\n} t\n";
  const bs = parseRexBlocks(src, "f.sire");
  assert.deepEqual(bs.map((b) => b.line), [2, 5, 6, 7]);
  assert.equal(showRex(bs[0].rex!), "OPEN'='[a b]");
  assert.equal(showRex(bs[1].rex!), "OPEN'|'[c d]");
  assert.equal(bs[2].rex, null);
  assert.equal(bs[2].error!.reason, "unterminated nesting");
  assert.equal(showRex(bs[3].rex!), 'L"s" ~ L"t"');
});

Deno.test("rex positions: file, line and byte column of every node", () => {
  const [t] = parseRex("; c\n= x (f y)\n  {é}.{ü} -z", "m.sire");
  assert.ok(t.kind === "OPEN");
  assert.deepEqual(t.pos, { file: "m.sire", line: 2, col: 1 });
  const [x, nest, shut, pref] = t.sons;
  assert.deepEqual(x.pos, { file: "m.sire", line: 2, col: 3 });
  assert.deepEqual(nest.pos, { file: "m.sire", line: 2, col: 5 });
  assert.ok(nest.kind === "NEST");
  assert.deepEqual(nest.sons[0].pos, { file: "m.sire", line: 2, col: 6 });
  assert.deepEqual(shut.pos, { file: "m.sire", line: 3, col: 3 });
  assert.ok(shut.kind === "SHUT");
  // `é` is two bytes: columns count bytes.
  assert.deepEqual(shut.sons[1].pos, { file: "m.sire", line: 3, col: 8 });
  assert.deepEqual(pref.pos, { file: "m.sire", line: 3, col: 13 });
  assert.equal(showRex(t), "OPEN'='[x NEST'|'[f y] SHUT'.'[T\"é\" T\"ü\"] PREF'-'[z]]");
});

Deno.test("rex positions: shut, prefix, infix, text and heir", () => {
  const [t] = parseRex("  = a.b -c (p + q) {t}(u)", "x");
  assert.ok(t.kind === "OPEN");
  assert.deepEqual(t.pos?.col, 3);
  const [shut, pref, infx, txt] = t.sons;
  assert.equal(shut.pos?.col, 5);
  assert.ok(shut.kind === "SHUT");
  assert.equal(shut.sons[1].pos?.col, 7);
  assert.equal(pref.pos?.col, 9);
  assert.equal(infx.pos?.col, 12);
  assert.equal(txt.pos?.col, 20);
  assert.ok(txt.kind === "TEXT");
  assert.equal(txt.heir?.pos?.col, 24);
});

Deno.test("rex: a whole multi-block file prints and parses back", () => {
  const src = [
    "= (fib n)",
    "  | if (lth n 2) n",
    "  | add (fib (dec n)) (fib (sub n 2))",
    "",
    "} a text",
    "} block",
    "",
    "f x",
    "",
    "#### m <- n",
  ].join("\n");
  const trees = parseRex(src);
  assert.equal(trees.length, 4);
  const again = parseRex(printRexFile(trees));
  assert.equal(again.length, 4);
  trees.forEach((t, i) => assert.ok(rexEqual(t, again[i])));
});

Deno.test("rex: deep nesting on one line parses without recursion", () => {
  const n = 100_000;
  const [t] = parseRex("(".repeat(n) + "a b" + ")".repeat(n));
  assert.equal(showRex(t), "NEST'|'[a b]");
  const [u] = parseRex("x.(".repeat(n) + "y" + ")".repeat(n));
  let depth = 0;
  for (let r: Rex = u; r.kind === "SHUT"; r = r.sons[1]) depth++;
  assert.equal(depth, n);
  const [v] = parseRex("f(".repeat(n) + "x" + ")".repeat(n));
  let len = 0;
  for (let r: Rex | null = v; r !== null; r = r.kind === "EMBD" ? null : r.heir) len++;
  assert.equal(len, n + 1);
});

Deno.test("rex: long heir chains across lines", () => {
  const n = 20_000;
  const src = Array.from({ length: n }, (_, i) => `| x${i}`).join("\n");
  const [t] = parseRex(src);
  let len = 0;
  for (let r: Rex | null = t; r !== null; r = r.kind === "EMBD" ? null : r.heir) len++;
  assert.equal(len, n);
  roundTrip(t);
});

Deno.test("rex: the first block alone is the first of all blocks, however long", () => {
  const rng = new Rng(41);
  const cases: string[] = [
    "",
    "\n\n",
    "; only a comment\n",
    "= a\n" + "  b\n".repeat(3000) + "\nc\n", // a first block past the 4 KB prefix
    "x".repeat(5000) + "\ny\n", // a first line past it, with no break before
    ";\n".repeat(2047) + "= a\n  b\n", // the block starts right at the prefix's end
    "} line\n".repeat(1500) + "z\n", // line strings, ended far away
    "(a b\n" + "c\n".repeat(3000), // an error in the first block
  ];
  for (let i = 0; i < 60; i++) {
    const trees = [randomRex(rng, { depth: 5, width: 8 }), randomRex(rng)];
    cases.push(";".repeat(rng.int(4200)) + "\n" + printRexFile(trees, { width: 30 }));
  }
  for (const text of cases) {
    const all = parseRexBlocks(text, "t");
    const first = parseFirstRexBlock(text, "t");
    if (all.length === 0) {
      assert.equal(first, null);
      continue;
    }
    assert.ok(first !== null);
    assert.equal(first.line, all[0].line);
    assert.equal(first.error?.message, all[0].error?.message);
    if (all[0].rex) assert.ok(rexEqual(first.rex, all[0].rex));
  }
});
