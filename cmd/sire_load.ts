/**
 * Loading Sire files for the CLI verbs (`sire`, `save`, `test`, `boot`):
 * search path from `--path` and `PALLAS_PATH`, progress lines on stderr,
 * jets installed, errors reported in one style.
 *
 * @module
 */

import { installJets } from "../runtime/jets/match.ts";
import {
  loadFile,
  type LoadOptions,
  type ModuleReport,
  type SireEvent,
  type SireModule,
} from "../sire/compiler/mod.ts";
import { SireError } from "../sire/compiler/errors.ts";
import { stdlibLoadOptions } from "../sire/lib/files.ts";
import { withShippedStates } from "../sire/lib/shipped.ts";
import { defaultCachePath, SqliteStateStore } from "../sire/compiler/state_store.ts";
import { RexError } from "../sire/rex/errors.ts";
import { PlanError } from "../runtime/plan/errors.ts";
import { fail } from "./verbs.ts";

/** The `Options:` lines of the flags {@linkcode parseSireFlags} handles. */
export const SIRE_FLAGS =
  `  --path DIR                also look for modules in DIR (repeatable)
  -q, --quiet               no progress lines while loading
  --no-cache                compile every module again (no cached or shipped
                            states)`;

/** Where `:|` and `<-` look for modules, as help text. */
export const SIRE_SEARCH =
  `Modules are searched in the loading file's directory, ./sire/, each --path
DIR, the directories in PALLAS_PATH (colon-separated), then the standard
library built into pallas (prelude, kern, …).`;

/** Options shared by the verbs that load Sire. */
export interface SireLoadFlags {
  /** Extra module directories (`--path`, then `PALLAS_PATH`). */
  path: string[];
  /** Suppress progress lines. */
  quiet: boolean;
  /** Do not read or write the persistent module cache. */
  noCache: boolean;
}

/**
 * Splits `--path DIR` / `--path=DIR` and `--quiet` out of `args`; returns the
 * flags and the remaining arguments, or an error message for a bad flag.
 */
export function parseSireFlags(
  args: string[],
  known: readonly string[] = [],
): { flags: SireLoadFlags; rest: string[]; unknown?: string } {
  const flags: SireLoadFlags = { path: [], quiet: false, noCache: false };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--quiet" || a === "-q") flags.quiet = true;
    else if (a === "--no-cache") flags.noCache = true;
    else if (a === "--path") {
      if (i + 1 >= args.length) {
        return { flags, rest, unknown: "option --path needs a directory" };
      }
      flags.path.push(args[++i]);
    } else if (a.startsWith("--path=")) flags.path.push(a.slice("--path=".length));
    else if (a.startsWith("-") && a !== "-" && !known.includes(a)) {
      return { flags, rest, unknown: `unknown option '${a}'` };
    } else rest.push(a);
  }
  const env = envVar("PALLAS_PATH");
  if (env) flags.path.push(...env.split(":").filter((d) => d !== ""));
  return { flags, rest };
}

/** An environment variable, or undefined when unset or not permitted. */
function envVar(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch (e) {
    if (
      e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied
    ) {
      return undefined;
    }
    throw e;
  }
}

/** True when progress should be shown on stderr. */
function showProgress(flags: SireLoadFlags): boolean {
  return !flags.quiet && Deno.stderr.isTerminal();
}

/**
 * Load options for the CLI: search path (the loading file's directory,
 * `./sire/`, `--path`, `PALLAS_PATH`, then the embedded standard library),
 * progress on stderr, events.
 */
export function cliLoadOptions(
  flags: SireLoadFlags,
  onEvent?: (e: SireEvent) => void,
): LoadOptions {
  installJets({ onMismatch: "silent" });
  const progress = showProgress(flags);
  return stdlibLoadOptions({
    searchPath: flags.path,
    store: flags.noCache ? null : withShippedStates(sharedStore()),
    onEvent,
    onModule: progress
      ? (r: ModuleReport) => {
        const how = r.cached ? "cached" : `${Math.round(r.ms)} ms`;
        console.error(`  ${r.name} (${how})`);
      }
      : undefined,
  });
}

let store: SqliteStateStore | null | undefined;

/** The persistent module cache (opened once; null when unavailable). */
function sharedStore(): SqliteStateStore | null {
  if (store === undefined) {
    let path: string | null = null;
    try {
      path = defaultCachePath();
    } catch (e) {
      // Without permission to read the variables that locate it, run uncached.
      if (
        !(e instanceof Deno.errors.NotCapable ||
          e instanceof Deno.errors.PermissionDenied)
      ) {
        throw e;
      }
    }
    store = path === null ? null : SqliteStateStore.open(path);
  }
  return store;
}

/** Loads one Sire file with the CLI's options. */
export function loadSireFile(
  path: string,
  flags: SireLoadFlags,
  onEvent?: (e: SireEvent) => void,
): SireModule {
  return loadFile(path, cliLoadOptions(flags, onEvent));
}

/**
 * Reports a failure to load or run Sire for `verb` (one located line, then
 * the source excerpt) and returns 1; rethrows anything that is not a Sire,
 * Rex or PLAN failure.
 */
export function reportSireError(verb: string, e: unknown): number {
  const msg = describeSireError(e);
  if (msg === null) throw e;
  return fail(verb, msg);
}

/**
 * Renders an error raised while loading or running Sire as the message to
 * print (without a trailing newline), or null when it is not one of ours.
 */
export function describeSireError(e: unknown): string | null {
  if (e instanceof SireError || e instanceof RexError) return e.message;
  if (e instanceof PlanError) return e.message;
  if (e instanceof RangeError) return `out of stack or memory: ${e.message}`;
  return null;
}
