// Cross-check: the native jets against the laws of our own Sire standard
// library (sire/lib) that carry jet names, on the conformance case table's
// inputs. The jets follow upstream's legal code, so a mismatch here means
// the library law and upstream's disagree (or a jet is wrong); the test
// lists every jet with mismatches and an example. Each case runs SEEDS
// random inputs (JET_SEEDS=n overrides it, for a deeper run by hand).

import assert from "node:assert/strict";
import { showPlan } from "../runtime/plan/text.ts";
import { Pin } from "../runtime/plan/value.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import { lawPinsByName, loadLibrary } from "../tools/stdlib_common.ts";
import { CASES, Gen, jettedPin, nativeOf, outcome } from "./jet_cases.ts";

/** The library's pins of laws, by law name (first binding wins). */
function libraryLaws(): Map<string, Pin> {
  return lawPinsByName(loadLibrary({ skipAsserts: true }).state);
}

/** Random inputs per case. */
const SEEDS = Number(Deno.env.get("JET_SEEDS") ?? 150);

Deno.test({
  name: "jets agree with the standard library's laws of the same name",
  fn() {
    setTraceLogger(() => {});
    const laws = libraryLaws();
    const report: string[] = [];
    let compared = 0, jets = 0;
    for (const c of CASES) {
      const theirs = laws.get(c.jet);
      if (theirs === undefined || c.oracle || theirs.arity !== nativeOf(c.jet).arity) {
        continue;
      }
      const legal = new Pin(theirs.item);
      jets++;
      let first = "", bad = 0;
      for (let seed = 0; seed < SEEDS; seed++) {
        const g0 = new Gen(seed), g1 = new Gen(seed);
        const got = outcome(jettedPin(c.jet), c.args(g0), g0.thunks, 400_000);
        const want = outcome(legal, c.args(g1), g1.thunks, 400_000);
        if (want.result === "budget") continue;
        compared++;
        if (got.result === want.result && got.forced === want.forced) continue;
        if (bad++ === 0) {
          const args = c.args(new Gen(seed)).map((v) => showPlan(v)).join(" ");
          first = `(${c.jet} ${args}): jet ${JSON.stringify(got)}, library ${
            JSON.stringify(want)
          }`;
        }
      }
      if (bad > 0) report.push(`${c.jet}: ${bad} mismatches, e.g. ${first}`);
    }
    console.log(`${jets} jets, ${compared} comparisons`);
    assert.ok(jets > 150 && compared > 1000);
    assert.deepEqual(report, []);
  },
});
