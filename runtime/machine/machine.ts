/**
 * A running machine: one cog, its workers, its devices and its store.
 *
 * The machine ticks the cog whenever workers have written (all pending
 * writes form one input row, ascending worker index, FIFO per worker),
 * logs every tick and releases the tick's effects — new workers, outputs to
 * pumps, read answers reflecting the new state — only once the tick is
 * durable. Ticks evaluated while earlier ones wait for their commit join
 * the same transaction (group commit): a batch is committed as soon as no
 * write is pending, or when it reaches `maxBatch` ticks or `maxBatchMs`.
 *
 * Workers that a tick stops or replaces are cancelled at once (their
 * pending writes are dropped, so a replaced worker can never speak for its
 * successor); workers it starts run from the commit on. Reads are answered
 * from the last *released* state, so nothing outside the machine ever sees
 * a state that a crash could roll back.
 *
 * @module
 */

import type { Nat, Val } from "../plan/value.ts";
import { apply } from "../plan/value.ts";
import type { MachineStore } from "../store/store.ts";
import { cogDb, cogReadFn, type CogState, cogWorkers, stateNoun } from "./cog.ts";
import { type Device, DeviceTable } from "./device.ts";
import { TimeDevice } from "./devices/time.ts";
import { MachineFault } from "./errors.ts";
import { evaluate, nextTurn, type Outcome, SLICE_STEPS } from "./evaluate.ts";
import { parseWorker, type WorkerSpec } from "./protocol.ts";
import { type PumpHost, PumpWorker } from "./pump.ts";
import { type EvalJob, EvalPool } from "./eval_worker_pool.ts";
import { receiptNoun } from "./receipt.ts";
import type { LiveRequest } from "./request.ts";
import { type Input, inputRow, tickExpr, tickResult } from "./tick.ts";
import { crashLine } from "./trace.ts";
import { replay, type Replayed } from "./replay.ts";

/** Options of a machine. */
export interface MachineOptions {
  /** Devices (default: a {@linkcode TimeDevice}). */
  readonly devices?: readonly Device[];
  /** Take snapshots (default true); false = only the boot snapshot ever exists. */
  readonly snapshots?: boolean;
  /** Cog evaluation time between snapshots, in ms (default 45 000). */
  readonly snapshotIntervalMs?: number;
  /** Limit for one tick, in ms of evaluation (default 30 000). */
  readonly tickTimeoutMs?: number;
  /** Limit for one pump step or read, in ms (default 30 000). */
  readonly stepTimeoutMs?: number;
  /** Reduction steps per evaluation slice. */
  readonly sliceSteps?: number;
  /** Most ticks per transaction (default 1000; 1 disables group commit). */
  readonly maxBatch?: number;
  /** Longest a tick waits for its commit while more ticks join, in ms (default 20). */
  readonly maxBatchMs?: number;
  /** Most writes per tick (default: all pending). */
  readonly maxInputsPerTick?: number;
  /** Replay from the newest valid snapshot (default) or the earliest one. */
  readonly from?: "latest" | "earliest";
  /** Diagnostics sink (default: standard error). */
  readonly log?: (line: string) => void;
  /** Runs EVAL workers (default: a pool of Web Workers made on first use). */
  readonly evalPool?: EvalPool;
}

/** A tick evaluated but not yet committed. */
interface PendingTick {
  readonly n: number;
  readonly timeMs: number;
  readonly receipt: Val;
  readonly state: CogState;
  /** Slots this tick created (started once it is durable). */
  readonly starts: Slot[];
  /** Outputs, resolved to the worker slots they address. */
  readonly deliveries: { slot: Slot; key: Nat; value: Val }[];
}

/** One position of the workers row. */
class Slot {
  readonly index: number;
  readonly entry: Val;
  readonly spec: WorkerSpec;
  worker: PumpWorker | null = null;
  /** The running EVAL job, if this is an EVAL worker. */
  job: EvalJob | null = null;
  /** Pending writes: `writes[head …]`, oldest first. */
  writes: Val[] = [];
  head = 0;
  stopped = false;
  constructor(index: number, entry: Val) {
    this.index = index;
    this.entry = entry;
    this.spec = parseWorker(entry);
  }
}

/** Counters exposed for tests, benchmarks and diagnostics. */
export interface MachineStats {
  /** Ticks evaluated by this process. */
  ticks: number;
  /** Transactions committed by this process. */
  commits: number;
  /** Snapshots written by this process. */
  snapshots: number;
  /** Milliseconds of cog evaluation (ticks). */
  evalMs: number;
}

const defaultLog = (line: string) => console.error(line);

/** A running machine; create one with {@linkcode Machine.start}. */
export class Machine {
  /** The store the machine logs to. */
  readonly store: MachineStore;
  /** The replay the machine started from. */
  readonly replayed: Replayed;
  /** Counters. */
  readonly stats: MachineStats = { ticks: 0, commits: 0, snapshots: 0, evalMs: 0 };
  /** Resolves when the machine has stopped; rejects if it failed. */
  readonly done: Promise<void>;

  readonly #devices: DeviceTable;
  readonly #opts: Required<Omit<MachineOptions, "devices" | "from" | "evalPool">>;
  #evalPool: EvalPool | null;
  readonly #ownsEvalPool: boolean;
  readonly #log: (line: string) => void;
  #slots: (Slot | null)[] = [];
  #live: CogState;
  #released: CogState;
  #tick: number;
  #committed: number;
  #snapshotAt: number;
  #workSinceSnapshot: number;
  #batch: PendingTick[] = [];
  #batchStart = 0;
  #reads: { req: LiveRequest; query: Val }[] = [];
  #readsRunning = false;
  #stopping = false;
  #stopped: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #loop: Promise<void> = Promise.resolve();
  #resolveDone!: () => void;
  #rejectDone!: (e: unknown) => void;
  #fault: unknown = null;
  #ticking = false;
  readonly #pumpHost: PumpHost;

  private constructor(store: MachineStore, replayed: Replayed, opts: MachineOptions) {
    this.store = store;
    this.replayed = replayed;
    this.#devices = new DeviceTable(opts.devices ?? [new TimeDevice()]);
    this.#log = opts.log ?? defaultLog;
    this.#opts = {
      snapshots: opts.snapshots ?? true,
      snapshotIntervalMs: opts.snapshotIntervalMs ?? 45_000,
      tickTimeoutMs: opts.tickTimeoutMs ?? 30_000,
      stepTimeoutMs: opts.stepTimeoutMs ?? 30_000,
      sliceSteps: opts.sliceSteps ?? SLICE_STEPS,
      maxBatch: Math.max(1, opts.maxBatch ?? 1000),
      maxBatchMs: opts.maxBatchMs ?? 20,
      maxInputsPerTick: opts.maxInputsPerTick ?? Infinity,
      log: this.#log,
    };
    this.#evalPool = opts.evalPool ?? null;
    this.#ownsEvalPool = opts.evalPool === undefined;
    this.#pumpHost = {
      devices: this.#devices,
      stepTimeoutMs: this.#opts.stepTimeoutMs,
      sliceSteps: this.#opts.sliceSteps,
      write: (w, cmd) => {
        const s = this.#slots[w.index];
        if (!s || s.worker !== w || s.stopped) return;
        s.writes.push(cmd);
        this.#wake?.();
      },
      read: (req, query) => {
        this.#reads.push({ req, query });
        if (!this.#readsRunning) {
          this.#readsRunning = true;
          queueMicrotask(() => void this.#runReads());
        }
      },
      failed: (w, o) => {
        if (o.kind === "crash") this.#log(crashLine(o.op, o.arg));
        else this.#log(`pallas: worker ${w.index}: pump step timed out; restarting it`);
      },
      warn: (line) => this.#log(line),
    };
    this.#live = this.#released = replayed.state;
    this.#tick = this.#committed = replayed.tick;
    this.#snapshotAt = replayed.replayed === 0 ? replayed.tick : -1;
    this.#workSinceSnapshot = replayed.evalMs;
    this.done = new Promise((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    this.done.catch(() => {});
  }

  /**
   * Replays `store` and starts the machine: opens the devices, starts every
   * EXEC worker of the cog from its initial pump and begins ticking.
   */
  static async start(store: MachineStore, opts: MachineOptions = {}): Promise<Machine> {
    const log = opts.log ?? defaultLog;
    const t0 = performance.now();
    const replayed = replay(store, { from: opts.from, warn: log });
    log(`REPLAY TIME: ${Math.round((performance.now() - t0) * 1e6)} ns`);
    const m = new Machine(store, replayed, opts);
    await m.#devices.open();
    m.#startAll();
    m.#loop = m.#run();
    return m;
  }

  /** Number of the last tick evaluated. */
  get tick(): number {
    return this.#tick;
  }

  /** True while a tick is being evaluated. */
  get ticking(): boolean {
    return this.#ticking;
  }

  /** Number of the last tick known durable. */
  get committed(): number {
    return this.#committed;
  }

  /** The cog's state after the last evaluated tick. */
  get state(): CogState {
    return this.#live;
  }

  /** The cog's state after the last released (durable) tick. */
  get releasedState(): CogState {
    return this.#released;
  }

  /** The running EXEC workers by index (for tests and diagnostics). */
  workers(): PumpWorker[] {
    const out: PumpWorker[] = [];
    for (const s of this.#slots) if (s?.worker && !s.stopped) out.push(s.worker);
    return out;
  }

  /**
   * Stops the machine cleanly: abandons the tick in progress, cancels every
   * worker, commits the ticks already evaluated and takes a final snapshot
   * (unless snapshots are off). Idempotent.
   */
  stop(): Promise<void> {
    if (this.#stopped) return this.#stopped;
    this.#stopping = true;
    this.#wake?.();
    this.#stopped = this.#shutdown();
    return this.#stopped;
  }

  async #shutdown(): Promise<void> {
    try {
      await this.#loop;
    } catch { /* reported through #fault */ }
    for (const s of this.#slots) if (s) this.#stopSlot(s);
    this.#slots = [];
    if (this.#ownsEvalPool) this.#evalPool?.close();
    this.#reads = [];
    let error = this.#fault;
    try {
      if (this.#batch.length > 0) this.#commit(true);
      else if (this.#opts.snapshots && this.#snapshotAt < this.#committed) {
        this.store.snapshot(this.#committed, stateNoun(this.#released));
        this.#snapshotAt = this.#committed;
        this.stats.snapshots++;
      }
    } catch (e) {
      error ??= e;
    }
    try {
      await this.#devices.close();
    } catch (e) {
      error ??= e;
    }
    if (error !== null) {
      this.#rejectDone(error);
      throw error;
    }
    this.#resolveDone();
  }

  // ---- ticking -----------------------------------------------------------

  #pendingWrites(): boolean {
    for (const s of this.#slots) if (s && s.writes.length > s.head) return true;
    return false;
  }

  #takeInputs(): Input[] {
    const out: Input[] = [];
    const max = this.#opts.maxInputsPerTick;
    for (const s of this.#slots) {
      if (!s) continue;
      while (s.head < s.writes.length && out.length < max) {
        out.push({ worker: s.index, cmd: s.writes[s.head++] });
      }
      if (s.head === s.writes.length) {
        s.writes = [];
        s.head = 0;
      }
      if (out.length >= max) break;
    }
    return out;
  }

  async #run(): Promise<void> {
    try {
      while (!this.#stopping) {
        if (this.#live.kind === "spinning" && this.#pendingWrites()) {
          await this.#tickOnce();
          if (this.#stopping) break;
          if (
            this.#batch.length >= this.#opts.maxBatch ||
            performance.now() - this.#batchStart >= this.#opts.maxBatchMs
          ) {
            this.#commit(false);
          } else {
            await nextTurn();
          }
          continue;
        }
        if (this.#batch.length > 0) {
          this.#commit(false);
          continue;
        }
        await new Promise<void>((resolve) => (this.#wake = resolve));
        this.#wake = null;
      }
    } catch (e) {
      this.#fault = e;
      this.#log(`pallas: machine stopped: ${(e as Error).message}`);
      void this.stop().catch(() => {});
    }
  }

  async #tickOnce(): Promise<void> {
    const inputs = this.#takeInputs();
    const cog = (this.#live as { cog: Val }).cog;
    const row = inputRow(inputs);
    let outcome: Outcome;
    this.#ticking = true;
    try {
      outcome = await evaluate(tickExpr(cog, row), {
        timeoutMs: this.#opts.tickTimeoutMs,
        sliceSteps: this.#opts.sliceSteps,
        aborted: () => this.#stopping,
      });
    } catch (e) {
      throw new MachineFault(`tick ${this.#tick + 1} failed: ${(e as Error).message}`, e);
    } finally {
      this.#ticking = false;
    }
    if (outcome.kind === "aborted") return;
    this.stats.evalMs += outcome.ms;
    this.#workSinceSnapshot += outcome.ms;
    if (outcome.kind === "crash") this.#log(crashLine(outcome.op, outcome.arg));
    if (outcome.kind === "timeout") {
      this.#log(
        `pallas: tick ${this.#tick + 1} timed out after ${Math.round(outcome.ms)} ms`,
      );
    }
    const result = tickResult(cog, row, outcome);
    const n = ++this.#tick;
    this.stats.ticks++;
    if (this.#batch.length === 0) this.#batchStart = performance.now();
    const starts = this.#diffWorkers(result.state);
    const deliveries: PendingTick["deliveries"] = [];
    for (const o of result.outputs) {
      if (typeof o.worker !== "number") continue;
      const slot = this.#slots[o.worker];
      if (!slot || slot.spec.kind !== "exec" || starts.includes(slot)) continue;
      deliveries.push({ slot, key: o.key, value: o.value });
    }
    this.#batch.push({
      n,
      timeMs: Date.now(),
      receipt: receiptNoun(result.receipt),
      state: result.state,
      starts,
      deliveries,
    });
    this.#live = result.state;
  }

  /**
   * Matches the slots to the workers row of `state` (empty unless
   * spinning): entries that changed (by identity) or vanished are stopped
   * now; new ones get slots, returned to be started at release.
   */
  #diffWorkers(state: CogState): Slot[] {
    const entries = state.kind === "spinning" ? cogWorkers(state.cog) : [];
    const slots = this.#slots;
    const starts: Slot[] = [];
    for (let i = entries.length; i < slots.length; i++) {
      const s = slots[i];
      if (s) this.#stopSlot(s);
    }
    slots.length = Math.min(slots.length, entries.length);
    for (let i = 0; i < entries.length; i++) {
      const s = slots[i];
      if (s && s.entry === entries[i]) continue;
      if (s) this.#stopSlot(s);
      const fresh = new Slot(i, entries[i]);
      slots[i] = fresh;
      starts.push(fresh);
    }
    return starts;
  }

  #stopSlot(s: Slot): void {
    s.stopped = true;
    s.writes = [];
    s.head = 0;
    s.worker?.stop();
    s.job?.cancel();
  }

  #startSlot(s: Slot): void {
    if (s.stopped || s.worker !== null) return;
    if (s.spec.kind === "exec") {
      s.worker = new PumpWorker(s.index, s.spec.pump, this.#pumpHost);
      s.worker.start();
    } else if (s.spec.kind === "eval" && s.job === null) {
      // The result row becomes this worker's input, so it is logged and
      // replay never evaluates the job again.
      this.#evalPool ??= new EvalPool({ budgetMs: this.#opts.tickTimeoutMs });
      s.job = this.#evalPool.run(s.spec.fn, s.spec.args);
      s.job.result.then((r) => {
        if (s.stopped) return;
        s.writes.push(r);
        this.#wake?.();
      }, () => {});
    }
  }

  #startAll(): void {
    const s = this.#live;
    if (s.kind !== "spinning") {
      if (s.kind === "crashed") {
        this.#log(`pallas: the cog has crashed; it will not run`);
        this.#log(crashLine(s.op, s.arg));
      } else if (s.kind === "timeout") {
        this.#log(`pallas: the cog timed out; it will not run`);
      } else {
        this.#log(`pallas: the cog has finished; it will not run`);
      }
      return;
    }
    for (const slot of this.#diffWorkers(s)) this.#startSlot(slot);
  }

  /** Makes the pending ticks durable, then releases their effects in order. */
  #commit(final: boolean): void {
    const batch = this.#batch;
    const last = batch[batch.length - 1];
    let snapshot: { n: number; value: Val } | undefined;
    if (
      this.#opts.snapshots &&
      (final || this.#workSinceSnapshot >= this.#opts.snapshotIntervalMs)
    ) {
      snapshot = { n: last.n, value: stateNoun(last.state) };
    }
    this.store.append(
      batch.map((t) => ({ n: t.n, timeMs: t.timeMs, value: t.receipt })),
      snapshot,
    );
    this.#batch = [];
    this.#committed = last.n;
    this.stats.commits++;
    if (snapshot) {
      this.#snapshotAt = last.n;
      this.#workSinceSnapshot = 0;
      this.stats.snapshots++;
    }
    if (final) return;
    for (const t of batch) {
      this.#released = t.state;
      for (const s of t.starts) this.#startSlot(s);
      for (const d of t.deliveries) {
        if (!d.slot.stopped) d.slot.worker?.deliver(d.key, d.value);
      }
    }
  }

  // ---- the worker interface ------------------------------------------------

  async #runReads(): Promise<void> {
    try {
      while (this.#reads.length > 0 && !this.#stopping) {
        const { req, query } = this.#reads.shift()!;
        if (req.settled) continue;
        const st = this.#released;
        if (st.kind !== "spinning") {
          req.respond(0);
          continue;
        }
        const expr = apply(cogReadFn(st.cog), cogDb(st.cog), req.key, query);
        let o: Outcome;
        try {
          o = await evaluate(expr, {
            timeoutMs: this.#opts.stepTimeoutMs,
            sliceSteps: this.#opts.sliceSteps,
            aborted: () => this.#stopping || req.settled,
          });
        } catch (e) {
          this.#log(`pallas: read failed: ${(e as Error).message}`);
          o = { kind: "crash", op: 0, arg: 0, ms: 0 };
        }
        if (o.kind === "ok") req.respond(o.value);
        else {
          if (o.kind === "crash") this.#log(crashLine(o.op, o.arg));
          req.respond(0);
        }
      }
    } finally {
      this.#readsRunning = false;
    }
  }
}
