/**
 * EVAL workers (`[0 f args]`, spec §1.9) on the Web Worker pool: a cog
 * starts N pure jobs; each result reaches the cog as an input `[w r]`
 * (`[value]`, `[op arg]` for a crash, `[]` past the budget) and is
 * therefore logged, so replaying the log reaches the same state hash
 * without evaluating any job again. Two workers run jobs at the same time;
 * the wall-clock speed-up over one worker is printed, not asserted.
 */

import assert from "node:assert/strict";
import { bootStore } from "../runtime/machine/boot.ts";
import { Machine } from "../runtime/machine/machine.ts";
import { EvalPool } from "../runtime/machine/eval_worker_pool.ts";
import { prepareProcess } from "../runtime/machine/host.ts";
import { loadSireMain } from "../runtime/machine/load_cog.ts";
import { stateNoun } from "../runtime/machine/cog.ts";
import { MachineStore } from "../runtime/store/store.ts";
import { hashToBase58, planHash } from "../runtime/plan/hash.ts";
import { rowItems } from "../runtime/plan/shapes.ts";
import { deref, natFromText, type Val } from "../runtime/plan/value.ts";

const JOBS = 6;

/**
 * The cog keeps every input `[w r]` in arrival order and clears worker w,
 * so it finishes once every job has reported. Jobs: naive fib (pure work),
 * one crash, one that never ends.
 */
const COG = `#### evaljobs <- prelude

:| prelude

= (fib n) (if (lth n 2) n (add (fib (dec n)) (fib (sub n 2))))

= (jobsCog st rd ws inputs)
@ st (foldl (acc inp & rowSnoc acc inp) st inputs)
@ ws (foldl (w inp & put w (idx 0 inp) 0) ws inputs)
| [(jobsCog st rd ws) []]

(jobsRead st k q)=st

= (spin n) (spin (inc n))

= fibJobs (gen ${JOBS} (i & EVAL fib [22]))

main=(jobsCog [] jobsRead (weld [(EVAL spin [0]) (EVAL die [%oops])] fibJobs))
`;

async function cog(): Promise<Val> {
  const tmp = Deno.makeTempDirSync({ prefix: "pallas-eval-" });
  Deno.writeTextFileSync(`${tmp}/evaljobs.sire`, COG);
  return await loadSireMain(`${tmp}/evaljobs.sire`);
}

/** Starts every worker of `pool` (module loading is not part of the timing). */
async function warm(pool: EvalPool): Promise<void> {
  const jobs = Array.from({ length: pool.size }, () => pool.run(natFromText("ok"), []));
  await Promise.all(jobs.map((j) => j.result));
  pool.maxConcurrent = 0;
}

/** Runs a fresh machine on `pool` until the cog finishes; returns its hash and time. */
async function runJobs(
  main: Val,
  pool: EvalPool,
): Promise<{ dir: string; hash: string; ms: number; state: Val }> {
  const dir = Deno.makeTempDirSync({ prefix: "pallas-evalm-" });
  bootStore(dir, main).close();
  const store = MachineStore.open(dir);
  const t0 = performance.now();
  const m = await Machine.start(store, { evalPool: pool, log: () => {} });
  for (
    let i = 0;
    i < 6000 && (m.state.kind !== "finished" || m.committed < m.tick);
    i++
  ) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - t0;
  const st = m.state;
  await m.stop();
  store.close();
  assert.equal(st.kind, "finished");
  return { dir, hash: hashToBase58(planHash(stateNoun(st))), ms, state: st.cog };
}

Deno.test("eval: jobs run in parallel, results are logged inputs, replay gives the same hash", async () => {
  await prepareProcess(() => {});
  const main = await cog();
  const budgetMs = 2000;

  const pool2 = new EvalPool({ size: 2, budgetMs });
  await warm(pool2);
  const par = await runJobs(main, pool2);
  pool2.close();
  assert.equal(pool2.maxConcurrent, 2, "two jobs ran at the same time");

  // What the cog received: one input per job, with the expected shapes.
  const cogVal = deref(par.state) as { args: Val[] };
  const db = rowItems(deref(cogVal.args[0]))!;
  assert.equal(db.length, JOBS + 2);
  const byWorker = new Map<number, Val[]>();
  for (const inp of db) {
    const [w, r] = rowItems(deref(inp))!;
    byWorker.set(w as number, rowItems(deref(r))!);
  }
  assert.deepEqual(byWorker.get(0), [], "a runaway answers [] past its budget");
  assert.equal(byWorker.get(1)!.length, 2, "a crash answers [op arg]");
  assert.equal(byWorker.get(1)![1], natFromText("oops"));
  for (let i = 2; i < JOBS + 2; i++) assert.deepEqual(byWorker.get(i), [17711]);

  // Replay from the boot snapshot: no job runs again, the hash is the same.
  const replayPool = new EvalPool({ size: 1, budgetMs });
  const store = MachineStore.open(par.dir);
  const m = await Machine.start(store, {
    evalPool: replayPool,
    from: "earliest",
    log: () => {},
  });
  const replayed = m.state;
  await m.stop();
  store.close();
  replayPool.close();
  assert.equal(replayPool.maxConcurrent, 0, "replay evaluated no job");
  assert.equal(hashToBase58(planHash(stateNoun(replayed))), par.hash);

  // Serial, for comparison (reported only: timing is not asserted).
  const pool1 = new EvalPool({ size: 1, budgetMs });
  await warm(pool1);
  const ser = await runJobs(main, pool1);
  pool1.close();
  assert.equal(pool1.maxConcurrent, 1);
  console.log(
    `eval: ${JOBS + 2} jobs: 2 workers ${par.ms.toFixed(0)} ms, 1 worker ${
      ser.ms.toFixed(0)
    } ms (speed-up ${
      (ser.ms / par.ms).toFixed(2)
    }x on ${navigator.hardwareConcurrency} CPUs)`,
  );
});
