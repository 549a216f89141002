/**
 * One cog transition (spec §1.2): apply the spinning cog `C` to the input
 * row `I`, normalise `(C I)`, and read the result `X` as the new cog
 * (`idx 0 X`) and the outputs (`idx 1 X`). The same rules serve the live
 * machine and replay, so a replayed tick ends in exactly the state the live
 * one did.
 *
 * @module
 */

import { apply, type Nat, natFromBig, row, type Val } from "../plan/value.ts";
import { force } from "../plan/eval.ts";
import { classify, type CogState, idxFromEnd } from "./cog.ts";
import type { Outcome } from "./evaluate.ts";
import { type Output, parseOutputs } from "./protocol.ts";
import type { Receipt } from "./receipt.ts";

/** One input: worker `worker` wrote `cmd`. */
export interface Input {
  /** Index of the writing worker. */
  readonly worker: number;
  /** The payload of its `[0 %write cmd]` request. */
  readonly cmd: Val;
}

/** The result of a tick. */
export interface TickResult {
  /** The cog's state after the tick. */
  readonly state: CogState;
  /** What the log records. */
  readonly receipt: Receipt;
  /** Outputs to deliver (empty unless the cog is still spinning). */
  readonly outputs: readonly Output[];
}

/** The input row `[[w c] …]` of a list of inputs, in normal form. */
export function inputRow(inputs: readonly Input[]): Val {
  return force(row(inputs.map((i) => row([i.worker, i.cmd]))));
}

/** The expression a tick evaluates: the cog applied to the input row. */
export function tickExpr(cog: Val, inputs: Val): Val {
  return apply(cog, inputs);
}

/** Nanoseconds of a duration in milliseconds, as a nat. */
export function msToNs(ms: number): Nat {
  return natFromBig(BigInt(Math.max(0, Math.round(ms * 1e6))));
}

/**
 * The result of a tick of the spinning cog `cog` on input row `inputs`
 * whose evaluation ended with `outcome` (not aborted).
 */
export function tickResult(cog: Val, inputs: Val, outcome: Outcome): TickResult {
  switch (outcome.kind) {
    case "ok": {
      const state = classify(idxFromEnd(outcome.value, 0));
      const outputs = state.kind === "spinning"
        ? parseOutputs(idxFromEnd(outcome.value, 1))
        : [];
      return { state, receipt: { kind: "ok", inputs }, outputs };
    }
    case "crash":
      return {
        state: { kind: "crashed", op: outcome.op, arg: outcome.arg, cog },
        receipt: { kind: "crashed", op: outcome.op, arg: outcome.arg },
        outputs: [],
      };
    case "timeout": {
      const ns = msToNs(outcome.ms);
      return {
        state: { kind: "timeout", ns, cog },
        receipt: { kind: "timeout", ns },
        outputs: [],
      };
    }
    case "aborted":
      throw new RangeError("tickResult: an aborted tick has no result");
  }
}
