// Rex printer: exact wide forms, block layout, the cases the reference
// printer gets wrong, rejection of unprintable trees, lossy mode, width,
// and very deep trees.

import assert from "node:assert/strict";
import {
  embd,
  infx,
  line,
  nest,
  open,
  parseRex,
  pref,
  printRex,
  printRexFile,
  printWide,
  type Rex,
  rexEqual,
  RexError,
  showRex,
  shut,
  text,
  word,
} from "../sire/rex/mod.ts";

const w = (s: string, h: Rex | null = null) => word(s, h);

/** Prints `t`, checks the exact output, and that it parses back to `t`. */
function printsAs(t: Rex, want: string): void {
  const got = printRex(t);
  assert.equal(got, want, showRex(t));
  const back = parseRex(got);
  assert.equal(back.length, 1);
  assert.ok(rexEqual(back[0], t), `reparsed as ${showRex(back[0])}`);
}

/** Checks only that `t` prints and parses back to itself. */
function roundTrips(t: Rex): string {
  const got = printRex(t);
  const back = parseRex(got);
  assert.equal(back.length, 1, got);
  assert.ok(
    rexEqual(back[0], t),
    `${showRex(t)}\nprinted:\n${got}\nreparsed ${showRex(back[0])}`,
  );
  return got;
}

Deno.test("rex print: leaves", () => {
  printsAs(w("x"), "x\n");
  printsAs(text("a b"), "{a b}\n");
  printsAs(text(""), "{}\n");
  printsAs(text("{x}"), "{{x}}\n");
  // Unbalanced braces: short texts use `_`, others the first free byte.
  printsAs(text("a}"), "}_a}_\n");
  printsAs(text("}{"), "}_}{_\n");
  printsAs(text("x} y"), "}|x} y|\n");
  printsAs(text("a_}"), "}|a_}|\n");
  printsAs(text("|#$!%&*+,-./:<=>?@\\^`'\"~_{"), "}a|#$!%&*+,-./:<=>?@\\^`'\"~_{a\n");
  printsAs(text("日本 }"), "}|日本 }|\n");
  printsAs(line("hello ; there  "), "} hello ; there  \n");
  printsAs(line(""), "}\n");
  printsAs(line("a", line("", line("c"))), "} a\n}\n} c\n");
});

Deno.test("rex print: nests, infix, prefix, shut", () => {
  const p = (t: Rex) => printWide(t);
  assert.equal(p(nest("|", [])), "()");
  assert.equal(p(nest("|", [w("a")])), "(| a)");
  assert.equal(p(nest("|", [w("f"), w("a")])), "(f a)");
  assert.equal(p(nest(",", [w("a"), w("b")])), "[a b]");
  assert.equal(p(nest(",", [])), "[]");
  assert.equal(p(nest("*", [])), "(*)");
  assert.equal(p(nest("*", [w("a"), w("b")])), "(* a b)");
  assert.equal(p(infx("+", [w("a"), w("b"), w("c")])), "(a + b + c)");
  assert.equal(p(infx("/", [infx("*", [w("a"), w("b")]), w("c")])), "(a * b / c)");
  assert.equal(p(infx("+", [infx("+", [w("a"), w("b")]), w("c")])), "((a + b) + c)");
  assert.equal(p(infx("+", [w("a"), infx("*", [w("b"), w("c")])])), "(a + (b * c))");
  assert.equal(
    p(infx("+", [nest("|", [w("f"), w("a")]), nest("|", [w("g"), w("b")])])),
    "(f a + g b)",
  );
  assert.equal(p(infx("+", [w("a"), nest("|", [])])), "(a + ())");
  assert.equal(p(shut(".", [w("a"), w("b")])), "a.b");
  assert.equal(p(shut(":", [shut(".", [w("m"), w("n")]), w("k")])), "m.n:k");
  assert.equal(p(shut(".", [shut(".", [w("a"), w("b")]), w("c")])), "(a.b).c");
  assert.equal(p(shut(".", [w("a"), shut(".", [w("b"), w("c")])])), "a.(b.c)");
  assert.equal(p(shut(".", [pref("-", w("a")), w("b")])), "(-a).b");
  assert.equal(p(shut("-", [w("a"), pref("-", w("b"))])), "a-(-b)");
  assert.equal(p(pref("-", w("x"))), "-x");
  assert.equal(p(pref("$", shut(".", [w("m"), w("n")]))), "$m.n");
  assert.equal(p(pref("-", pref("+", w("x")))), "-(+x)");
  assert.equal(p(pref("-", w("f", w("x")))), "-f(x)");
  assert.equal(p(pref("~", nest(",", [w("a")]))), "~[a]");
});

Deno.test("rex print: heirs", () => {
  const p = (t: Rex) => printWide(t);
  assert.equal(p(w("f", w("x", w("y")))), "f(x)(y)");
  assert.equal(p(text("s", w("x"))), "{s}x");
  assert.equal(p(w("x", text("s"))), "x{s}");
  assert.equal(p(nest("|", [w("f"), w("a")], w("b"))), "(f a)b");
  assert.equal(p(pref("-", w("a"), w("b"))), "(-a)b");
  assert.equal(p(w("b", pref("-", w("a")))), "b(-a)");
  // Cases the reference printer gets wrong.
  assert.equal(
    p(shut("=", [w("a"), w("1")], shut("=", [w("b"), w("2")]))),
    "(a=1)(b=2)",
  );
  assert.equal(p(w("3", w("4"))), "3(4)");
  assert.equal(
    p(infx("+", [nest("|", [w("f"), w("a")], w("x")), w("b")])),
    "((f a)x + b)",
  );
  for (
    const t of [
      shut("=", [w("a"), w("1")], shut("=", [w("b"), w("2")])),
      w("3", w("4")),
      infx("+", [nest("|", [w("f"), w("a")], w("x")), w("b")]),
      nest("|", [w("a"), w("b")], nest("|", [w("c")])),
    ]
  ) roundTrips(t);
});

Deno.test("rex print: line strings at the end of closed forms", () => {
  const t = open("|", [shut("#", [w("b"), line("one", line("two"))]), w("c")]);
  printsAs(t, "| b#} one\n    } two\n  c\n");
  printsAs(w("x", line("a")), "x} a\n");
  printsAs(pref("-", line("")), "-}\n");
  printsAs(
    open("=", [w("k"), line("l1", line("l2"))], w("h")),
    "= k } l1\n    } l2\nh\n",
  );
});

Deno.test("rex print: block layout", () => {
  printsAs(open("=", [w("x"), w("3")]), "= x 3\n");
  printsAs(open("|", [w("x"), open("=", [w("y")])]), "| x = y\n");
  printsAs(open("####", [w("m"), open("<-", [w("n")])]), "#### m <- n\n");
  printsAs(open("|", [w("f")], open("|", [w("g")])), "| f\n| g\n");
  printsAs(open("->", [w("x")], w("y")), "-> x\n y\n");
  // Runes are right-aligned: the heir's longer rune pushes the block right.
  printsAs(open("=", [w("a")], open("####", [w("b")])), "   = a\n#### b\n");
  // Open siblings form a staircase; closed sons after them go at +2.
  printsAs(
    open("+", [w("p"), open("*", [w("q")]), open("*", [w("r")]), w("s")]),
    "+ p     * q\n    * r\n  s\n",
  );
  printsAs(open("|", [line("a"), line("b")]), "|       } a\n    } b\n");
  // A line string never lands under another one in the same column.
  roundTrips(open("|", [w("xy", line("a")), line("b")]));
  roundTrips(open("|", [w("x", line("a")), line("b")]));
});

Deno.test("rex print: long forms go tall, within the width when possible", () => {
  const long = (i: number) => w("argument_number_" + i);
  const t = open("=", [w("f"), ...Array.from({ length: 10 }, (_, i) => long(i))]);
  const out = roundTrips(t);
  const lines = out.trimEnd().split("\n");
  assert.ok(lines.length > 1);
  for (const l of lines) assert.ok(l.length <= 80, l);
  const t2 = open("|", [
    w("if"),
    open("|", Array.from({ length: 12 }, (_, i) => long(i))),
  ]);
  for (const l of roundTrips(t2).trimEnd().split("\n")) assert.ok(l.length <= 80, l);
  const narrow = printRex(open("=", [w("aaaa"), w("bbbb"), w("cccc")]), { width: 10 });
  assert.equal(narrow, "= aaaa\n  bbbb\n  cccc\n");
});

Deno.test("rex print: widths and columns count UTF-8 bytes", () => {
  roundTrips(open("|", [text("日本語"), w("x", line("é")), line("ü")]));
  roundTrips(open("|", [text("😀😀"), open("=", [w("a")]), text("é")], line("z")));
});

Deno.test("rex print: unprintable trees are rejected with RexError", () => {
  const bad: Rex[] = [
    embd(3),
    nest("|", [open("=", [w("a")])]),
    w(""),
    w("a-b"),
    text("two\nlines"),
    line("two\nlines"),
    nest("|", [line("x")]),
    line("a", w("b")),
    { kind: "PREF", rune: "-", sons: [w("a"), w("b")], heir: null },
    shut(".", [w("a")]),
    infx("+", [w("a")]),
    nest("ab", [w("a")]),
    w("x", line("a", line("b"))), // a closed block cannot continue
  ];
  for (const t of bad) {
    assert.throws(() => printRex(t), RexError, showRex(t));
    assert.doesNotThrow(() => printRex(t, { lossy: true }), showRex(t));
  }
  assert.equal(
    printRex(nest("|", [open("=", [w("a")])]), { lossy: true }),
    "(| (= a))\n",
  );
});

Deno.test("rex print: a file of blocks is separated by blank lines", () => {
  const ts = [open("=", [w("a")]), w("b"), line("c")];
  assert.equal(printRexFile(ts), "= a\n\nb\n\n} c\n");
  const back = parseRex(printRexFile(ts));
  assert.equal(back.length, 3);
  ts.forEach((t, i) => assert.ok(rexEqual(t, back[i])));
});

Deno.test("rex print: depth 1,000,000 (iterative)", () => {
  const n = 1_000_000;
  let p: Rex = w("x");
  for (let i = 0; i < n; i++) p = pref("-", p);
  const s = printRex(p);
  assert.equal(s.length, 3 * n);
  assert.ok(s.startsWith("-(-(-(") && s.endsWith("))))\n") && s.includes("(-x))"));
  let q: Rex = w("a");
  for (let i = 0; i < n; i++) q = nest("|", [q, w("b")]);
  assert.equal(printRex(q).length, 4 * n + 2);
  let h: Rex | null = null;
  for (let i = 0; i < n; i++) h = open("|", [w("x")], h);
  assert.equal(printRex(h!).length, 4 * n);
  let c: Rex | null = null;
  for (let i = 0; i < n; i++) c = w("w", c);
  assert.equal(printRex(c!).length, 3 * n - 1);
});

Deno.test("rex print: deep trees print and parse back (100,000)", () => {
  const n = 100_000;
  let s: Rex = w("a");
  for (let i = 0; i < n; i++) s = shut(i % 2 ? "." : ":", [w("b"), s]);
  roundTrips(s);
  let o: Rex = w("z");
  for (let i = 0; i < n; i++) o = open(i % 3 ? "|" : "=", [o]);
  roundTrips(o);
  let t: Rex = w("a");
  for (let i = 0; i < n; i++) t = infx("+", [w("b"), t], null);
  roundTrips(t);
});
