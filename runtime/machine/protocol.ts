/**
 * Decoding the nouns of the worker protocol (spec §1.3–1.6): workers-row
 * entries, a pump's request row, effect rows and a tick's outputs.
 *
 * @module
 */

import { CLO, deref, type Nat, natFromText, type Val } from "../plan/value.ts";
import { rowItems } from "../plan/shapes.ts";

/** `%read` */
export const READ: Nat = natFromText("read");
/** `%write` */
export const WRITE: Nat = natFromText("write");

/** What a workers-row entry asks for. */
export type WorkerSpec =
  | { readonly kind: "exec"; readonly pump: Val }
  | { readonly kind: "eval"; readonly fn: Val; readonly args: Val[] }
  | { readonly kind: "none" };

/** Decodes a workers-row entry: `[1 pump]`, `[0 f args]` or anything else. */
export function parseWorker(entry: Val): WorkerSpec {
  const xs = rowItems(entry);
  if (xs !== null) {
    if (xs.length === 2 && xs[0] === 1) return { kind: "exec", pump: xs[1] };
    if (xs.length === 3 && xs[0] === 0) {
      const args = rowItems(xs[2]);
      if (args !== null) return { kind: "eval", fn: xs[1], args };
    }
  }
  return { kind: "none" };
}

/** One request a pump lists: key and effect row. */
export interface RequestSpec {
  /** The request key (the pump hears the answer as `(P key answer)`). */
  readonly key: Nat;
  /** The effect row's elements. */
  readonly effect: readonly Val[];
}

/**
 * The requests a pump lists: its last applied argument must be a row of
 * `[key effect]` pairs (a nat key and a row); other entries are ignored.
 */
export function pumpRequests(pump: Val): RequestSpec[] {
  pump = deref(pump);
  if (typeof pump !== "object" || pump.t !== CLO) return [];
  const reqs = rowItems(pump.args[pump.args.length - 1]);
  if (reqs === null) return [];
  const out: RequestSpec[] = [];
  for (const r of reqs) {
    const pair = rowItems(r);
    if (pair === null || pair.length !== 2 || typeof pair[0] === "object") continue;
    const effect = rowItems(pair[1]);
    if (effect === null) continue;
    out.push({ key: pair[0], effect });
  }
  return out;
}

/** What an effect row asks for. */
export type Effect =
  | { readonly kind: "read"; readonly query: Val }
  | { readonly kind: "write"; readonly cmd: Val }
  | { readonly kind: "device"; readonly device: Nat; readonly args: readonly Val[] }
  | { readonly kind: "drop" };

/**
 * Classifies an effect row: `[0 %read q …]`, `[0 %write c …]`, `[d …args]`
 * with a nonzero nat `d`; anything else is dropped (never answered).
 */
export function parseEffect(e: readonly Val[]): Effect {
  if (e.length === 0) return { kind: "drop" };
  const head = e[0];
  if (head === 0) {
    if (e.length >= 3 && e[1] === READ) return { kind: "read", query: e[2] };
    if (e.length >= 3 && e[1] === WRITE) return { kind: "write", cmd: e[2] };
    return { kind: "drop" };
  }
  if (typeof head === "object") return { kind: "drop" };
  return { kind: "device", device: head, args: e.slice(1) };
}

/** One output of a tick: answer `value` to request `key` of worker `worker`. */
export interface Output {
  /** Worker index. */
  readonly worker: Nat;
  /** Request key, as the pump will hear it. */
  readonly key: Nat;
  /** The answer. */
  readonly value: Val;
}

/**
 * Decodes a tick's outputs: a row of `[w k v]` triples with nats `w` and
 * `k`. If any element fails to decode, there are no outputs at all.
 */
export function parseOutputs(o: Val): Output[] {
  const xs = rowItems(o);
  if (xs === null) return [];
  const out: Output[] = [];
  for (const x of xs) {
    const t = rowItems(x);
    if (t === null || t.length !== 3) return [];
    const [w, k, v] = t;
    if (typeof w === "object" || typeof k === "object") return [];
    out.push({ worker: w, key: k, value: v });
  }
  return out;
}
