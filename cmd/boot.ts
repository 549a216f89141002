/**
 * `pallas boot DIR FILE [--start]`: create a machine whose cog is the value
 * in FILE (a `.seed` file, or the `main` of a `.sire` file), optionally
 * running it at once.
 *
 * @module
 */

import { HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import { bootStore } from "../runtime/machine/boot.ts";
import { loadCog } from "../runtime/machine/load_cog.ts";
import { installJets } from "../runtime/jets/match.ts";
import { checkBootable } from "../runtime/store/store.ts";
import { hasWorkers } from "../runtime/machine/cog.ts";
import { force } from "../runtime/plan/eval.ts";
import { MACHINE_FLAGS, parseMachineArgs, reportFailure, startMachine } from "./start.ts";

/** The `boot` verb. */
export const verb: Verb = {
  name: "boot",
  summary: "Create a machine from a cog in a seed or Sire file",
  usage: `pallas boot DIR FILE [--start] [OPTIONS]

Creates a machine in DIR (which must be new or empty) whose initial cog is
the value in FILE: a .seed file holds it directly, a .sire file defines it
as \`main\`. With --start, runs the machine as \`pallas start DIR\` would.

Options:
  --start                   run the machine after booting it
${MACHINE_FLAGS}
${HELP_OPTION}`,
  run,
};

async function run(args: string[]): Promise<number> {
  const parsed = parseMachineArgs(args, ["--start"]);
  if (typeof parsed === "string") {
    return usageError("boot", parsed);
  }
  if (parsed.positional.length !== 2) {
    return usageError(
      "boot",
      "expected a directory and a file (pallas boot DIR FILE)",
    );
  }
  const [dir, file] = parsed.positional;
  try {
    checkBootable(dir);
    installJets();
    const cog = await loadCog(file);
    if (!hasWorkers(force(cog))) {
      console.error(
        "pallas: warning: the cog has no workers (its last argument is not a row of " +
          "workers); the machine will never run",
      );
    }
    bootStore(dir, cog).close();
  } catch (e) {
    return reportFailure(e);
  }
  if (!parsed.flags.has("--start")) return 0;
  return await startMachine(dir, { ...parsed.options, from: "earliest" });
}
