/**
 * `pallas plan [EXPR]`: evaluate PLAN expressions in the text notation and
 * print their normal forms. Without EXPR, each non-empty line of standard
 * input is one expression.
 *
 * @module
 */

import { fail, HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import { force, makePin } from "../runtime/plan/eval.ts";
import { installJets } from "../runtime/jets/match.ts";
import { readPlan, showPlan } from "../runtime/plan/text.ts";
import { PlanCrash, PlanError, PlanSyntaxError } from "../runtime/plan/errors.ts";
import type { Val } from "../runtime/plan/value.ts";
import { loadSeedOrPod, SeedError } from "../runtime/seed/mod.ts";

/** The `plan` verb. */
export const verb: Verb = {
  name: "plan",
  summary: "Evaluate PLAN expressions and print their normal forms",
  usage: `pallas plan [EXPR]

Evaluates EXPR, or each non-empty line of standard input (lines starting
with ';' are comments), and prints its normal form. Notation: 12 (nat),
%abc (nat of the text), (f x y) (apply), <x> (pin), {n a b} (law),
<file.seed> (the value in a seed file).

Exit status: 0; 1 on a crash (printed as \`crash: op OP arg ARG\`) or bad
input (printed as WHERE:LINE:COL: problem); 2 for bad options.

Options:
${HELP_OPTION}`,
  run,
};

async function run(args: string[]): Promise<number> {
  const flags = args.filter((a) => a.startsWith("-") && a !== "-");
  if (flags.length > 0) {
    return usageError("plan", `unknown option '${flags[0]}'`);
  }
  if (args.length > 1) {
    return usageError(
      "plan",
      "expected at most one expression (quote it: pallas plan '(f x)')",
    );
  }
  installJets({ onMismatch: "silent" });
  if (args.length === 1) return evalOne(args[0], "<argument>", 1);
  const text = await new Response(Deno.stdin.readable).text();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "" || line.trim().startsWith(";")) continue;
    const code = evalOne(line, "<stdin>", i + 1);
    if (code !== 0) return code;
  }
  return 0;
}

function evalOne(src: string, where: string, lineNo: number): number {
  let expr: Val;
  try {
    expr = readPlan(src, { loadFile: loadSeedFile });
  } catch (e) {
    if (e instanceof PlanSyntaxError) {
      const line = lineNo + e.line - 1;
      return fail(
        "plan",
        `${where}:${line}:${e.col}: ${e.message.replace(/^\d+:\d+: /, "")}`,
      );
    }
    if (e instanceof PlanError) {
      return fail("plan", `${where}:${lineNo}: ${e.message}`);
    }
    throw e;
  }
  try {
    console.log(showPlan(force(expr)));
    return 0;
  } catch (e) {
    if (e instanceof PlanCrash) {
      console.error(`crash: op ${showPlan(e.op)} arg ${showPlan(e.arg)}`);
      return 1;
    }
    if (e instanceof PlanError) {
      return fail("plan", e.message);
    }
    if (e instanceof RangeError) {
      return fail("plan", `out of memory or stack: ${e.message}`);
    }
    throw e;
  }
}

function loadSeedFile(path: string): Val {
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch (e) {
    throw new PlanError(`cannot read '${path}': ${(e as Error).message}`);
  }
  try {
    return loadSeedOrPod(bytes, { makePin });
  } catch (e) {
    if (e instanceof SeedError) throw new PlanError(`${path}: ${e.message}`);
    throw e;
  }
}
