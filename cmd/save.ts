/**
 * `pallas save OUT.seed FILE.sire` (upstream's order; `FILE.sire OUT.seed`
 * is accepted too): load a Sire file and write the seed of its `main`.
 *
 * @module
 */

import { fail, HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import {
  describeSireError,
  loadSireFile,
  parseSireFlags,
  SIRE_FLAGS,
  SIRE_SEARCH,
} from "./sire_load.ts";
import { bindingOf, lookupBinding } from "../sire/compiler/mod.ts";
import { force } from "../runtime/plan/eval.ts";
import { natFromText } from "../runtime/plan/value.ts";
import { saveSeed } from "../runtime/seed/mod.ts";

/** The `save` verb. */
export const verb: Verb = {
  name: "save",
  summary: "Compile a Sire file and write the seed of its `main`",
  usage: `pallas save [--path DIR]… [--quiet] OUT.seed FILE.sire

Loads FILE.sire (and the module chain it names), normalises the value bound
to \`main\` and writes it to OUT.seed as a seed. The two paths may come in
either order when exactly one of them ends in .sire.

${SIRE_SEARCH}

Exit status: 0; 1 when FILE fails to load, has no \`main\` or OUT cannot be
written; 2 for bad options.

Options:
${SIRE_FLAGS}
${HELP_OPTION}`,
  run,
};

async function run(args: string[]): Promise<number> {
  const { flags, rest, unknown } = parseSireFlags(args);
  if (unknown) return usageError("save", unknown);
  if (rest.length !== 2) {
    return usageError("save", "expected two paths (pallas save OUT.seed FILE.sire)");
  }
  let [out, src] = rest;
  if (out.endsWith(".sire") && !src.endsWith(".sire")) [out, src] = [src, out];
  try {
    const mod = loadSireFile(src, flags);
    const binding = lookupBinding(mod.state, natFromText("main"));
    if (binding === undefined) {
      return fail("save", `${src}: no \`main\` defined in this file; add \`= main …\``);
    }
    const bytes = saveSeed(force(bindingOf(binding).value));
    await Deno.writeFile(out, bytes);
    if (!flags.quiet && Deno.stderr.isTerminal()) {
      console.error(`wrote ${out} (${bytes.length} bytes)`);
    }
    return 0;
  } catch (e) {
    const msg = describeSireError(e);
    if (msg === null) {
      if (
        e instanceof Deno.errors.NotFound || e instanceof Deno.errors.PermissionDenied
      ) {
        return fail("save", `cannot write ${out}: ${(e as Error).message}`);
      }
      throw e;
    }
    return fail("save", msg);
  }
}
