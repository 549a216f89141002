/**
 * `pallas show FILE.seed`: load a seed (or a `SEEDPOD:` pod) and print the
 * value in PLAN text notation.
 *
 * @module
 */

import { fail, HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import { showPlan } from "../runtime/plan/text.ts";
import { loadSeedOrPod, SeedError } from "../runtime/seed/mod.ts";

/** The `show` verb. */
export const verb: Verb = {
  name: "show",
  summary: "Load a seed file and print the value it holds",
  usage: `pallas show FILE.seed

Reads FILE (a seed, or a pod starting with SEEDPOD:; - for standard input)
and prints its value in PLAN notation.

Exit status: 0; 1 when FILE cannot be read or is malformed (the problem and
its byte offset are printed); 2 for bad options.

Options:
${HELP_OPTION}`,
  run,
};

async function run(args: string[]): Promise<number> {
  const flags = args.filter((a) => a.startsWith("-") && a !== "-");
  if (flags.length > 0) {
    return usageError("show", `unknown option '${flags[0]}'`);
  }
  if (args.length !== 1) {
    return usageError("show", "expected exactly one file (pallas show FILE.seed)");
  }
  const path = args[0];
  let bytes: Uint8Array;
  try {
    bytes = path === "-"
      ? new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer())
      : await Deno.readFile(path);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound ? "no such file" : (e as Error).message;
    return fail("show", `cannot read ${path}: ${why}`);
  }
  try {
    console.log(showPlan(loadSeedOrPod(bytes)));
    return 0;
  } catch (e) {
    if (e instanceof SeedError) {
      return fail("show", `${path} is not a seed: ${e.message}`);
    }
    throw e;
  }
}
