/**
 * A pool of Web Workers running EVAL jobs in parallel (spec §1.9).
 *
 * {@linkcode EvalPool.run} evaluates `(f ...args)` on the next free worker
 * and resolves with the job's result row: `[value]` on success, `[op arg]`
 * on a crash, `[]` when the budget ran out. A job cancelled while it runs
 * terminates its worker (a fresh one replaces it), so a runaway never holds
 * a worker past its cancellation; the budget bounds it otherwise.
 *
 * @module
 */

import { makePin } from "../plan/eval.ts";
import { makeRow } from "../plan/shapes.ts";
import type { Val } from "../plan/value.ts";
import { loadSeed } from "../seed/load.ts";
import { saveSeed } from "../seed/save.ts";
import type { EvalAnswer, EvalRequest } from "./eval_worker.ts";

/** Options of an {@linkcode EvalPool}. */
export interface EvalPoolOptions {
  /** Number of workers (default: the number of CPUs, at most 8). */
  readonly size?: number;
  /** Evaluation budget of one job, in ms (default 30 000). */
  readonly budgetMs?: number;
}

/** The error a job's promise rejects with when the pool is closed. */
export class EvalPoolClosed extends Error {
  /** Creates the error. */
  constructor() {
    super("the EVAL worker pool is closed");
    this.name = "EvalPoolClosed";
  }
}

/** A job submitted to the pool. */
export interface EvalJob {
  /** Resolves with the result row; never settles once cancelled. */
  readonly result: Promise<Val>;
  /** Cancels the job (terminating its worker if it is running). */
  cancel(): void;
}

interface Queued {
  readonly id: number;
  readonly seed: Uint8Array;
  readonly resolve: (v: Val) => void;
  readonly reject: (e: unknown) => void;
  cancelled: boolean;
}

interface Slot {
  worker: Worker;
  job: Queued | null;
}

const WORKER_URL = new URL("./eval_worker.ts", import.meta.url);

/** The pool. */
export class EvalPool {
  /** Number of workers. */
  readonly size: number;
  /** Budget of one job, in ms. */
  readonly budgetMs: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Queued[] = [];
  #nextId = 0;
  #closed = false;
  #running = 0;
  /** Most jobs that ran at the same time (for tests and benchmarks). */
  maxConcurrent = 0;

  /** Creates the pool; workers start on first use. */
  constructor(opts: EvalPoolOptions = {}) {
    const cpus = navigator.hardwareConcurrency || 1;
    this.size = Math.max(1, opts.size ?? Math.min(8, cpus));
    this.budgetMs = opts.budgetMs ?? 30_000;
  }

  /** Submits `(f ...args)`; `f` and `args` must be in normal form. */
  run(f: Val, args: readonly Val[]): EvalJob {
    let resolve!: (v: Val) => void, reject!: (e: unknown) => void;
    const result = new Promise<Val>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    if (this.#closed) {
      reject(new EvalPoolClosed());
      return { result, cancel: () => {} };
    }
    const q: Queued = {
      id: this.#nextId++,
      seed: saveSeed(makeRow([f, makeRow(args)])),
      resolve,
      reject,
      cancelled: false,
    };
    this.#queue.push(q);
    this.#dispatch();
    return { result, cancel: () => this.#cancel(q) };
  }

  /** Terminates every worker; queued and running jobs reject. */
  close(): void {
    this.#closed = true;
    for (const q of this.#queue.splice(0)) q.reject(new EvalPoolClosed());
    for (const s of this.#slots) {
      s.job?.reject(new EvalPoolClosed());
      s.worker.terminate();
    }
    this.#slots.length = 0;
    this.#running = 0;
  }

  #spawn(): Slot {
    const slot: Slot = { worker: new Worker(WORKER_URL, { type: "module" }), job: null };
    slot.worker.onmessage = (e: MessageEvent<EvalAnswer>) => this.#done(slot, e.data);
    slot.worker.onerror = (e) => {
      e.preventDefault();
      this.#fail(slot, e.message);
    };
    return slot;
  }

  #dispatch(): void {
    while (!this.#closed && this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.job === null);
      if (!slot) {
        if (this.#slots.length >= this.size) return;
        slot = this.#spawn();
        this.#slots.push(slot);
      }
      const q = this.#queue.shift()!;
      if (q.cancelled) continue;
      slot.job = q;
      this.#running++;
      this.maxConcurrent = Math.max(this.maxConcurrent, this.#running);
      const msg: EvalRequest = { id: q.id, seed: q.seed, budgetMs: this.budgetMs };
      slot.worker.postMessage(msg);
    }
  }

  #done(slot: Slot, a: EvalAnswer): void {
    const q = slot.job;
    if (!q || q.id !== a.id) return;
    slot.job = null;
    this.#running--;
    if (!q.cancelled) q.resolve(loadSeed(a.seed, { makePin }));
    this.#dispatch();
  }

  /** A worker died (not by cancellation): its job reports a crash. */
  #fail(slot: Slot, message: string): void {
    const q = slot.job;
    slot.worker.terminate();
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
    if (q) {
      this.#running--;
      if (!q.cancelled) q.resolve(makeRow([0, 0]));
    }
    void message;
    this.#dispatch();
  }

  #cancel(q: Queued): void {
    if (q.cancelled) return;
    q.cancelled = true;
    const slot = this.#slots.find((s) => s.job === q);
    if (!slot) return; // still queued: skipped when dispatched
    slot.worker.terminate();
    this.#slots.splice(this.#slots.indexOf(slot), 1);
    this.#running--;
    this.#dispatch();
  }
}
