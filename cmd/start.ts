/**
 * `pallas start DIR`: resume a machine — replay its log from the newest
 * snapshot and run it until SIGINT or SIGTERM. Also holds the option
 * parsing and error reporting shared with `pallas boot --start`.
 *
 * @module
 */

import { fail, HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import { MachineStore } from "../runtime/store/store.ts";
import { StoreError } from "../runtime/store/errors.ts";
import { MachineError } from "../runtime/machine/errors.ts";
import { runMachine } from "../runtime/machine/host.ts";
import type { MachineOptions } from "../runtime/machine/machine.ts";
import { standardDevices } from "../runtime/machine/devices/standard.ts";

/** Options shared by `start` and `boot --start`, as usage text. */
export const MACHINE_FLAGS =
  `  -S, --disable-snapshots   never snapshot (only the boot snapshot exists)
  --snapshot-interval SECS  cog evaluation time between snapshots (default 45)
  --tick-timeout SECS       limit for one tick; past it the cog times out (default 30)
  --port N                  tcp device port on 127.0.0.1 (default 0: any free port)`;

/** The `start` verb. */
export const verb: Verb = {
  name: "start",
  summary: "Resume a machine and run it until interrupted",
  usage: `pallas start DIR [--replay-all] [OPTIONS]

Replays the machine in DIR from its newest snapshot and runs it until SIGINT
(Ctrl-C) or SIGTERM, which stop it cleanly: the last ticks are committed and
a snapshot is taken. Trace output and diagnostics go to standard error.

Options:
  --replay-all              replay from the boot snapshot, checking every later one
${MACHINE_FLAGS}
${HELP_OPTION}`,
  run,
};

/** Parsed command line of a machine verb. */
export interface MachineArgs {
  /** Positional arguments. */
  readonly positional: string[];
  /** Boolean flags seen (long names). */
  readonly flags: Set<string>;
  /** Machine options from the flags. */
  readonly options: MachineOptions;
}

/**
 * Parses machine flags; `extra` lists the verb's own boolean flags. Returns
 * an error message for anything unknown or malformed.
 */
export function parseMachineArgs(
  args: string[],
  extra: readonly string[],
): MachineArgs | string {
  const positional: string[] = [];
  const flags = new Set<string>();
  const opts: { -readonly [K in keyof MachineOptions]: MachineOptions[K] } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-") || a === "-") {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.includes("=") ? a.split(/=(.*)/s, 2) : [a, undefined];
    const value = (): number | string => {
      const v = inline ?? args[++i];
      if (v === undefined) return `option ${name} needs a value`;
      const n = Number(v);
      return Number.isFinite(n) && n >= 0 ? n : `option ${name}: not a number: ${v}`;
    };
    switch (name) {
      case "-S":
      case "--disable-snapshots":
        opts.snapshots = false;
        break;
      case "--snapshot-interval": {
        const v = value();
        if (typeof v === "string") return v;
        opts.snapshotIntervalMs = v * 1000;
        break;
      }
      case "--tick-timeout": {
        const v = value();
        if (typeof v === "string") return v;
        opts.tickTimeoutMs = v * 1000;
        break;
      }
      case "--port": {
        const v = value();
        if (typeof v === "string") return v;
        if (!Number.isInteger(v) || v > 65535) return `option ${name}: not a port: ${v}`;
        opts.devices = standardDevices({ port: v });
        break;
      }
      default:
        if (extra.includes(name)) flags.add(name);
        else return `unknown option '${a}'`;
    }
  }
  return { positional, flags, options: opts };
}

/** Prints a machine-layer failure as one line; rethrows anything unexpected. */
export function reportFailure(e: unknown): number {
  if (e instanceof StoreError || e instanceof MachineError) {
    return fail(null, e.message);
  }
  throw e;
}

/** Opens the store in `dir` and runs its machine until signalled. */
export async function startMachine(
  dir: string,
  options: MachineOptions,
): Promise<number> {
  try {
    const store = MachineStore.open(dir);
    await runMachine(store, {
      ...options,
      devices: options.devices ?? standardDevices({ log: options.log }),
    });
    return 0;
  } catch (e) {
    return reportFailure(e);
  }
}

async function run(args: string[]): Promise<number> {
  const parsed = parseMachineArgs(args, ["--replay-all"]);
  if (typeof parsed === "string") {
    return usageError("start", parsed);
  }
  if (parsed.positional.length !== 1) {
    return usageError("start", "expected one machine directory (pallas start DIR)");
  }
  return await startMachine(parsed.positional[0], {
    ...parsed.options,
    from: parsed.flags.has("--replay-all") ? "earliest" : "latest",
  });
}
