/**
 * Machines running in this process: the counter cog driven by the time
 * device, effects released only after commit, restart and replay, group
 * commit, snapshots, and the cog's crash, time-out, finish, worker
 * replacement, reads and unknown devices.
 */

import assert from "node:assert/strict";
import { bootStore } from "../runtime/machine/boot.ts";
import { runMachine, type RunOptions } from "../runtime/machine/host.ts";
import type { Machine } from "../runtime/machine/machine.ts";
import { replay } from "../runtime/machine/replay.ts";
import { stateNoun } from "../runtime/machine/cog.ts";
import { render } from "../runtime/machine/render.ts";
import { MachineStore } from "../runtime/store/store.ts";
import { planHash } from "../runtime/plan/hash.ts";
import { inputRow } from "../runtime/machine/tick.ts";
import { row, type Val } from "../runtime/plan/value.ts";
import { receiptFromNoun } from "../runtime/machine/receipt.ts";
import { rowItems } from "../runtime/plan/shapes.ts";
import { equal } from "../runtime/plan/compare.ts";
import { tickLines } from "./machine_proc.ts";
import {
  commandCog,
  counterCog,
  counterOf,
  scriptPump,
  t,
  writer,
} from "./machine_cogs.ts";

function boot(cog: Val): string {
  const dir = Deno.makeTempDirSync({ prefix: "pallas-run-" }) + "/m";
  bootStore(dir, cog).close();
  return dir;
}

/** Runs the machine in `dir` until `until` holds (checked every few ms), then stops it. */
async function runUntil(
  dir: string,
  until: (m: Machine, logs: string[]) => boolean,
  opts: RunOptions = {},
  onLog?: (line: string, m: Machine | null) => void,
): Promise<{ logs: string[]; machine: Machine }> {
  const logs: string[] = [];
  let machine: Machine | null = null;
  const store = MachineStore.open(dir);
  await runMachine(store, {
    signals: false,
    ...opts,
    log: (l) => {
      logs.push(l);
      onLog?.(l, machine);
    },
    onStart: (m) => {
      machine = m;
      const timer = setInterval(() => {
        if (until(m, logs)) {
          clearInterval(timer);
          void m.stop();
        }
      }, 2);
    },
  });
  return { logs, machine: machine! };
}

function ticksIn(logs: string[]): number[] {
  return tickLines(logs.flatMap((l) => l.split("\n")));
}

function stateHash(dir: string, from: "latest" | "earliest"): string {
  const s = MachineStore.open(dir);
  try {
    return planHash(stateNoun(replay(s, { from }).state)).join(",");
  } finally {
    s.close();
  }
}

Deno.test("machine: the counter cog ticks, releases outputs only once durable, and resumes", async () => {
  const dir = boot(counterCog());
  let early = 0;
  let checked = 0;
  const first = await runUntil(dir, (m) => m.committed >= 30, {}, (l, m) => {
    const k = ticksIn([l])[0];
    if (k === undefined || m === null) return;
    checked++;
    if (m.committed < k) early++;
  });
  assert.ok(checked >= 29);
  assert.equal(early, 0, "an output was delivered before its tick was committed");
  const printed = ticksIn(first.logs);
  assert.ok(printed.length >= 29);
  assert.deepEqual(printed, printed.map((_, i) => i + 1));

  const s = MachineStore.open(dir);
  const last = s.lastTick;
  assert.equal(last, first.machine.committed);
  assert.deepEqual(s.snapshots(), [0, last], "the boot snapshot and the shutdown one");
  const r = replay(s);
  s.close();
  assert.equal(r.replayed, 0);
  const c = counterOf((r.state as { cog: Val }).cog);
  assert.equal(c.n, last);
  c.inputs.forEach((x, k) =>
    assert.ok(equal(x, inputRow([{ worker: 0, cmd: k }])), `tick ${k + 1}`)
  );

  const second = await runUntil(dir, (m) => m.committed >= last + 10);
  assert.equal(ticksIn(second.logs)[0], last + 1, "continues with the next tick");
  assert.equal(stateHash(dir, "latest"), stateHash(dir, "earliest"));
});

Deno.test("machine: with snapshots disabled only the boot snapshot exists; replay covers all", async () => {
  const dir = boot(counterCog());
  await runUntil(dir, (m) => m.committed >= 10, { snapshots: false });
  const s = MachineStore.open(dir);
  assert.deepEqual(s.snapshots(), [0]);
  const r = replay(s);
  assert.equal(r.replayed, s.lastTick);
  s.close();
});

Deno.test("machine: snapshots follow evaluation time", async () => {
  const dir = boot(counterCog());
  await runUntil(dir, (m) => m.committed >= 10, { snapshotIntervalMs: 0 });
  const s = MachineStore.open(dir);
  const snaps = s.snapshots();
  assert.ok(snaps.length >= 10, `snapshots: ${snaps}`);
  s.close();
  assert.equal(stateHash(dir, "latest"), stateHash(dir, "earliest"));
});

Deno.test("machine: pending writes form one tick, in worker order and FIFO", async () => {
  const dir = boot(commandCog([writer([0, 7, 8]), writer([9])]));
  const { logs } = await runUntil(
    dir,
    (m, l) => m.committed >= 1 && l.some((x) => x.includes("[%got 5 1]")),
  );
  const s = MachineStore.open(dir);
  const ticks = [...s.ticks(0)];
  s.close();
  assert.equal(ticks.length, 1);
  const r = receiptFromNoun(ticks[0].value)!;
  assert.equal(r.kind, "ok");
  assert.equal(r.kind === "ok" && render(r.inputs), "[[0 0] [0 7] [0 8] [1 9]]");
  // The output [0 5 1] reached worker 0 (once the tick was durable).
  assert.equal(logs.filter((l) => l.includes("%got 5")).length, 1);
});

Deno.test("machine: group commit puts ticks evaluated back to back in one transaction", async () => {
  const cmds = [0, 9, 9, 9, 9, 9, 9, 9, 9, 9];
  const grouped = boot(commandCog([writer(cmds)]));
  const g = await runUntil(grouped, (m) => m.committed >= 10, {
    maxInputsPerTick: 1,
    maxBatch: 100,
    maxBatchMs: 1e9,
  });
  assert.equal(g.machine.stats.ticks, 10);
  assert.equal(g.machine.stats.commits, 1);
  const single = boot(commandCog([writer(cmds)]));
  const one = await runUntil(single, (m) => m.committed >= 10, {
    maxInputsPerTick: 1,
    maxBatch: 1,
  });
  assert.equal(one.machine.stats.commits, 10);
  assert.equal(stateHash(grouped, "latest"), stateHash(single, "latest"));
});

Deno.test("machine: a crashing tick leaves the cog crashed, and it stays so after restart", async () => {
  const dir = boot(
    commandCog([writer([1]), scriptPump([[0, [t("time"), t("wait"), 2 ** 40]]])]),
  );
  const { logs, machine } = await runUntil(dir, (m) => m.committed >= 1);
  assert.equal(machine.state.kind, "crashed");
  assert.equal(machine.workers().length, 0, "every worker is stopped");
  assert.ok(logs.some((l) => /\[%crash %boom 0\]/.test(l)));
  const again = await runUntil(dir, () => true);
  assert.equal(again.machine.state.kind, "crashed");
  assert.ok(again.logs.some((l) => /the cog has crashed/.test(l)));
});

Deno.test("machine: a runaway tick times out instead of freezing the process", async () => {
  const dir = boot(commandCog([writer([2])]));
  const { machine } = await runUntil(dir, (m) => m.committed >= 1, {
    tickTimeoutMs: 100,
    sliceSteps: 10_000,
  });
  assert.equal(machine.state.kind, "timeout");
  const s = MachineStore.open(dir);
  const r = receiptFromNoun([...s.ticks(0)][0].value);
  s.close();
  assert.equal(r?.kind, "timeout");
  const again = await runUntil(dir, () => true);
  assert.equal(again.machine.state.kind, "timeout");
});

Deno.test("machine: a cog with no workers left has finished", async () => {
  const dir = boot(commandCog([writer([3])]));
  const { machine } = await runUntil(dir, (m) => m.committed >= 1);
  assert.equal(machine.state.kind, "finished");
  assert.equal(machine.workers().length, 0);
});

Deno.test("machine: a changed workers row restarts the worker from its new pump", async () => {
  const alt = row([row([1, scriptPump([[4, [t("time"), t("when")]]])])]);
  const dir = boot(commandCog([writer([4])], alt));
  let initial: Val | null = null;
  const { logs, machine } = await runUntil(dir, (m, l) => {
    if (!l.some((x) => x.includes("[%got 4 "))) return false;
    initial = m.workers()[0]?.initial ?? null;
    return true;
  });
  assert.equal(machine.state.kind, "spinning");
  assert.ok(
    initial !== null && equal(initial, rowItems(rowItems(alt)![0])![1]),
    "new pump",
  );
  assert.ok(logs.some((l) => /\[%got 4 \d+\]/.test(l)));
});

Deno.test("machine: reads answer from the cog's state; unknown devices answer 0", async () => {
  const dir = boot(
    commandCog([scriptPump([[3, [0, t("read"), t("q")]], [6, [t("nodev"), 1]]])]),
  );
  const { logs } = await runUntil(
    dir,
    (_m, l) => l.filter((x) => x.includes("%got")).length >= 2,
  );
  assert.ok(logs.some((l) => l.includes("[%got 3 [0 3 %q]]")), logs.join("\n"));
  assert.ok(logs.some((l) => l.includes('no such device: "nodev"')));
  assert.ok(logs.some((l) => l.includes("[%got 6 0]")));
});

Deno.test("machine: a worker's open wait is issued again after a restart", async () => {
  const at = Math.floor(Date.now() / 1000) + 2;
  const dir = boot(commandCog([scriptPump([[7, [t("time"), t("wait"), at]]])]));
  const first = await runUntil(dir, (m) => m.workers().length === 1);
  assert.ok(!first.logs.some((l) => l.includes("%got")), "stopped before the wait fired");
  const second = await runUntil(dir, (_m, l) => l.some((x) => x.includes("[%got 7 0]")));
  assert.ok(second.logs.some((l) => l.includes("[%got 7 0]")));
  assert.ok(Date.now() / 1000 >= at);
});

Deno.test("machine: stopping abandons a tick in progress; it is not logged", async () => {
  const dir = boot(commandCog([writer([2])]));
  // The tick computes forever; this check still runs between its slices.
  const { machine } = await runUntil(dir, (m) => m.ticking, {
    tickTimeoutMs: 1e9,
    sliceSteps: 10_000,
  });
  assert.equal(machine.stats.ticks, 0);
  assert.equal(machine.state.kind, "spinning");
  const s = MachineStore.open(dir);
  assert.equal(s.lastTick, 0);
  s.close();
});

Deno.test("machine: replay skips a damaged newest snapshot and checks snapshots with --replay-all", async () => {
  const dir = boot(counterCog());
  await runUntil(dir, (m) => m.committed >= 8, { snapshotIntervalMs: 0 });
  const s0 = MachineStore.open(dir);
  const snaps = s0.snapshots();
  const newest = snaps[snaps.length - 1];
  s0.close();
  const want = stateHash(dir, "earliest");
  const { DatabaseSync } = await import("node:sqlite");
  let db = new DatabaseSync(`${dir}/machine.db`);
  db.exec(`UPDATE snapshot SET body = body || x'00' WHERE n = ${newest}`);
  db.close();
  const warnings: string[] = [];
  const s1 = MachineStore.open(dir);
  const r = replay(s1, { warn: (l) => warnings.push(l) });
  s1.close();
  assert.ok(r.snapshot < newest);
  assert.match(warnings.join("\n"), new RegExp(`snapshot ${newest} is unusable`));
  assert.equal(planHash(stateNoun(r.state)).join(","), want);

  // A snapshot that disagrees with the log is caught when replaying from boot.
  db = new DatabaseSync(`${dir}/machine.db`);
  db.exec(`DELETE FROM snapshot WHERE n = ${newest}`);
  db.exec(
    `INSERT INTO snapshot SELECT ${newest}, time_ms, refs, body, sum FROM snapshot WHERE n = 0`,
  );
  db.close();
  const s2 = MachineStore.open(dir);
  assert.throws(
    () => replay(s2, { from: "earliest" }),
    new RegExp(`differs from snapshot ${newest}`),
  );
  s2.close();
});
