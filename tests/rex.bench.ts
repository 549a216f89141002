// Rex throughput on a synthetic corpus (about 1 MB): parsing, printing and
// PLAN conversion. Run with `deno bench tests/rex.bench.ts`; the MB/s of a
// parse of the whole corpus is also printed once at start-up.

import {
  parseRex,
  planToRex,
  printRexFile,
  type Rex,
  rexToPlan,
} from "../sire/rex/mod.ts";
import { randomRex, Rng } from "../sire/rex/random.ts";

/** Sire-like definitions (names, arithmetic, strings, layout) plus random trees. */
function corpus(bytes: number): string {
  const r = new Rng(2024);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let block: string;
    switch (i % 4) {
      case 0:
        block = `= (fn${i} x y)\n| add x (mul y ${i})\n`;
        break;
      case 1:
        block = `= (loop${i} acc xs)\n@ n (len xs)\n| if (eql n 0) acc\n` +
          `| loop${i} (add acc n) (drop 1 xs)\n`;
        break;
      case 2:
        block = `!! eql {value ${i}} (show [${i} ${i + 1}].{x}:q)\n`;
        break;
      default:
        block = printRexFile([randomRex(r, { depth: 4 })]);
    }
    parts.push(block);
    size += block.length + 1;
  }
  return parts.join("\n");
}

const SRC = corpus(1_000_000);
const BYTES = new TextEncoder().encode(SRC).length;
const TREES: Rex[] = parseRex(SRC, "bench.sire");
const VALUES = TREES.map(rexToPlan);

{
  // One-off throughput report.
  const runs = 5;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) parseRex(SRC, "bench.sire");
  const secs = (performance.now() - t0) / 1000 / runs;
  console.log(
    `rex parse: ${(BYTES / 1e6 / secs).toFixed(1)} MB/s ` +
      `(${BYTES} bytes, ${TREES.length} blocks, ${(secs * 1000).toFixed(1)} ms)`,
  );
}

Deno.bench(`rex parse ${BYTES} bytes`, { group: "rex", baseline: true }, () => {
  parseRex(SRC, "bench.sire");
});

Deno.bench(`rex print ${TREES.length} blocks`, { group: "rex" }, () => {
  printRexFile(TREES);
});

Deno.bench(`rex → PLAN ${TREES.length} blocks`, { group: "rex" }, () => {
  for (const t of TREES) rexToPlan(t);
});

Deno.bench(`PLAN → rex ${TREES.length} blocks`, { group: "rex" }, () => {
  for (const v of VALUES) planToRex(v);
});
