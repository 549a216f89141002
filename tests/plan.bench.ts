// Unjetted PLAN workloads for `deno bench`: arithmetic written as PLAN laws
// over opcodes 2 and 3, a PLAN Fibonacci, and a law with a deep let-rec.
//
// Every benchmark adds the evaluator's step delta and its own elapsed time to
// a tally; when the run ends the tally is printed as reductions per second.

import { force, stats } from "../runtime/plan/eval.ts";
import { readPlan } from "../runtime/plan/text.ts";
import { apply, type Val } from "../runtime/plan/value.ts";
import { law, lib } from "./naive_plan.ts";

const add = force(readPlan(lib.ADD));
const mul = force(readPlan(lib.MUL));
const fib = force(readPlan(lib.FIB));

// A law whose 5,000 lets form a chain of forward references:
// l0 = (3 l1), l1 = (3 l2), …, the last one = x; (chain x) = x + 4999.
const LETS = 5_000;
const chain = force(readPlan(law(
  "chain",
  ["x"],
  "l0",
  Array.from(
    { length: LETS },
    (_, j) => [`l${j}`, j + 1 < LETS ? [3, `l${j + 1}`] : "x"],
  ),
)));

// A ring of 1,000 mutually recursive cells (C k next), walked 20,000 steps.
const RING = 1_000;
const WALK = 20_000;
const walkS = law("walkS", ["w", "xs", "j"], ["w", "j", ["tl", "xs"]], [], {
  tl: lib.TL,
});
const walk = "<" +
  law("walk", ["k", "xs"], [2, ["hd", "xs"], ["walkS", "walk", "xs"], "k"], [], {
    hd: lib.HD,
    walkS,
  }) + ">";
const ring = force(readPlan(law(
  "ring",
  ["n"],
  ["walk", "n", "c0"],
  Array.from({ length: RING }, (_, j) => [`c${j}`, ["C", j, `c${(j + 1) % RING}`]]),
  { C: lib.C, walk },
)));

interface Work {
  name: string;
  make: () => Val;
  expect: Val;
  steps: number;
  ms: number;
  runs: number;
}

const works: Work[] = [
  {
    name: "add 0 100000 (PLAN law, opcodes 2/3)",
    make: () => apply(add, 0, 100_000),
    expect: 100_000,
  },
  {
    name: "mul 300 300 (PLAN law over add)",
    make: () => apply(mul, 300, 300),
    expect: 90_000,
  },
  { name: "fib 20 (PLAN law over add)", make: () => apply(fib, 20), expect: 6765 },
  { name: `let-rec chain of ${LETS} lets`, make: () => apply(chain, 1), expect: LETS },
  {
    name: `let-rec ring of ${RING} cells, walked ${WALK}`,
    make: () => apply(ring, WALK),
    expect: WALK % RING,
  },
].map((w) => ({ ...w, steps: 0, ms: 0, runs: 0 }));

for (const w of works) {
  const got = force(w.make());
  if (got !== w.expect) {
    throw new Error(`${w.name}: got ${String(got)}, want ${w.expect}`);
  }
  Deno.bench(w.name, () => {
    const s0 = stats.steps;
    const t0 = performance.now();
    force(w.make());
    w.ms += performance.now() - t0;
    w.steps += stats.steps - s0;
    w.runs++;
  });
}

globalThis.addEventListener("unload", () => {
  for (const w of works) {
    if (w.runs === 0) continue;
    const perRun = Math.round(w.steps / w.runs);
    const rate = w.steps / (w.ms / 1000);
    console.log(
      `${w.name}: ${perRun} reductions/run, ${(rate / 1e6).toFixed(2)} M reductions/s`,
    );
  }
});
