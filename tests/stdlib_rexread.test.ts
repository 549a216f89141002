/**
 * The library's Rex reader (`rexread`: `rexCog`, `blockState`, `rexReadBar`)
 * against the TypeScript Rex parser: random trees printed in every layout
 * and the library's own sources must read as the same blocks, at the same
 * line numbers. Also checks the stream protocol of `rexCog` and that junk
 * input never crashes it.
 *
 * @module
 */

import assert from "node:assert/strict";
import { lookupValue } from "../sire/compiler/mod.ts";
import { force } from "../runtime/plan/eval.ts";
import { apply, type Val } from "../runtime/plan/value.ts";
import { makeBar } from "../runtime/plan/shapes.ts";
import { showPlan } from "../runtime/plan/text.ts";
import { rowItems } from "../sire/compiler/tab.ts";
import { parseRexBlocks } from "../sire/rex/parse.ts";
import { planToRex, rexToPlan } from "../sire/rex/plan.ts";
import { printRexFile } from "../sire/rex/print.ts";
import { randomRex, Rng } from "../sire/rex/random.ts";
import { isLeaf, nest, type Rex, rexEqual, word } from "../sire/rex/tree.ts";
import { LIB_DIR, loadOnLibrary } from "../tools/stdlib_common.ts";

const state = loadOnLibrary(`#### rexreadcheck <- prelude

:| prelude

;; A cog numbering its inputs: [[count input] (counter (inc count))].
= (counter n x) [[n x] (counter (inc n))]
`);

function fn(name: string): Val {
  const v = lookupValue(state, name);
  if (v === undefined) throw new Error(`prelude has no ${name}`);
  return v;
}

const ENC = new TextEncoder();
const SOME = (x: Val): Val => apply(fn("SOME"), x);

/** The items of a list (nested pairs ending in 0). */
function listItems(v: Val): Val[] {
  const out: Val[] = [];
  let l = force(v);
  while (typeof l !== "bigint" && typeof l !== "number") {
    const [h, t] = rowItems(l)!;
    out.push(force(h));
    l = force(t);
  }
  return out;
}

/** Feeds lines then the end of input through `rexCog cog (blockState {t})`. */
function feed(cog: Val, lines: Uint8Array[]): Val[][] {
  let c: Val = apply(fn("rexCog"), cog, apply(fn("blockState"), 0x74));
  const outs: Val[][] = [];
  for (const inp of [...lines.map((l) => SOME(makeBar(l))), 0 as Val]) {
    const r = rowItems(force(apply(c, inp)))!;
    outs.push(listItems(r[0]));
    c = r[1];
  }
  return outs;
}

/** The blocks rexCog reads from a text: [line, rex] pairs. */
function readBlocks(text: string): [number, Val][] {
  const lines = text.split("\n").map((l) => ENC.encode(l));
  const echo = apply(fn("simpleCog"), fn("id"));
  return feed(echo, lines).flat().map((pair) => {
    const [n, rex] = rowItems(pair)!;
    return [Number(force(n)), force(rex)];
  });
}

/** Asserts that rexCog and the TypeScript parser read `text` the same way. */
function assertSameBlocks(text: string, label: string): number {
  const want = parseRexBlocks(text, "t");
  const got = readBlocks(text);
  assert.equal(got.length, want.length, `${label}: block count`);
  want.forEach((w, i) => {
    assert.equal(w.error, null, `${label}: ${w.error?.message}`);
    assert.equal(got[i][0], w.line, `${label}: line of block ${i}`);
    const ours = planToRex(got[i][1]);
    assert.ok(
      rexEqual(ours, w.rex),
      `${label}: block ${i} differs\nparser: ${showPlan(rexToPlan(w.rex!))}\nrexCog: ${
        showPlan(got[i][1])
      }`,
    );
  });
  return want.length;
}

/**
 * The tree with NUL bytes removed from its texts. The reader ends a line's
 * tokens at a NUL byte, as upstream's reader does, where the parser reads
 * through it; such texts are compared separately.
 */
function withoutNul(t: Rex): Rex {
  const stack: Rex[] = [t];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.kind === "EMBD") continue;
    if (isLeaf(x)) x.text = x.text.replaceAll("\0", "");
    else stack.push(...x.sons);
    if (x.heir) stack.push(x.heir);
  }
  return t;
}

Deno.test("rexread: random trees in every layout read as the parser reads them", () => {
  const rng = new Rng(0x5eed);
  let blocks = 0;
  for (let k = 0; k < 200; k++) {
    const trees = [randomRex(rng), randomRex(rng), randomRex(rng)].map(withoutNul);
    for (const width of [20, 40, 200]) {
      blocks += assertSameBlocks(
        printRexFile(trees, { width }),
        `case ${k} width ${width}`,
      );
    }
  }
  assert.ok(blocks > 500, `only ${blocks} blocks compared`);
});

Deno.test("rexread: library sources read as the parser reads them", () => {
  let blocks = 0;
  for (const name of ["rexread", "list", "datatype", "stew", "hitch", "json", "kern"]) {
    blocks += assertSameBlocks(Deno.readTextFileSync(`${LIB_DIR}/${name}.sire`), name);
  }
  assert.ok(blocks > 400, `only ${blocks} blocks compared`);
});

Deno.test("rexread: rexCog emits each block when the next one starts or input ends", () => {
  const outs = feed(
    apply(fn("counter"), 0),
    ["= x", "  3", "", "a b", "} s", "} t", "c"].map((l) => ENC.encode(l)),
  );
  const shown = outs.map((o) => o.map((v) => showPlan(v)));
  // Nothing until the blank line ends the open block.
  assert.deepEqual(shown[0], []);
  assert.deepEqual(shown[1], []);
  assert.equal(shown[2].length, 1);
  // A line of one closed form is a block at once.
  assert.equal(shown[3].length, 1);
  // Line strings wait for the first line that does not continue them.
  assert.deepEqual(shown[4], []);
  assert.deepEqual(shown[5], []);
  assert.equal(shown[6].length, 2);
  // At the end of input the cog gets NONE (0) after the pending blocks.
  assert.equal(outs[7].length, 1);
  const counts = outs.flat().map((o) => Number(force(rowItems(o)![0])));
  assert.deepEqual(counts, [0, 1, 2, 3, 4]);
  const last = rowItems(outs[7][0])!;
  assert.equal(force(last[1]), 0);
});

Deno.test("rexread: a zero output for the end of input is dropped; reading goes on after it", () => {
  let c: Val = apply(
    fn("rexCog"),
    apply(fn("simpleCog"), fn("id")),
    apply(fn("blockState"), 0),
  );
  const step = (inp: Val): Val[] => {
    const r = rowItems(force(apply(c, inp)))!;
    c = r[1];
    return listItems(r[0]);
  };
  assert.deepEqual(step(SOME(makeBar(ENC.encode("= a")))), []);
  assert.equal(step(0).length, 1); // the block, and no 0 for NONE
  assert.equal(step(0).length, 0);
  const again = step(SOME(makeBar(ENC.encode("b"))));
  assert.equal(again.length, 1);
  assert.equal(Number(force(rowItems(again[0])![0])), 2); // line numbers go on
});

Deno.test("rexread: junk lines never crash the reader", () => {
  const rng = new Rng(77);
  const pool = [
    " ",
    "a",
    "+",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    '"',
    ";",
    "'",
    "\t",
    "\0",
    "é",
    "} ",
    "= ",
  ];
  for (let k = 0; k < 150; k++) {
    const lines: string[] = [];
    for (let i = rng.range(1, 6); i > 0; i--) {
      let s = " ".repeat(rng.int(4));
      for (let j = rng.int(14); j > 0; j--) s += rng.pick(pool);
      lines.push(s);
    }
    const blocks = readBlocks(lines.join("\n"));
    for (const [line, rex] of blocks) {
      assert.ok(line >= 1 && line <= lines.length);
      planToRex(rex); // a well-formed rex
    }
  }
});

Deno.test("rexread: stray closers, open nests and open strings follow upstream's reader", () => {
  const one = (s: string): string => showPlan(rowItems(force(readBlocksRaw(s)))![1]);
  const readBlocksRaw = (s: string): Val => {
    const blocks = feed(apply(fn("simpleCog"), fn("id")), [ENC.encode(s)]).flat();
    assert.equal(blocks.length, 1);
    return blocks[0];
  };
  const same = (a: string, b: string) => assert.equal(one(a), one(b), `${a} vs ${b}`);
  // A stray closer is a one-byte rune node with no sons.
  const stray = planToRex(rowItems(force(readBlocksRaw("a)")))![1]);
  assert.ok(rexEqual(stray, word("a", nest(")", []))));
  // A nest left open ends with the line.
  same("(a b", "(a b)");
  same("[a (b", "[a (b)]");
  // A comment inside a nest ends it.
  same("(a ;x", "(a)");
});
