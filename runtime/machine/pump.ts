/**
 * EXEC workers: running a pump (spec §1.5).
 *
 * A pump is a closure whose last applied argument is its request row
 * `[[key effect] …]`. When it starts, and after every step, each listed
 * request is registered (a key already live is replaced). When request
 * `k` is answered with `v` — by a device, by a read, or by a cog output —
 * the pump becomes `(P k v)` in normal form; a crash or time-out restarts
 * it from its initial pump. Answers are processed one at a time: device
 * and read answers in ascending key order, then cog outputs in arrival
 * order. Writes go to the machine and are never answered.
 *
 * @module
 */

import { apply, type Nat, natBytes, type Val } from "../plan/value.ts";
import type { DeviceTable } from "./device.ts";
import { evaluate, type Outcome } from "./evaluate.ts";
import { parseEffect, pumpRequests } from "./protocol.ts";
import { LiveRequest } from "./request.ts";

/** What a pump needs from its machine. */
export interface PumpHost {
  /** The machine's devices. */
  readonly devices: DeviceTable;
  /** Limit for one pump step, in ms. */
  readonly stepTimeoutMs: number;
  /** Steps per evaluation slice. */
  readonly sliceSteps: number;
  /** Queues `cmd` as cog input from `worker`. */
  write(worker: PumpWorker, cmd: Val): void;
  /** Evaluates a read for `req` and answers it. */
  read(req: LiveRequest, query: Val): void;
  /** Reports a crashed or timed-out step. */
  failed(worker: PumpWorker, outcome: Outcome): void;
  /** Reports a diagnostic line. */
  warn(line: string): void;
}

interface Answer {
  readonly key: Nat;
  readonly value: Val;
}

function deviceName(d: Nat): string {
  const bytes = natBytes(d);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return /^[\x20-\x7e]+$/.test(text) ? JSON.stringify(text) : String(d);
}

/** A running EXEC worker. */
export class PumpWorker {
  /** The worker's index in the cog's workers row. */
  readonly index: number;
  /** The pump the worker started from (and restarts from). */
  readonly initial: Val;
  readonly #host: PumpHost;
  #pump: Val;
  readonly #live = new Map<Nat, LiveRequest>();
  #answers: Answer[] = [];
  #outputs: Answer[] = [];
  #running = false;
  #stopped = false;
  #steps = 0;

  /** Creates the worker (call {@linkcode start} to run it). */
  constructor(index: number, pump: Val, host: PumpHost) {
    this.index = index;
    this.initial = pump;
    this.#pump = pump;
    this.#host = host;
  }

  /** The pump's current value. */
  get pump(): Val {
    return this.#pump;
  }

  /** Number of steps taken. */
  get steps(): number {
    return this.#steps;
  }

  /** True once stopped. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** Keys of the live requests, ascending (for tests and diagnostics). */
  liveKeys(): Nat[] {
    return [...this.#live.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Registers the initial pump's requests. */
  start(): void {
    this.#register(this.#pump);
  }

  /** Delivers a cog output: `(P key value)`, as if request `key` were answered. */
  deliver(key: Nat, value: Val): void {
    if (this.#stopped) return;
    const old = this.#live.get(key);
    if (old !== undefined) {
      this.#live.delete(key);
      old.cancel();
    }
    this.#outputs.push({ key, value });
    this.#kick();
  }

  /** Stops the worker: cancels its live requests and drops pending answers. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    const reqs = [...this.#live.values()];
    this.#live.clear();
    this.#answers = [];
    this.#outputs = [];
    for (const r of reqs) r.cancel();
  }

  #register(pump: Val): void {
    for (const { key, effect } of pumpRequests(pump)) {
      if (this.#stopped) return;
      const e = parseEffect(effect);
      switch (e.kind) {
        case "drop":
          break;
        case "write":
          this.#host.write(this, e.cmd);
          break;
        case "read": {
          const req = this.#add(key, []);
          this.#host.read(req, e.query);
          break;
        }
        case "device": {
          const req = this.#add(key, e.args);
          const dev = this.#host.devices.get(e.device);
          if (dev === undefined) {
            this.#host.warn(`no such device: ${deviceName(e.device)}`);
            req.respond(0);
          } else {
            dev.call(req);
          }
          break;
        }
      }
    }
  }

  #add(key: Nat, args: readonly Val[]): LiveRequest {
    const old = this.#live.get(key);
    const req = new LiveRequest(key, args, (r, v) => this.#answered(r, v));
    this.#live.set(key, req);
    old?.cancel();
    return req;
  }

  #answered(req: LiveRequest, value: Val): void {
    if (this.#stopped || this.#live.get(req.key) !== req) return;
    this.#live.delete(req.key);
    this.#answers.push({ key: req.key, value });
    this.#kick();
  }

  #kick(): void {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    queueMicrotask(() => void this.#run());
  }

  async #run(): Promise<void> {
    try {
      while (!this.#stopped && (this.#answers.length > 0 || this.#outputs.length > 0)) {
        const batch = this.#answers.sort((
          a,
          b,
        ) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .concat(this.#outputs);
        this.#answers = [];
        this.#outputs = [];
        for (const a of batch) {
          if (this.#stopped) return;
          await this.#step(a);
        }
      }
    } finally {
      this.#running = false;
    }
  }

  async #step(a: Answer): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await evaluate(apply(this.#pump, a.key, a.value), {
        timeoutMs: this.#host.stepTimeoutMs,
        sliceSteps: this.#host.sliceSteps,
        aborted: () => this.#stopped,
      });
    } catch (e) {
      // An internal error (e.g. out of memory): treat it like a crash.
      this.#host.warn(`pump ${this.index} failed: ${(e as Error).message}`);
      outcome = { kind: "crash", op: 0, arg: 0, ms: 0 };
    }
    if (outcome.kind === "aborted" || this.#stopped) return;
    this.#steps++;
    if (outcome.kind === "ok") {
      this.#pump = outcome.value;
    } else {
      this.#host.failed(this, outcome);
      this.#pump = this.initial;
    }
    this.#register(this.#pump);
  }
}
