/**
 * `pallas info DIR`: describe a machine store — its format version, how many
 * events (ticks) and snapshots it holds, its size and pin count, and the
 * state of its cog at the newest snapshot. The store is opened (and locked)
 * only for reading; nothing is written.
 *
 * @module
 */

import { fail, HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import { MachineStore } from "../runtime/store/store.ts";
import { StoreError } from "../runtime/store/errors.ts";
import { loadSnapshot } from "../runtime/machine/replay.ts";
import { type CogState, cogWorkers } from "../runtime/machine/cog.ts";
import { showPlan } from "../runtime/plan/text.ts";

/** The `info` verb. */
export const verb: Verb = {
  name: "info",
  summary: "Describe a machine store without changing it",
  usage: `pallas info DIR

Prints what the machine store in DIR holds: its format and version, the
number of events (ticks) and snapshots, the pins stored, the size on disk,
and the state of the cog at the newest snapshot (spinning, finished, crashed
or timed out) with its worker count. Nothing in DIR is changed; a running
machine holds the store's lock, so stop it first.

Exit status: 0; 1 when DIR holds no readable machine or is in use; 2 for bad
options.

Options:
${HELP_OPTION}`,
  run,
};

function run(args: string[]): Promise<number> {
  return Promise.resolve(info(args));
}

function info(args: string[]): number {
  const bad = args.find((a) => a.startsWith("-") && a !== "-");
  if (bad !== undefined) return usageError("info", `unknown option '${bad}'`);
  if (args.length !== 1) {
    return usageError("info", "expected one machine directory (pallas info DIR)");
  }
  const dir = args[0];
  let store: MachineStore;
  try {
    store = MachineStore.open(dir);
  } catch (e) {
    if (e instanceof StoreError) return fail("info", e.message);
    throw e;
  }
  try {
    const stats = store.stats();
    const snaps = store.snapshots();
    const newest = snaps.at(-1) ?? 0;
    const m = store.meta;
    const rows: [string, string][] = [
      ["machine", dir],
      [
        "format",
        `${m.format} version ${m.formatVersion} (written by pallas ${m.runtimeVersion}, ` +
        `created ${new Date(m.createdMs).toISOString()})`,
      ],
      ["events", `${stats.ticks} ${stats.ticks === 1 ? "tick" : "ticks"}`],
      ["snapshots", `${stats.snapshots} (${listTicks(snaps)})`],
      ["pins", String(stats.pins)],
      ["size", sizeText(stats.bytes)],
      ["cog", cogText(loadSnapshot(store, newest), newest, store.lastTick - newest)],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(10)} ${v}`);
    return 0;
  } catch (e) {
    if (e instanceof StoreError) return fail("info", e.message);
    throw e;
  } finally {
    store.close();
  }
}

/** "at ticks 0, 12, 40", abbreviated when long. */
function listTicks(ns: number[]): string {
  const shown = ns.length > 6 ? [...ns.slice(0, 3), "…", ...ns.slice(-2)] : ns;
  return `after ${ns.length === 1 ? "tick" : "ticks"} ${shown.join(", ")}`;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const kib = bytes / 1024;
  return kib < 1024
    ? `${bytes} bytes (${kib.toFixed(1)} KiB)`
    : `${bytes} bytes (${(kib / 1024).toFixed(1)} MiB)`;
}

function cogText(s: CogState, snap: number, since: number): string {
  const workers = cogWorkers(s.cog).filter((w) => w !== 0).length;
  const when = `at snapshot ${snap}` +
    (since > 0 ? ` (${since} later ${since === 1 ? "tick" : "ticks"} not replayed)` : "");
  switch (s.kind) {
    case "spinning":
      return `spinning, ${workers} ${workers === 1 ? "worker" : "workers"}, ${when}`;
    case "finished":
      return `finished (no workers), ${when}`;
    case "crashed":
      return `crashed (op ${clip(showPlan(s.op))} arg ${clip(showPlan(s.arg))}), ${when}`;
    case "timeout":
      return `timed out after ${Number(s.ns) / 1e9} s, ${when}`;
  }
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}
