/**
 * `pallas repl SEED [--save OUT]`: run standard input through a stream
 * processor (upstream's `repl`). The seed holds a function `F`; each chunk of
 * input (up to 80 bytes, as it arrives) is given to it as a bar, and the
 * result must be the row `[outputBar F']`: the output is appended to OUT and
 * `F'` takes the next chunk. At end of input `F` gets one empty bar, then the
 * verb stops.
 *
 * @module
 */

import { fail, HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import { force, makePin } from "../runtime/plan/eval.ts";
import { PlanCrash, PlanError } from "../runtime/plan/errors.ts";
import { barBytes, makeBar, rowItems } from "../runtime/plan/shapes.ts";
import { showPlan } from "../runtime/plan/text.ts";
import { apply, type Val } from "../runtime/plan/value.ts";
import { loadSeedOrPod, SeedError } from "../runtime/seed/mod.ts";
import { installJets } from "../runtime/jets/match.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import { registerStdlibJets } from "../sire/lib/jet_hashes.ts";

/** Bytes read from standard input per step, as upstream. */
const CHUNK = 80;

/** The `repl` verb. */
export const verb: Verb = {
  name: "repl",
  summary: "Feed standard input through a stream-processor seed",
  usage: `pallas repl SEED [--save OUT]

Loads the function F held in SEED and feeds it standard input: each chunk
(up to 80 bytes, as it arrives) is applied as a bar, (F chunk), and the
result must be the row [output F'], where output is a bar appended to OUT
and F' handles the next chunk. At end of input F gets an empty bar once,
then the verb stops. \`trk\` output goes to standard output.

Exit status: 0; 1 when SEED cannot be loaded, OUT cannot be written, or a
step crashes or returns anything but [bar function]; 2 for bad options.

Options:
  --save OUT                append every output bar to OUT (truncated first)
${HELP_OPTION}`,
  run,
};

async function run(args: string[]): Promise<number> {
  let out: string | null = null;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--save") {
      if (i + 1 >= args.length) return usageError("repl", "option --save needs a file");
      out = args[++i];
    } else if (a.startsWith("--save=")) out = a.slice("--save=".length);
    else if (a.startsWith("-") && a !== "-") {
      return usageError("repl", `unknown option '${a}'`);
    } else positional.push(a);
  }
  if (positional.length !== 1) {
    return usageError("repl", "expected one seed file (pallas repl SEED [--save OUT])");
  }
  const path = positional[0];
  installJets({ onMismatch: "warn" });
  registerStdlibJets();
  let f: Val;
  try {
    f = loadSeedOrPod(await Deno.readFile(path), { makePin });
  } catch (e) {
    if (e instanceof SeedError) {
      return fail("repl", `${path} is not a seed: ${e.message}`);
    }
    if (e instanceof Deno.errors.NotFound) {
      return fail("repl", `cannot read ${path}: no such file`);
    }
    return fail("repl", `cannot read ${path}: ${(e as Error).message}`);
  }
  if (typeof f !== "object") {
    return fail("repl", `${path} holds the nat ${showPlan(f)}, not a function`);
  }
  setTraceLogger((v) => console.log(showPlan(v)));
  let sink: Deno.FsFile | null = null;
  try {
    if (out !== null) {
      sink = await Deno.open(out, { write: true, create: true, truncate: true });
    }
  } catch (e) {
    return fail("repl", `cannot write ${out}: ${(e as Error).message}`);
  }
  try {
    const buf = new Uint8Array(CHUNK);
    for (;;) {
      const n = await Deno.stdin.read(buf);
      const chunk = n === null ? new Uint8Array(0) : buf.slice(0, n);
      const step = stepOnce(f, chunk);
      if (typeof step === "number") return step;
      if (sink !== null && step.output.length > 0) await writeAll(sink, step.output);
      f = step.next;
      if (n === null) return 0;
    }
  } finally {
    sink?.close();
  }
}

/** Applies `f` to one chunk; returns the output and the next function, or an exit code. */
function stepOnce(
  f: Val,
  chunk: Uint8Array,
): { output: Uint8Array; next: Val } | number {
  let result: Val;
  try {
    result = force(apply(f, makeBar(chunk)));
  } catch (e) {
    if (e instanceof PlanCrash) {
      return fail(
        "repl",
        `the seed crashed: op ${showPlan(e.op)} arg ${showPlan(e.arg)}`,
      );
    }
    if (e instanceof PlanError) return fail("repl", `the seed failed: ${e.message}`);
    if (e instanceof RangeError) {
      return fail("repl", `out of stack or memory: ${e.message}`);
    }
    throw e;
  }
  const items = rowItems(result);
  const output = items?.length === 2 ? barBytes(items[0]) : null;
  if (items === null || items.length !== 2 || output === null) {
    console.log(showPlan(result));
    return fail("repl", "bad noun: a step must return the row [outputBar nextFunction]");
  }
  return { output, next: items[1] };
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await file.write(bytes.subarray(off));
}
