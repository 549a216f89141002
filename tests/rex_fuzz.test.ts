// Fuzzing the parser: 100,000 random and mutated inputs. The parser must
// only ever throw RexError (parseRex) or nothing at all (parseRexBlocks),
// and whatever parses must print and parse back to the identical trees.

import assert from "node:assert/strict";
import {
  parseRex,
  parseRexBlocks,
  printRexFile,
  type Rex,
  rexEqual,
  RexError,
} from "../sire/rex/mod.ts";
import { Rng } from "../sire/rex/random.ts";

// Hand-written Rex in the style of Sire sources, to mutate.
const SEEDS = [
  "= (twice f x)\n| f (f x)\n",
  "= (sum xs)\n@ go\n  ? (go acc ys)\n  | if (null ys) acc\n  | go (add acc (hd ys)) (tl ys)\n| go 0 xs\n",
  "#### example <- base\n\n:| base\n",
  "!! eql 3 (len [1 2 3])\n!! eql {text} }_text_\n",
  "= msg\n} first line\n} second line;\n}\n} last\n",
  "(f a + g b)(c)\n",
  "x=(-1) y.z:w $m.n ~[a b] -f(x)\n",
  "^ foldr _ 0 xs\n& (x acc)\n(add x acc)\n",
  "* a } one\n    } two\n  b\n",
  "=?= (a * b / c) [p,q r] (| x) (* y z) ()\n",
  '| "quoted {" }|ugly}| {curly {nested}}\n',
  "+ p\n    * q\n  * r\n  s\n; comment\n",
];

const ALPHABET = [
  ..."abcxyz019_",
  ..."$!#%&*+,-./:<=>?@\\^`'|~",
  ...'()[]{}"; ',
  "  ",
  "\n",
  "\n  ",
  "}",
  "} ",
  "\t",
  "\r",
  "\0",
  "é",
  "😀",
  "\x7f",
  ")))",
  "(((",
];

function randomInput(r: Rng): string {
  let s = "";
  const n = r.int(60);
  for (let i = 0; i < n; i++) s += r.pick(ALPHABET);
  return s;
}

function mutate(r: Rng, src: string): string {
  let s = src;
  const edits = r.range(1, 4);
  for (let e = 0; e < edits; e++) {
    const at = r.int(s.length + 1);
    switch (r.int(5)) {
      case 0: // delete a span
        s = s.slice(0, at) + s.slice(at + r.range(1, 4));
        break;
      case 1: // insert a token
        s = s.slice(0, at) + r.pick(ALPHABET) + s.slice(at);
        break;
      case 2: // replace a character
        s = s.slice(0, at) + r.pick(ALPHABET) + s.slice(at + 1);
        break;
      case 3: { // duplicate a span
        const len = r.range(1, 10);
        s = s.slice(0, at + len) + s.slice(at, at + len) + s.slice(at + len);
        break;
      }
      default: { // swap two lines
        const ls = s.split("\n");
        const i = r.int(ls.length), j = r.int(ls.length);
        [ls[i], ls[j]] = [ls[j], ls[i]];
        s = ls.join("\n");
      }
    }
  }
  return s;
}

function checkInput(src: string, stats: { ok: number; err: number }): void {
  let trees: Rex[];
  try {
    trees = parseRex(src, "fuzz");
  } catch (e) {
    if (!(e instanceof RexError)) {
      assert.fail(`non-RexError ${e} on ${JSON.stringify(src)}`);
    }
    assert.ok(e.line >= 1 && e.col >= 1, JSON.stringify(src));
    stats.err++;
    return;
  }
  stats.ok++;
  const blocks = parseRexBlocks(src, "fuzz");
  assert.equal(blocks.length, trees.length);
  const printed = printRexFile(trees);
  const back = parseRex(printed);
  assert.equal(back.length, trees.length, JSON.stringify(src));
  trees.forEach((t, i) => {
    assert.ok(
      rexEqual(back[i], t),
      `round trip of ${JSON.stringify(src)} via ${JSON.stringify(printed)}`,
    );
  });
}

Deno.test("rex fuzz: 100,000 random and mutated inputs", () => {
  const r = new Rng(0xfeed);
  const stats = { ok: 0, err: 0 };
  let slowest = 0;
  for (let i = 0; i < 100_000; i++) {
    const src = i % 2 === 0 ? randomInput(r) : mutate(r, r.pick(SEEDS));
    const t0 = performance.now();
    checkInput(src, stats);
    slowest = Math.max(slowest, performance.now() - t0);
  }
  // Both outcomes are well represented, and nothing is pathologically slow.
  assert.ok(stats.ok > 10_000, `only ${stats.ok} inputs parsed`);
  assert.ok(stats.err > 10_000, `only ${stats.err} inputs failed`);
  assert.ok(slowest < 5_000, `slowest input took ${slowest} ms`);
});

Deno.test("rex fuzz: parseRexBlocks never throws, even on garbage bytes", () => {
  const r = new Rng(42);
  for (let i = 0; i < 2_000; i++) {
    const n = r.int(200);
    let s = "";
    for (let k = 0; k < n; k++) s += String.fromCharCode(r.int(256));
    const bs = parseRexBlocks(s, "bytes");
    for (const b of bs) assert.ok(b.rex !== null || b.error instanceof RexError);
  }
  // Lone surrogates and other odd JS strings.
  for (const s of ["\ud800", "a\udc00b", "(\ud83d", "{\ud800}", "} \udfff"]) {
    assert.doesNotThrow(() => parseRexBlocks(s));
  }
});

Deno.test("rex fuzz: the generators make the kind of input they claim", () => {
  // A sanity check that the fuzz test can fail: seeds parse, mutants vary.
  for (const s of SEEDS) assert.doesNotThrow(() => parseRex(s), s);
  const r = new Rng(1);
  const outs = new Set(Array.from({ length: 100 }, () => mutate(r, SEEDS[0])));
  assert.ok(outs.size > 50);
});
