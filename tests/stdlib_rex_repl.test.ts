/**
 * The upstream-compatible Rex modules (`parse`, `rex_show`,
 * `rex_line_parser`, `rex_block_parser`) load from the embedded library
 * with every `=?=` passing; a small REPL built on them (line splitting,
 * `blockStep`, `blockToRex`, `rexShow`) prints the same blocks however its
 * input is chunked; and `rexShow` agrees with the TypeScript Rex printer
 * where their formats coincide, and reads back as the same tree elsewhere.
 *
 * @module
 */

import assert from "node:assert/strict";
import { lookupValue } from "../sire/compiler/mod.ts";
import { force } from "../runtime/plan/eval.ts";
import { apply, type Val } from "../runtime/plan/value.ts";
import { barBytes, makeBar } from "../runtime/plan/shapes.ts";
import { loadOnLibrary } from "../tools/stdlib_common.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import {
  parseRex,
  printRex,
  printWide,
  type Rex,
  rexEqual,
  rexToPlan,
} from "../sire/rex/mod.ts";
import { Rng } from "../sire/rex/random.ts";

/**
 * A REPL over chunks of text: whole lines go through blockStep; each
 * finished block is printed with rexShow and a newline (a line that cannot
 * be read prints `?` and is skipped). An empty chunk ends the input.
 */
const PROGRAM = `#### rexreplcheck <- rex_block_parser

:| prelude
:| rex_show
:| rex_line_parser
:| rex_block_parser

= (splitLines buf)
@ n (barLen buf)
^ _ NIL 0
? (cut acc from)
@ nl (barElemIndexOff 10 from buf)
| if (gte nl n) [(listToRowRev acc) (barDrop from buf)]
| cut (CONS (barSlice from (sub nl from) buf) acc) (inc nl)

=?= [[b#a b#{}] b#b] (splitLines (barCat [b#a barNewline barNewline b#b]))

= (blockCog st mLine)
@ input
    | maybeCase mLine NONE
    & bar
    # datacase (runParser line bar)
    * (FAIL _) | {bad}
    * (OKAY frags) | SOME [(idx 0 st) bar frags]
| if (eql {bad} input) [(barCat [b#{?} barNewline]) (blockCog st)]
@ [st2 blocks] (blockStep st input)
@ shown (map (b & barWeld (rexShow (blockToRex b)) barNewline) blocks)
| [(barCat shown) (blockCog st2)]

= (chunkCog cog pending chunk)
@ eof (barIsEmpty chunk)
@ [lines rest] (splitLines (barWeld pending chunk))
@ lines (if (and eof (not (barIsEmpty rest))) (rowSnoc lines rest) lines)
@ [out cog]
    ^ foldl _ [b#{} cog] lines
    & ([acc c] l)
    @ [o c2] (c (SOME l))
    | [(barWeld acc o) c2]
| ifNot eof [out (chunkCog cog rest)]
@ [last cog] (cog NONE)
| [(barWeld out last) (chunkCog cog b#{})]

= repl (chunkCog (blockCog initialBS) b#{})
`;

const ENC = new TextEncoder();
const DEC = new TextDecoder();
const bar = (s: string): Val => makeBar(ENC.encode(s));
const text = (v: Val): string => DEC.decode(barBytes(force(v))!);

setTraceLogger(() => {});
const state = (() => {
  try {
    return loadOnLibrary(PROGRAM);
  } finally {
    setTraceLogger();
  }
})();

function fn(name: string): Val {
  const v = lookupValue(state, name);
  if (v === undefined) throw new Error(`no ${name}`);
  return v;
}

const call = (name: string, ...args: Val[]): Val => force(apply(fn(name), ...args));

/** Feeds the chunks (then the empty chunk) to the REPL; its whole output. */
function runRepl(chunks: string[]): string {
  let cog = fn("repl");
  let out = "";
  for (const c of [...chunks, ""]) {
    const r = force(apply(cog, bar(c)));
    out += text(apply(fn("idx"), 0, r));
    cog = force(apply(fn("idx"), 1, r));
  }
  return out;
}

/** The text cut at random places into 1 to 6 chunks (none empty). */
function chunked(r: Rng, s: string): string[] {
  const cuts = new Set<number>();
  const n = r.int(6);
  for (let i = 0; i < n && s.length > 1; i++) cuts.add(1 + r.int(s.length - 1));
  const at = [0, ...[...cuts].sort((a, b) => a - b), s.length];
  return at.slice(1).map((e, i) => s.slice(at[i], e));
}

const INPUT = `= x 3
  | f x
    y

(a , b)
+ 1
+ 2

; a comment alone

f x y
  * {a b}
==  q r
} some text
} more
a(b)c
`;

// Upstream's layout: a closed form with no block pending is a block at
// once (so (a , b) comes out before the + block); f x y reads as | f x y;
// a shallower line (==) ends a block; line strings in an open node print
// as closed "texts"; the heir of a word (a(b)c) is not printed.
const OUTPUT = `= x 3
    | f x y
(a , b)
+ 1
+ 2
| f x y
* {a b}
== q r "some text""more"
a
`;

// Blocks that rexShow prints faithfully (one-byte open runes, no line
// strings, no heirs on words), each block alone.
const FAITHFUL = `= x 3
  | f x
    y

(a , b)

+ 1
+ 2

* [p q] (r s)
  % t {u v}
    : w

~ (x + y) -z a.b
| q
`;

Deno.test("rex repl: prints each block as it is finished", () => {
  assert.equal(runRepl([INPUT]), OUTPUT);
  assert.equal(runRepl(["(x)"]), "x\n");
  assert.equal(runRepl(["(x", "\n"]), "?\n");
  assert.equal(runRepl(["  (x", "\n", "y"]), "?\ny\n");
  assert.equal(runRepl([]), "");
});

Deno.test("rex repl: the output does not depend on how the input is chunked", () => {
  const r = new Rng(42);
  for (let i = 0; i < 40; i++) {
    assert.equal(runRepl(chunked(r, INPUT)), OUTPUT);
  }
  assert.equal(runRepl([...INPUT]), OUTPUT);
});

Deno.test("rex repl: printed blocks read back as the blocks of the input", () => {
  const input = parseRex(FAITHFUL);
  const out = runRepl([FAITHFUL]);
  const printed = out.trimEnd().split(/\n(?! )(?!\+ 2)(?!\| q)/).map((b) =>
    parseRex(b)[0]
  );
  assert.equal(printed.length, input.length, out);
  for (let i = 0; i < input.length; i++) {
    assert.ok(rexEqual(printed[i], input[i]), `block ${i}: ${printRex(input[i])}`);
  }
});

// Random trees in the closed forms both printers write alike: nests,
// brackets and infix nodes of words and simple texts, no heirs.
const RUNES = ["|", "+", "-", "=", "*", ":", "%", "~", "$$", "::", "=="];
const WORDS = ["x", "y", "f", "foo", "3", "42", "a_b"];

function leafOf(r: Rng): Rex {
  if (r.chance(0.2)) return { kind: "TEXT", text: r.pick(["a b", "", "x"]), heir: null };
  return { kind: "WORD", text: r.pick(WORDS), heir: null };
}

// (Operands of an infix node are leaves or nests with a rune other than |:
// the TypeScript printer leaves the parentheses out around the others.)
function agreeTree(r: Rng, depth: number, operand = false): Rex {
  if (depth === 0 || r.chance(0.3)) return leafOf(r);
  const n = r.int(4);
  if (!operand && n >= 2 && r.chance(0.4)) {
    const sons = Array.from({ length: n }, () => agreeTree(r, depth - 1, true));
    return { kind: "INFX", rune: r.pick(RUNES), sons, heir: null };
  }
  const sons = Array.from({ length: n }, () => agreeTree(r, depth - 1));
  const runes = operand ? [...RUNES.slice(1), ","] : [...RUNES, ","];
  return { kind: "NEST", rune: r.pick(runes), sons, heir: null };
}

/** rexShowClosed of a tree, through PLAN. */
const showClosed = (t: Rex): string => text(call("rexShowClosed", rexToPlan(t)));
const showOpen = (t: Rex): string => text(call("rexShow", rexToPlan(t)));

Deno.test("rex_show: rexShowClosed agrees with the TypeScript printer on plain nests", () => {
  const r = new Rng(7);
  for (let i = 0; i < 300; i++) {
    const t = agreeTree(r, 4);
    if (t.kind === "INFX" || t.kind === "NEST") {
      assert.equal(showClosed(t), printWide(t));
    }
  }
});

// Wider closed trees: also shut and prefix nodes and heirs on nodes, which
// rexShowClosed writes in more parentheses than needed, so the check is
// that the TypeScript parser reads its output back as the same tree.
function closedTree(r: Rng, depth: number): Rex {
  if (depth === 0 || r.chance(0.3)) return leafOf(r);
  const k = r.int(5);
  const heir = r.chance(0.25) ? closedTree(r, depth - 1) : null;
  const kid = () => closedTree(r, depth - 1);
  if (k === 0) return { kind: "PREF", rune: r.pick(RUNES), sons: [kid()], heir };
  if (k === 1) return { kind: "SHUT", rune: r.pick(RUNES), sons: [kid(), kid()], heir };
  if (k === 2) return { kind: "INFX", rune: r.pick(RUNES), sons: [kid(), kid()], heir };
  const sons = Array.from({ length: r.int(4) }, kid);
  return { kind: "NEST", rune: r.pick([...RUNES, ","]), sons, heir };
}

Deno.test("rex_show: rexShowClosed output reads back as the same tree", () => {
  const r = new Rng(11);
  for (let i = 0; i < 300; i++) {
    const t = closedTree(r, 4);
    if (t.kind === "WORD" || t.kind === "TEXT") continue;
    const s = showClosed(t);
    const back = parseRex(s);
    assert.equal(back.length, 1, s);
    assert.ok(rexEqual(back[0], t), `${s} read back as ${printWide(back[0])}`);
  }
});

// Open trees as rexShow lays them out: closed sons on the rune's line, an
// open last son four columns in, and open heirs below at the same column
// (one-byte runes, so that columns line up).
function openTree(r: Rng, depth: number): Rex {
  const sons = Array.from({ length: r.int(3) }, () => closedTree(r, 2));
  if (depth > 0 && r.chance(0.5)) sons.push(openTree(r, depth - 1));
  const heir = depth > 0 && r.chance(0.3) ? openTree(r, depth - 1) : null;
  return { kind: "OPEN", rune: r.pick(["|", "=", "+", "*", ":", "%"]), sons, heir };
}

Deno.test("rex_show: rexShow output of open trees reads back as the same tree", () => {
  const r = new Rng(5);
  for (let i = 0; i < 200; i++) {
    const t = openTree(r, 3);
    const s = showOpen(t);
    const back = parseRex(s);
    assert.equal(back.length, 1, s);
    assert.ok(rexEqual(back[0], t), `${s}\nread back as\n${printRex(back[0])}`);
  }
});

Deno.test("rex_block_parser: reads rexShow output back (closed and open trees)", () => {
  const r = new Rng(3);
  for (let i = 0; i < 100; i++) {
    const t = i % 2 ? openTree(r, 2) : closedTree(r, 3);
    const s = i % 2 ? showOpen(t) : showClosed(t);
    const lines = s.split("\n").map(bar);
    const list = lines.reduceRight((acc: Val, l) => call("CONS", l, acc), 0 as Val);
    const blocks = call("blox", list);
    assert.equal(Number(call("len", blocks)), 1, s);
    const rex = call("rexClose", call("blockToRex", call("idx", 0, blocks)));
    const want = call("rexClose", rexToPlan(t));
    assert.equal(text(call("rexShowClosed", rex)), text(call("rexShowClosed", want)), s);
  }
});
