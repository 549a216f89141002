/**
 * A tiny in-memory model of the machine protocol (cogs, EXEC workers,
 * pumps, DB_READ/DB_WRITE and the time device with a fake clock), for
 * testing the library's kernel without the real runtime.
 *
 * @module
 */

import { force } from "../runtime/plan/eval.ts";
import { apply, Clo, natFromText, row, type Val } from "../runtime/plan/value.ts";
import { rowItems } from "../sire/compiler/tab.ts";

const TIME = natFromText("time");
const WHEN = natFromText("when");
const WAIT = natFromText("wait");
const READ = natFromText("read");
const WRITE = natFromText("write");

/** Argument `i` positions back from the last one of a closure (0 if none). */
export function cloArg(v: Val, i: number): Val {
  const c = force(v);
  if (!(c instanceof Clo)) return 0;
  return c.args[c.args.length - 1 - i] ?? 0;
}

function item(v: Val, i: number): Val {
  return rowItems(force(v))?.[i] ?? 0;
}

interface Pending {
  worker: number;
  key: Val;
  effect: Val;
}

/** A simulated machine running a cog. */
export class Machine {
  /** The current cog (machine value). */
  cog: Val;
  /** The fake clock, in seconds. */
  clock: number;
  /** Requests not yet answered, oldest first. */
  pending: Pending[] = [];
  /** Current pump of each worker. */
  pumps: Val[] = [];
  /** Number of cog ticks so far. */
  ticks = 0;

  /** Starts the machine: spawns the EXEC workers of the cog. */
  constructor(cog: Val, clock = 1_000_000) {
    this.cog = force(cog);
    this.clock = clock;
    (rowItems(force(cloArg(this.cog, 0))) ?? []).forEach((w, i) => {
      if (item(w, 0) === 1) this.register(i, item(w, 1));
    });
  }

  private register(worker: number, pump: Val): void {
    this.pumps[worker] = force(pump);
    for (const r of rowItems(force(cloArg(pump, 0))) ?? []) {
      this.pending.push({ worker, key: item(r, 0), effect: item(r, 1) });
    }
  }

  /** Handles one pending request; false when nothing is pending. */
  step(): boolean {
    const p = this.pending.shift();
    if (p === undefined) return false;
    const e = rowItems(force(p.effect)) ?? [];
    let resp: Val;
    if (e[0] === 0 && e[1] === READ) {
      resp = force(apply(cloArg(this.cog, 1), cloArg(this.cog, 2), p.key, e[2]));
    } else if (e[0] === 0 && e[1] === WRITE) {
      const out = force(apply(this.cog, row([row([p.worker, e[2]])])));
      this.cog = force(item(out, 0));
      this.ticks++;
      for (const o of rowItems(force(item(out, 1))) ?? []) {
        const w = Number(item(o, 0));
        if (this.pumps[w] !== undefined) {
          this.register(w, apply(this.pumps[w], item(o, 1), item(o, 2)));
        }
      }
      return true;
    } else if (e[0] === TIME && e[1] === WHEN) {
      resp = this.clock;
    } else if (e[0] === TIME && e[1] === WAIT) {
      this.clock = Math.max(this.clock, Number(e[2]));
      resp = 0;
    } else {
      resp = 0;
    }
    this.register(p.worker, apply(this.pumps[p.worker], p.key, resp));
    return true;
  }

  /** Handles up to `n` requests. */
  run(n: number): void {
    for (let i = 0; i < n && this.step(); i++);
  }
}
