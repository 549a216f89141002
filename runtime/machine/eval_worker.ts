/**
 * The Web Worker that runs EVAL jobs (spec §1.9): it receives
 * `{ id, seed, budgetMs }` where `seed` encodes the row `[f args]`,
 * evaluates `(f ...args)` to normal form within the budget, and posts back
 * `{ id, seed }` encoding the job's result row: `[value]` on success,
 * `[op arg]` on a crash, `[]` when the budget ran out.
 *
 * Jets are installed as in the machine's own process, so jetted laws run
 * natively here too.
 *
 * @module
 */

import { installJets } from "../jets/match.ts";
import { makePin } from "../plan/eval.ts";
import { apply, type Val } from "../plan/value.ts";
import { makeRow, rowItems } from "../plan/shapes.ts";
import { loadSeed } from "../seed/load.ts";
import { saveSeed } from "../seed/save.ts";
import { evaluate } from "./evaluate.ts";

/** A job sent to the worker. */
export interface EvalRequest {
  /** Job id, echoed in the answer. */
  readonly id: number;
  /** Seed of the row `[f args]`. */
  readonly seed: Uint8Array;
  /** Evaluation budget in ms. */
  readonly budgetMs: number;
}

/** The worker's answer. */
export interface EvalAnswer {
  /** The job's id. */
  readonly id: number;
  /** Seed of the result row (`[value]`, `[op arg]` or `[]`). */
  readonly seed: Uint8Array;
}

async function setup(): Promise<void> {
  try {
    const lib = await import("../../sire/lib/jet_hashes.ts");
    lib.registerStdlibJets();
  } catch { /* no library */ }
  installJets();
}

const ready = setup();

/** Runs one job; the answer's row is built from the outcome. */
export async function runJob(seed: Uint8Array, budgetMs: number): Promise<Val> {
  const job = rowItems(loadSeed(seed, { makePin }));
  if (job === null || job.length !== 2) return makeRow([]);
  const args = rowItems(job[1]) ?? [];
  const o = await evaluate(apply(job[0], ...args), { timeoutMs: budgetMs });
  if (o.kind === "ok") return makeRow([o.value]);
  if (o.kind === "crash") return makeRow([o.op, o.arg]);
  return makeRow([]);
}

/** The worker's global scope, typed without the worker lib (publishable). */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<EvalRequest>) => void) | null;
  postMessage(message: EvalAnswer): void;
};

scope.onmessage = async (e: MessageEvent<EvalRequest>) => {
  await ready;
  const { id, seed, budgetMs } = e.data;
  const result = await runJob(seed, budgetMs);
  const answer: EvalAnswer = { id, seed: saveSeed(result) };
  scope.postMessage(answer);
};
