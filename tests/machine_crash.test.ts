/**
 * Crash consistency: 50 times, start the counter machine and kill it with
 * SIGKILL at a random instant (during start-up, replay, ticking or a
 * snapshot). No tick is ever lost or duplicated — tick k's input is always
 * the count k-1 the pump read — no output is ever seen before its tick is
 * durable, every run resumes at the next tick, and the final state (from
 * the newest snapshot or from boot) equals an uninterrupted run fed the
 * same inputs, pin hash for pin hash.
 */

import assert from "node:assert/strict";
import { MachineStore } from "../runtime/store/store.ts";
import { replay } from "../runtime/machine/replay.ts";
import { stateNoun } from "../runtime/machine/cog.ts";
import { evaluateNow } from "../runtime/machine/evaluate.ts";
import { inputRow, tickExpr, tickResult } from "../runtime/machine/tick.ts";
import type { CogState } from "../runtime/machine/cog.ts";
import { planHash } from "../runtime/plan/hash.ts";
import { equal } from "../runtime/plan/compare.ts";
import type { Val } from "../runtime/plan/value.ts";
import { counterCog, counterOf } from "./machine_cogs.ts";
import { counterFixture, Pallas, pallas } from "./machine_proc.ts";

const ROUNDS = 50;

/** A small seeded generator, so a failure can be rerun. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function lastTick(dir: string): number {
  const s = MachineStore.open(dir);
  try {
    return s.lastTick;
  } finally {
    s.close();
  }
}

function hashOf(s: CogState): string {
  return planHash(stateNoun(s)).join(",");
}

Deno.test("crash: 50 × (start, SIGKILL at a random instant) loses and repeats nothing", async () => {
  const seed = Number(Deno.env.get("PALLAS_CRASH_SEED") ?? Date.now() % 100000);
  const random = rng(seed);
  const { seed: file, dir } = counterFixture();
  assert.equal((await pallas(["boot", dir, file])).code, 0);

  let committed = 0;
  let printedRuns = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const args = ["start", dir];
    if (round % 3 === 1) args.push("--snapshot-interval", "0.005");
    const run = new Pallas(args);
    await new Promise((r) => setTimeout(r, 50 + Math.floor(random() * 650)));
    run.kill("SIGKILL");
    const st = await run.status();
    const where = `seed ${seed}, round ${round}`;
    assert.equal(st.signal, "SIGKILL", `${where}: exited early: ${run.lines.join("\n")}`);
    const printed = run.ticks();
    if (Deno.env.get("PALLAS_CRASH_DEBUG")) {
      console.log(
        round,
        args.join(" "),
        "printed",
        printed[0],
        printed.at(-1),
        "store",
        lastTick(dir),
      );
      console.log(run.lines.filter((l) => !l.startsWith("++ [%trk")).join("\n"));
    }
    if (printed.length > 0) {
      printedRuns++;
      assert.equal(
        printed[0],
        committed + 1,
        `${where}: did not resume at the next tick`,
      );
      printed.forEach((k, i) => assert.equal(k, committed + 1 + i, `${where}: skipped`));
    }
    const now = lastTick(dir);
    assert.ok(now >= committed, `${where}: committed ticks were lost`);
    const seen = printed.length > 0 ? printed[printed.length - 1] : 0;
    assert.ok(seen <= now, `${where}: tick ${seen} was seen but only ${now} committed`);
    committed = now;
  }
  assert.ok(printedRuns >= ROUNDS / 4, `seed ${seed}: too few rounds got to tick`);

  // The final state, three ways.
  const store = MachineStore.open(dir);
  const latest = replay(store);
  const all = replay(store, { from: "earliest" });
  store.close();
  assert.equal(latest.tick, committed);
  assert.equal(hashOf(latest.state), hashOf(all.state));

  const c = counterOf(latest.state.cog);
  assert.equal(c.n, committed);
  c.inputs.forEach((x, k) =>
    assert.ok(equal(x, inputRow([{ worker: 0, cmd: k }])), `tick ${k + 1}`)
  );

  let state: CogState = { kind: "spinning", cog: counterCog() };
  for (let k = 0; k < committed; k++) {
    const cog: Val = state.cog;
    const inputs = inputRow([{ worker: 0, cmd: k }]);
    state = tickResult(cog, inputs, evaluateNow(tickExpr(cog, inputs))).state;
  }
  assert.equal(hashOf(state), hashOf(latest.state), "differs from an uninterrupted run");
});
