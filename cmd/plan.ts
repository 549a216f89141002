/**
 * `pallas plan [EXPR]`: evaluate PLAN expressions in the text notation and
 * print their normal forms. Without EXPR, each non-empty line of standard
 * input is one expression.
 *
 * @module
 */

import type { Verb } from "./verbs.ts";
import { force } from "../runtime/plan/eval.ts";
import { readPlan, showPlan } from "../runtime/plan/text.ts";
import { PlanCrash, PlanError, PlanSyntaxError } from "../runtime/plan/errors.ts";
import type { Val } from "../runtime/plan/value.ts";
import { loadSeedOrPod, SeedError } from "../runtime/seed/mod.ts";

/** The `plan` verb. */
export const verb: Verb = {
  name: "plan",
  summary: "Evaluate PLAN expressions and print their normal forms",
  usage: `pallas plan [EXPR]

Evaluates EXPR, or each non-empty line of standard input, and prints the
normal form. Notation: 12 (nat), %abc (nat of the text), (f x y) (apply),
<x> (pin), {n a b} (law), <file.seed> (load a seed file).
A crash prints the crash op and argument and exits with status 1.`,
  run,
};

async function run(args: string[]): Promise<number> {
  const flags = args.filter((a) => a.startsWith("-") && a !== "-");
  if (flags.length > 0) {
    console.error(`pallas plan: unknown option '${flags[0]}'`);
    return 2;
  }
  if (args.length > 1) {
    console.error("pallas plan: expected at most one expression (quote it)");
    return 2;
  }
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
      console.error(
        `pallas plan: ${where}:${line}:${e.col}: ${e.message.replace(/^\d+:\d+: /, "")}`,
      );
      return 1;
    }
    if (e instanceof PlanError) {
      console.error(`pallas plan: ${where}:${lineNo}: ${e.message}`);
      return 1;
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
      console.error(`pallas plan: ${e.message}`);
      return 1;
    }
    if (e instanceof RangeError) {
      console.error(`pallas plan: out of memory or stack: ${e.message}`);
      return 1;
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
    return loadSeedOrPod(bytes);
  } catch (e) {
    if (e instanceof SeedError) throw new PlanError(`${path}: ${e.message}`);
    throw e;
  }
}
