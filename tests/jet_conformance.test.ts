// Jet conformance: every native jet against its legal definition on random
// inputs from one shared case table (tests/jet_cases.ts). For each run the
// jet's pin is called natively and legally on fresh copies of the same
// arguments; the input thunks forced on the way to weak head normal form and
// the normal form of the result (or the crash) must be the same.

import assert from "node:assert/strict";
import { showPlan } from "../runtime/plan/text.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import { NATIVE_JETS } from "../runtime/jets/natives.ts";
import {
  CASES,
  Gen,
  type JetCase,
  jettedPin,
  legalPin,
  type Outcome,
  outcome,
  PURE,
} from "./jet_cases.ts";

setTraceLogger(() => {});

const BUDGET = 400_000;
const PURE_BUDGET = 50_000;
const DEFAULT_RUNS = 120;

/** Runs one case; returns [compared, skipped] counts. */
function runCase(c: JetCase): [number, number] {
  const runs = c.runs ?? DEFAULT_RUNS;
  const native = jettedPin(c.jet);
  const legals = c.oracle ? [] : [legalPin(c.jet)];
  if (!c.oracle && c.pure === true) legals.push(legalPin(c.jet, PURE));
  let compared = 0, skipped = 0;
  for (let seed = 0; seed < runs; seed++) {
    const show = () =>
      new Gen(seed).thunks && c.args(new Gen(seed)).map((v) => showPlan(v)).join(" ");
    const g0 = new Gen(seed);
    const got = outcome(native, c.args(g0), g0.thunks, BUDGET);
    if (c.oracle) {
      const g1 = new Gen(seed);
      const args = c.args(g1);
      let want: Outcome;
      try {
        want = outcome(c.oracle(args), [], [], BUDGET);
      } catch (e) {
        want = outcome(0, [], [], BUDGET);
        want.result = "oracle threw " + String(e);
      }
      const g2 = new Gen(seed);
      const again = outcome(native, c.args(g2), [], BUDGET);
      if (want.result.startsWith("oracle threw")) {
        skipped++;
        continue;
      }
      assert.equal(again.result, want.result, `${c.jet} seed ${seed}: ${show()}`);
      compared++;
      continue;
    }
    for (const legal of legals) {
      const g1 = new Gen(seed);
      const want = outcome(
        legal,
        c.args(g1),
        g1.thunks,
        legal === legals[0] ? BUDGET : PURE_BUDGET,
      );
      if (want.result === "budget") {
        skipped++;
        continue;
      }
      assert.deepEqual(got, want, `${c.jet} seed ${seed}: (${c.jet} ${show()})`);
      compared++;
    }
  }
  return [compared, skipped];
}

let total = 0;
for (const c of CASES.filter((c) => !c.libraryOnly)) {
  Deno.test(`jet ${c.jet} agrees with its legal code`, () => {
    const [compared, skipped] = runCase(c);
    total += compared;
    const runs = c.runs ?? DEFAULT_RUNS;
    assert.ok(
      compared >= runs * 0.6,
      `${c.jet}: only ${compared} runs compared, ${skipped} over budget`,
    );
  });
}

/** Jets checked against vectors in jet_edges.test.ts instead (no legal code here). */
const BY_VECTORS = [
  "_PlanHash",
  "_PinHash",
  "_Blake3",
  "_SaveSeed",
  "_LoadSeed",
  "_SaveGerm",
  "_LoadGerm",
];

Deno.test("every native jet has a conformance case", () => {
  const covered = new Set(CASES.map((c) => c.jet));
  const missing = [...NATIVE_JETS.keys()].filter((n) =>
    !covered.has(n) && !BY_VECTORS.includes(n)
  );
  assert.deepEqual(missing, []);
});

Deno.test("conformance compared many runs", () => {
  assert.ok(total > 10_000, `only ${total} comparisons`);
});
