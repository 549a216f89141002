/**
 * The library's kernel runs a count-up program (the shape of the README
 * quick-start) on a simulated machine, and its threads survive a restart.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  bindingOf,
  loadFile,
  lookupBinding,
  type SireFiles,
} from "../sire/compiler/mod.ts";
import { stdlibLoadOptions } from "../sire/lib/files.ts";
import { installJets } from "../runtime/jets/match.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import { natFromText, type Val } from "../runtime/plan/value.ts";
import { rowItems } from "../sire/compiler/tab.ts";
import { force } from "../runtime/plan/eval.ts";
import { Machine } from "./stdlib_machine.ts";

/** A counter in the style of the README program (our own text). */
const COUNTER = `#### counter <- prelude

:| prelude

= (tick n k)
| trk [{count} n]
| syscall TIME_WHEN
& now
: _ < syscall (TIME_WAIT (inc now))
| tick (inc n) k

= (main)
| runCog (tick 0)
`;

function loadMain(src: string): Val {
  const files: SireFiles = { readText: (p) => p === "/x/counter.sire" ? src : null };
  installJets({ onMismatch: "silent" });
  const m = loadFile("/x/counter.sire", stdlibLoadOptions({ files, cache: null }));
  return bindingOf(lookupBinding(m.state, natFromText("main"))!).value;
}

function counts(log: Val[]): number[] {
  return log.map((v) => Number(rowItems(force(v))?.[1] ?? -1));
}

Deno.test("stdlib kern: count-up runs and resumes after a restart", () => {
  const log: Val[] = [];
  setTraceLogger((v) => log.push(v));
  try {
    const m1 = new Machine(loadMain(COUNTER));
    m1.run(30);
    const before = counts(log);
    assert(before.length >= 5, `only ${before.length} ticks`);
    assert.deepEqual(before, before.map((_, i) => i));
    assert(m1.ticks > 0, "the pump never saved its state");
    // Restart from the cog as last saved: the count continues.
    log.length = 0;
    const m2 = new Machine(m1.cog, m1.clock);
    m2.run(12);
    const after = counts(log);
    assert(after.length >= 2);
    assert(after[0] >= before[before.length - 1], `restarted at ${after[0]}`);
    assert.deepEqual(after, after.map((_, i) => after[0] + i));
  } finally {
    setTraceLogger();
  }
});
