/**
 * `pallas start` as a process: SIGINT and SIGTERM stop it cleanly (last
 * ticks committed, snapshot taken, pid file removed, exit 0), and the next
 * start continues with the next tick.
 */

import assert from "node:assert/strict";
import { MachineStore } from "../runtime/store/store.ts";
import { counterFixture, isTick, Pallas, pallas, tickOf } from "./machine_proc.ts";

function consecutive(xs: number[], from: number): boolean {
  return xs.every((x, i) => x === from + i);
}

Deno.test("signals: SIGINT at counter N, then start again continues at N+1", async () => {
  const { seed, dir } = counterFixture();
  assert.equal((await pallas(["boot", dir, seed])).code, 0);

  const run1 = new Pallas(["start", dir]);
  await run1.waitFor(isTick(20));
  run1.kill("SIGINT");
  const st1 = await run1.status();
  assert.equal(st1.code, 0, run1.lines.join("\n"));
  const printed = run1.ticks();
  assert.ok(consecutive(printed, 1) && printed.length >= 20);
  const n = printed[printed.length - 1];

  const s = MachineStore.open(dir);
  const committed = s.lastTick;
  const snaps = s.snapshots();
  s.close();
  // At most the one tick in flight when the signal came was committed unseen.
  assert.ok(
    committed === n || committed === n + 1,
    `printed ${n}, committed ${committed}`,
  );
  assert.equal(snaps[snaps.length - 1], committed, "a snapshot was taken at shutdown");
  assert.throws(() => Deno.statSync(`${dir}/pid`), Deno.errors.NotFound);

  const run2 = new Pallas(["start", dir]);
  const first = await run2.waitFor((l) => tickOf(l) !== null);
  run2.kill("SIGTERM");
  const st2 = await run2.status();
  assert.equal(st2.code, 0);
  assert.equal(tickOf(first), committed + 1);
  assert.ok(consecutive(run2.ticks(), committed + 1));
  assert.ok(run2.lines.some((l) => /^REPLAY TIME: \d+ ns$/.test(l)));
});

Deno.test("signals: boot --start -S runs at once and keeps only the boot snapshot", async () => {
  const { seed, dir } = counterFixture();
  const run = new Pallas(["boot", dir, seed, "--start", "--disable-snapshots"]);
  await run.waitFor(isTick(5));
  run.kill("SIGTERM");
  run.kill("SIGTERM"); // a second signal does nothing more
  assert.equal((await run.status()).code, 0);
  const s = MachineStore.open(dir);
  assert.deepEqual(s.snapshots(), [0]);
  assert.ok(s.lastTick >= 5);
  s.close();
});

Deno.test("signals: a second process cannot run a machine that is running", async () => {
  const { seed, dir } = counterFixture();
  assert.equal((await pallas(["boot", dir, seed])).code, 0);
  const run = new Pallas(["start", dir]);
  await run.waitFor(isTick(1));
  const other = await pallas(["start", dir]);
  run.kill("SIGINT");
  assert.equal((await run.status()).code, 0);
  assert.equal(other.code, 1);
  assert.match(other.stderr, /^pallas: .* is in use by another process \(pid \d+\)$/m);
});
