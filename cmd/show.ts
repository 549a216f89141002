/**
 * `pallas show FILE.seed`: load a seed (or a `SEEDPOD:` pod) and print the
 * value in PLAN text notation.
 *
 * @module
 */

import type { Verb } from "./verbs.ts";
import { showPlan } from "../runtime/plan/text.ts";
import { loadSeedOrPod, SeedError } from "../runtime/seed/mod.ts";

/** The `show` verb. */
export const verb: Verb = {
  name: "show",
  summary: "Load a seed file and print the value it holds",
  usage: `pallas show FILE.seed

Reads FILE (a seed, or a pod starting with SEEDPOD:) and prints its value in
PLAN notation. Malformed input prints the problem and its byte offset and
exits with status 1.`,
  run,
};

async function run(args: string[]): Promise<number> {
  const flags = args.filter((a) => a.startsWith("-") && a !== "-");
  if (flags.length > 0) {
    console.error(`pallas show: unknown option '${flags[0]}'`);
    return 2;
  }
  if (args.length !== 1) {
    console.error("pallas show: expected exactly one file (pallas show FILE.seed)");
    return 2;
  }
  const path = args[0];
  let bytes: Uint8Array;
  try {
    bytes = path === "-"
      ? new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer())
      : await Deno.readFile(path);
  } catch (e) {
    console.error(`pallas show: cannot read '${path}': ${(e as Error).message}`);
    return 1;
  }
  try {
    console.log(showPlan(loadSeedOrPod(bytes)));
    return 0;
  } catch (e) {
    if (e instanceof SeedError) {
      console.error(`pallas show: ${path}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
