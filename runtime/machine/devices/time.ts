/**
 * The `time` device (spec §2.1).
 *
 * | request | answer |
 * |---|---|
 * | `[%time %when]` | the Unix time in whole seconds, at once |
 * | `[%time %wait t]` | `0` once the clock (whole seconds) reaches `t`; at once if it has |
 *
 * A wait for `t ≥ 2^63` never fires; anything else is answered `0` at once.
 * One alarm is set, for the earliest pending wait; a cancelled wait is just
 * forgotten.
 *
 * @module
 */

import { natFromText, type Val } from "../../plan/value.ts";
import type { Device, DeviceCall } from "../device.ts";
import { type Clock, systemClock } from "./clock.ts";

const WHEN = natFromText("when");
const WAIT = natFromText("wait");

/** The longest delay `setTimeout` accepts, in ms. */
const MAX_DELAY = 2 ** 31 - 1;

interface Wait {
  readonly at: number;
  readonly call: DeviceCall;
}

/** The time device. */
export class TimeDevice implements Device {
  /** Device name. */
  readonly name = "time";
  readonly #clock: Clock;
  /** Pending waits, sorted by time (earliest last). */
  readonly #waits: Wait[] = [];
  #alarm: unknown = null;
  #alarmAt = Infinity;
  #closed = false;

  /** Creates the device on a clock (default: the system clock). */
  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** The current Unix time in whole seconds. */
  seconds(): number {
    return Math.floor(this.#clock.now() / 1000);
  }

  /** Handles `when` and `wait`. */
  call(c: DeviceCall): void {
    const a = c.args;
    if (a.length === 1 && a[0] === WHEN) {
      c.respond(this.seconds());
      return;
    }
    if (a.length === 2 && a[0] === WAIT && typeof a[1] !== "object") {
      this.#wait(c, a[1]);
      return;
    }
    c.respond(0);
  }

  /** Number of waits not yet answered or cancelled (for tests). */
  get pending(): number {
    return this.#waits.filter((w) => !w.call.cancelled).length;
  }

  /** Cancels the alarm. */
  close(): void {
    this.#closed = true;
    this.#disarm();
    this.#waits.length = 0;
  }

  #wait(c: DeviceCall, t: number | bigint): void {
    if (typeof t === "bigint") return; // beyond 2^53 s: never, in practice or by spec
    if (this.seconds() >= t) {
      c.respond(0);
      return;
    }
    // Keep the list sorted descending by time, so the earliest is last.
    const w = this.#waits;
    let lo = 0, hi = w.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (w[mid].at > t) lo = mid + 1;
      else hi = mid;
    }
    w.splice(lo, 0, { at: t, call: c });
    this.#arm();
  }

  #disarm(): void {
    if (this.#alarm !== null) this.#clock.clear(this.#alarm);
    this.#alarm = null;
    this.#alarmAt = Infinity;
  }

  #arm(): void {
    const w = this.#waits;
    while (w.length > 0 && w[w.length - 1].call.cancelled) w.pop();
    if (this.#closed || w.length === 0) {
      this.#disarm();
      return;
    }
    const at = w[w.length - 1].at;
    if (this.#alarm !== null && this.#alarmAt === at) return;
    this.#disarm();
    const delay = Math.min(MAX_DELAY, Math.max(0, at * 1000 - this.#clock.now()));
    this.#alarmAt = at;
    this.#alarm = this.#clock.set(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#alarm = null;
    this.#alarmAt = Infinity;
    const now = this.seconds();
    const w = this.#waits;
    const due: DeviceCall[] = [];
    while (w.length > 0 && w[w.length - 1].at <= now) due.push(w.pop()!.call);
    for (const c of due) if (!c.cancelled) c.respond(0 as Val);
    this.#arm();
  }
}
