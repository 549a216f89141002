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

/** A worker loop in the style of the pump demos (our own text). */
const RECORDER = `#### recorder <- prelude

:| prelude

= (loop k)
: now < syscall TIME_WHEN
: seen < syscall | DB_READ 0
: count < tag_syscall | DB_WRITE now
| trk [count seen]
: _ < syscall | TIME_WAIT (inc now)
| loop k

= (record input k)
: st < state
: _ < alter (flip rowSnoc input)
| k (inc len-st)

= (boot k)
: _ < work (EXEC loop) record
| k 0

(readState st key query)=st

main=(runCog [] readState boot)
`;

function loadMain(src: string): Val {
  const name = /^#### (\w+)/.exec(src)![1];
  const path = `/x/${name}.sire`;
  const files: SireFiles = { readText: (p) => p === path ? src : null };
  installJets({ onMismatch: "silent" });
  const m = loadFile(path, stdlibLoadOptions({ files, cache: null }));
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

Deno.test("stdlib kern: a cog with a worker, a handler, reads and tagged writes", () => {
  const log: Val[] = [];
  setTraceLogger((v) => log.push(v));
  try {
    const m = new Machine(loadMain(RECORDER));
    m.run(40);
    const seen = log.map((v) => rowItems(force(v))!.map((x) => force(x)));
    assert(seen.length >= 4, `only ${seen.length} rounds`);
    seen.forEach(([count, state], i) => {
      assert.equal(count, i + 1);
      assert.equal(rowItems(force(state))!.length, i);
    });
  } finally {
    setTraceLogger();
  }
});
