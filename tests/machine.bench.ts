/**
 * Machine benchmarks: durable ticks per second for a trivial cog (one tick
 * per transaction, and with group commit), replay ticks per second, and
 * store bytes per tick. Each bench prints its figure.
 *
 * Needs write access (a temporary directory):
 * `deno bench -A tests/machine.bench.ts`. Without it the benches are skipped.
 */

import { bootStore } from "../runtime/machine/boot.ts";
import { runMachine } from "../runtime/machine/host.ts";
import { replay } from "../runtime/machine/replay.ts";
import { receiptNoun } from "../runtime/machine/receipt.ts";
import { inputRow } from "../runtime/machine/tick.ts";
import { MachineStore } from "../runtime/store/store.ts";
import { commandCog, writer } from "./machine_cogs.ts";

const canWrite = Deno.permissions.querySync({ name: "write" }).state === "granted";

function freshDir(): string {
  return Deno.makeTempDirSync({ prefix: "pallas-bench-" }) + "/m";
}

/** Boots a trivial cog whose one pump writes `n` no-op commands at once. */
function bootTrivial(n: number): string {
  const dir = freshDir();
  bootStore(dir, commandCog([writer(new Array(n).fill(9))])).close();
  return dir;
}

/** Runs the machine in `dir` until `n` ticks are durable; returns the seconds taken. */
async function runTicks(dir: string, n: number, maxBatch: number): Promise<number> {
  let t0 = 0, t1 = 0;
  await runMachine(MachineStore.open(dir), {
    signals: false,
    snapshots: false,
    maxInputsPerTick: 1,
    maxBatch,
    maxBatchMs: 1e9,
    log: () => {},
    onStart: (m) => {
      t0 = performance.now();
      const timer = setInterval(() => {
        if (m.committed >= n) {
          t1 = performance.now();
          clearInterval(timer);
          void m.stop();
        }
      }, 1);
    },
  });
  return (t1 - t0) / 1000;
}

function report(label: string, value: number, unit: string): void {
  console.log(`    ${label}: ${value.toFixed(0)} ${unit}`);
}

const SINGLE = 200;
const GROUPED = 5000;

Deno.bench({
  name: "machine: durable ticks, one tick per transaction",
  ignore: !canWrite,
  n: 3,
  warmup: 0,
  async fn(b) {
    const dir = bootTrivial(SINGLE);
    b.start();
    const secs = await runTicks(dir, SINGLE, 1);
    b.end();
    report("durable ticks/s (single)", SINGLE / secs, "ticks/s");
  },
});

Deno.bench({
  name: "machine: durable ticks, group commit",
  ignore: !canWrite,
  n: 3,
  warmup: 0,
  async fn(b) {
    const dir = bootTrivial(GROUPED);
    b.start();
    const secs = await runTicks(dir, GROUPED, 1000);
    b.end();
    report("durable ticks/s (grouped)", GROUPED / secs, "ticks/s");
  },
});

let replayDir: string | null = null;

Deno.bench({
  name: "machine: replay from boot",
  ignore: !canWrite,
  n: 3,
  warmup: 0,
  async fn(b) {
    if (replayDir === null) {
      replayDir = bootTrivial(GROUPED);
      await runTicks(replayDir, GROUPED, 1000);
    }
    const store = MachineStore.open(replayDir);
    b.start();
    const t0 = performance.now();
    const r = replay(store, { from: "earliest" });
    const secs = (performance.now() - t0) / 1000;
    b.end();
    store.close();
    report("replay ticks/s", r.replayed / secs, "ticks/s");
  },
});

Deno.bench({
  name: "store: append one tick per transaction (fsync)",
  ignore: !canWrite,
  n: 200,
  warmup: 5,
  group: "store",
  fn: (() => {
    let store: MachineStore | null = null;
    const value = receiptNoun({ kind: "ok", inputs: inputRow([{ worker: 0, cmd: 9 }]) });
    return () => {
      store ??= bootStore(freshDir(), 0);
      store.append([{ n: store.lastTick + 1, timeMs: Date.now(), value }]);
    };
  })(),
});

Deno.bench({
  name: "store: bytes per tick",
  ignore: !canWrite,
  n: 1,
  warmup: 0,
  group: "store",
  fn() {
    const dir = freshDir();
    const store = bootStore(dir, commandCog([writer([9])]));
    store.checkpoint();
    const before = store.stats().bytes;
    const n = 10_000;
    const ticks = [];
    for (let k = 1; k <= n; k++) {
      const value = receiptNoun({
        kind: "ok",
        inputs: inputRow([{ worker: 0, cmd: k }]),
      });
      ticks.push({ n: k, timeMs: Date.now(), value });
    }
    store.append(ticks);
    store.checkpoint();
    const after = store.stats().bytes;
    store.close();
    report("store bytes/tick", (after - before) / n, "bytes");
  },
});
