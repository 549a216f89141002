/**
 * A live request: one entry of a pump's request table, also the
 * {@linkcode DeviceCall} a device (or the read handler) answers.
 *
 * @module
 */

import type { Nat, Val } from "../plan/value.ts";
import type { DeviceCall } from "./device.ts";

/** One live request of a pump. */
export class LiveRequest implements DeviceCall {
  /** The request key. */
  readonly key: Nat;
  /** Arguments after the device name (empty for reads). */
  readonly args: readonly Val[];
  readonly #onAnswer: (req: LiveRequest, value: Val) => void;
  #cancels: (() => void)[] = [];
  #done = false;
  #cancelled = false;

  /** Creates a request; `onAnswer` receives its first answer. */
  constructor(
    key: Nat,
    args: readonly Val[],
    onAnswer: (req: LiveRequest, value: Val) => void,
  ) {
    this.key = key;
    this.args = args;
    this.#onAnswer = onAnswer;
  }

  /** True once cancelled. */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** True once answered or cancelled. */
  get settled(): boolean {
    return this.#done;
  }

  /** Answers the request (first answer only; ignored once cancelled). */
  respond(value: Val): void {
    if (this.#done) return;
    this.#done = true;
    this.#cancels = [];
    this.#onAnswer(this, value);
  }

  /** Registers a clean-up run on cancellation. */
  onCancel(fn: () => void): void {
    if (this.#done) return;
    this.#cancels.push(fn);
  }

  /** Cancels the request (no effect once answered). */
  cancel(): void {
    if (this.#done) return;
    this.#done = true;
    this.#cancelled = true;
    const fns = this.#cancels;
    this.#cancels = [];
    for (const f of fns) f();
  }
}
