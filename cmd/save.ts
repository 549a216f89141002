/**
 * `pallas save OUT.seed FILE.sire` (upstream's order; `FILE.sire OUT.seed`
 * is accepted too): load a Sire file and write the seed of its `main`.
 *
 * @module
 */

import type { Verb } from "./verbs.ts";
import { describeSireError, loadSireFile, parseSireFlags } from "./sire_load.ts";
import { bindingOf, lookupBinding } from "../sire/compiler/mod.ts";
import { force } from "../runtime/plan/eval.ts";
import { natFromText } from "../runtime/plan/value.ts";
import { saveSeed } from "../runtime/seed/mod.ts";

/** The `save` verb. */
export const verb: Verb = {
  name: "save",
  summary: "Compile a Sire file and write the seed of its `main`",
  usage: `pallas save [--path DIR]… [--quiet] OUT.seed FILE.sire

Loads FILE.sire (and the module chain it names), normalises the value bound to
\`main\` and writes it to OUT.seed as a seed. The two paths may come in either
order when exactly one of them ends in .sire.`,
  run,
};

async function run(args: string[]): Promise<number> {
  const { flags, rest, unknown } = parseSireFlags(args);
  if (unknown) {
    console.error(`pallas save: ${unknown}`);
    return 2;
  }
  if (rest.length !== 2) {
    console.error("pallas save: expected OUT.seed and FILE.sire");
    return 2;
  }
  let [out, src] = rest;
  if (out.endsWith(".sire") && !src.endsWith(".sire")) [out, src] = [src, out];
  try {
    const mod = loadSireFile(src, flags);
    const binding = lookupBinding(mod.state, natFromText("main"));
    if (binding === undefined) {
      console.error(`pallas save: ${src}: no \`main\` defined in this file`);
      return 1;
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
        console.error(`pallas save: cannot write ${out}: ${(e as Error).message}`);
        return 1;
      }
      throw e;
    }
    console.error(msg);
    return 1;
  }
}
