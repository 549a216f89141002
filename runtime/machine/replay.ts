/**
 * Replay (spec §3.6, corrected): load a snapshot, then apply every logged
 * tick after it with the live rules (`tick.ts`), recomputing successful
 * ticks and installing recorded crashes and time-outs.
 *
 * @module
 */

import { planHash } from "../plan/hash.ts";
import { StoreCorrupt } from "../store/errors.ts";
import type { MachineStore } from "../store/store.ts";
import { sameBytes } from "../store/codec.ts";
import { type CogState, stateFromNoun, stateNoun } from "./cog.ts";
import { ReplayError } from "./errors.ts";
import { evaluateNow } from "./evaluate.ts";
import { type Receipt, receiptFromNoun } from "./receipt.ts";
import { tickExpr, tickResult } from "./tick.ts";

/** Options for {@linkcode replay}. */
export interface ReplayOptions {
  /** Start from the newest valid snapshot (default) or the earliest one. */
  readonly from?: "latest" | "earliest";
  /**
   * Compare the replayed state with every later snapshot passed on the way
   * (on by default when replaying from the earliest snapshot).
   */
  readonly verify?: boolean;
  /** Receives warnings (e.g. a damaged snapshot that was skipped). */
  readonly warn?: (line: string) => void;
}

/** The outcome of a replay. */
export interface Replayed {
  /** The last tick applied (the machine's tick number). */
  readonly tick: number;
  /** The cog's state after it. */
  readonly state: CogState;
  /** The snapshot replay started from. */
  readonly snapshot: number;
  /** Number of ticks applied on top of the snapshot. */
  readonly replayed: number;
  /** Milliseconds spent evaluating ticks. */
  readonly evalMs: number;
}

/** Applies one logged receipt to a state (throws ReplayError if it cannot). */
export function applyReceipt(state: CogState, r: Receipt, tick: number): {
  state: CogState;
  ms: number;
} {
  if (state.kind !== "spinning") {
    throw new ReplayError(tick, `the log has a tick for a cog that had ${state.kind}`);
  }
  const cog = state.cog;
  switch (r.kind) {
    case "ok": {
      const outcome = evaluateNow(tickExpr(cog, r.inputs));
      if (outcome.kind === "crash") {
        throw new ReplayError(
          tick,
          "the tick succeeded when it ran but crashed on replay (is a jet wrong?)",
        );
      }
      return { state: tickResult(cog, r.inputs, outcome).state, ms: outcome.ms };
    }
    case "crashed":
      return { state: { kind: "crashed", op: r.op, arg: r.arg, cog }, ms: 0 };
    case "timeout":
      return { state: { kind: "timeout", ns: r.ns, cog }, ms: 0 };
  }
}

/** Loads the state a snapshot holds. */
export function loadSnapshot(store: MachineStore, n: number): CogState {
  const s = stateFromNoun(store.readSnapshot(n));
  if (s === null) throw new StoreCorrupt(store.file, `snapshot ${n} is not a cog state`);
  return s;
}

/** Replays the store's log; see {@linkcode ReplayOptions}. */
export function replay(store: MachineStore, opts: ReplayOptions = {}): Replayed {
  const snaps = store.snapshots();
  const earliest = opts.from === "earliest";
  const candidates = earliest ? snaps.slice(0, 1) : [...snaps].reverse();
  let start = -1;
  let state: CogState | null = null;
  let lastError: unknown = null;
  for (const n of candidates) {
    try {
      state = loadSnapshot(store, n);
      start = n;
      break;
    } catch (e) {
      if (!(e instanceof StoreCorrupt)) throw e;
      lastError = e;
      opts.warn?.(`snapshot ${n} is unusable (${e.message}); trying an older one`);
    }
  }
  if (state === null) {
    throw lastError ?? new StoreCorrupt(store.file, "the store has no snapshot");
  }
  const verify = opts.verify ?? earliest;
  const later = new Set(verify ? snaps.filter((n) => n > start) : []);
  let tick = start;
  let evalMs = 0;
  for (const rec of store.ticks(start)) {
    const r = receiptFromNoun(rec.value);
    if (r === null) throw new StoreCorrupt(store.file, `tick ${rec.n} is not a receipt`);
    const next = applyReceipt(state, r, rec.n);
    state = next.state;
    evalMs += next.ms;
    tick = rec.n;
    if (later.has(tick)) {
      const want = planHash(stateNoun(loadSnapshot(store, tick)));
      if (!sameBytes(planHash(stateNoun(state)), want)) {
        throw new ReplayError(tick, `the replayed state differs from snapshot ${tick}`);
      }
    }
  }
  return { tick, state, snapshot: start, replayed: tick - start, evalMs };
}
