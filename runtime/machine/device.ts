/**
 * Devices: the hardware a pump reaches with effect rows `[d …args]` whose
 * head `d` is a nonzero nat naming the device (spec §1.6, §2).
 *
 * A device gets each request as a {@linkcode DeviceCall}: the arguments
 * after the name, a `respond` function (the first answer wins; answers to
 * cancelled calls are dropped) and an `onCancel` hook for releasing what
 * the call holds (a timer, a socket read). Calls are answered
 * asynchronously from the pump's point of view even when `respond` runs
 * inside `call`. Devices live as long as the machine: `open` runs before
 * the first worker starts (a TCP device binds its listener there) and
 * `close` at shutdown, after every call has been cancelled.
 *
 * @module
 */

import { type Nat, natFromText, type Val } from "../plan/value.ts";

/** One request made to a device. */
export interface DeviceCall {
  /** The effect row's elements after the device name. */
  readonly args: readonly Val[];
  /** Answers the call. Only the first answer counts; none after cancellation. */
  respond(value: Val): void;
  /** Registers a function run if the call is cancelled before it is answered. */
  onCancel(fn: () => void): void;
  /** True once the call has been cancelled (its worker stopped or replaced it). */
  readonly cancelled: boolean;
}

/** A device. */
export interface Device {
  /** The device's name; requests use the nat of its UTF-8 bytes. */
  readonly name: string;
  /** Starts the device (before any worker runs). */
  open?(): void | Promise<void>;
  /** Handles one request. Malformed arguments are answered with 0. */
  call(call: DeviceCall): void;
  /** Stops the device (after every call has been cancelled). */
  close?(): void | Promise<void>;
}

/** The devices of a machine, by name nat. */
export class DeviceTable {
  readonly #byName = new Map<Nat, Device>();

  /** Builds the table; device names must be distinct. */
  constructor(devices: readonly Device[]) {
    for (const d of devices) {
      const k = natFromText(d.name);
      if (this.#byName.has(k)) throw new RangeError(`duplicate device ${d.name}`);
      this.#byName.set(k, d);
    }
  }

  /** The device named by `name`, if any. */
  get(name: Nat): Device | undefined {
    return this.#byName.get(name);
  }

  /** All devices. */
  all(): Device[] {
    return [...this.#byName.values()];
  }

  /** Opens every device. */
  async open(): Promise<void> {
    for (const d of this.#byName.values()) await d.open?.();
  }

  /** Closes every device. */
  async close(): Promise<void> {
    for (const d of this.#byName.values()) await d.close?.();
  }
}
