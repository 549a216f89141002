/**
 * Running a machine in this process until it is told to stop: jets on,
 * `trk` output on standard error, the pid file, and SIGINT/SIGTERM
 * handlers that stop the machine cleanly (final batch committed, snapshot
 * taken). A second signal does nothing more.
 *
 * @module
 */

import { installJets } from "../jets/match.ts";
import { setTraceLogger } from "../jets/trace.ts";
import type { MachineStore } from "../store/store.ts";
import { Machine, type MachineOptions } from "./machine.ts";
import { removePidFile, writePidFile } from "./pidfile.ts";
import { trkLines } from "./trace.ts";

/** Options for {@linkcode runMachine}. */
export interface RunOptions extends MachineOptions {
  /** Stop on SIGINT and SIGTERM (default true). */
  readonly signals?: boolean;
  /** Called once the machine runs (tests use it to stop it). */
  readonly onStart?: (m: Machine) => void;
}

const SIGNALS: Deno.Signal[] = ["SIGINT", "SIGTERM"];

/**
 * Prepares the process for running machines: jets are matched on every new
 * pin (upstream's and our library's) and `trk` output goes to `log`
 * (default standard error).
 */
export async function prepareProcess(
  log: (line: string) => void = (l) => console.error(l),
): Promise<void> {
  await registerLibraryJets();
  installJets();
  setTraceLogger((v) => log(trkLines(v)));
}

/**
 * Accepts the pin hashes of our Sire library's jetted laws (which differ
 * from upstream's), so cogs compiled against it keep their jets — and their
 * `trk` output — when loaded from a store. Skipped if the library is absent.
 */
async function registerLibraryJets(): Promise<void> {
  try {
    const lib = await import("../../sire/lib/jet_hashes.ts");
    lib.registerStdlibJets();
  } catch { /* no library: upstream's hashes only */ }
}

/**
 * Replays and runs the machine in `store` until a signal (or `stop`), then
 * closes the store. Resolves when the machine has stopped cleanly; rejects
 * if it failed.
 */
export async function runMachine(
  store: MachineStore,
  opts: RunOptions = {},
): Promise<void> {
  await prepareProcess(opts.log);
  writePidFile(store.dir);
  const keepAlive = setInterval(() => {}, 1 << 30);
  let machine: Machine | null = null;
  let signalled = false;
  const onSignal = () => {
    if (signalled) return;
    signalled = true;
    void machine?.stop().catch(() => {});
  };
  const useSignals = opts.signals ?? true;
  if (useSignals) { for (const s of SIGNALS) Deno.addSignalListener(s, onSignal); }
  try {
    machine = await Machine.start(store, opts);
    opts.onStart?.(machine);
    if (signalled) void machine.stop().catch(() => {});
    await machine.done;
  } finally {
    if (useSignals) { for (const s of SIGNALS) Deno.removeSignalListener(s, onSignal); }
    clearInterval(keepAlive);
    removePidFile(store.dir);
    store.close();
  }
}
