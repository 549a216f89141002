/**
 * Helpers shared by the Sire compiler tests.
 *
 * @module
 */

import { force } from "../runtime/plan/eval.ts";
import { readPlan } from "../runtime/plan/text.ts";
import { equal } from "../runtime/plan/compare.ts";
import { natFromText, type Val } from "../runtime/plan/value.ts";
import { showPlan } from "../runtime/plan/text.ts";
import {
  bindingOf,
  lookupBinding,
  runText,
  Session,
  type SireEvent,
} from "../sire/compiler/mod.ts";
import { AssertionError } from "node:assert/strict";

/** Runs Sire source (no module header needed) in a fresh session. */
export function sire(src: string, events?: SireEvent[]): Session {
  const sess = new Session(undefined, { onEvent: (e) => events?.push(e) });
  runText(sess, src, "test.sire");
  return sess;
}

/** The value bound to `name` in the session's scope (throws if unbound). */
export function valueOf(sess: Session, name: string): Val {
  const b = lookupBinding(sess.state, natFromText(name));
  if (b === undefined) throw new Error(`unbound: ${name}`);
  return bindingOf(b).value;
}

/** The normal form of a value written in PLAN text notation. */
export function plan(text: string): Val {
  return force(readPlan(text));
}

/** Asserts two PLAN values are structurally equal, showing both if not. */
export function assertPlan(actual: Val, expected: Val | string): void {
  const want = typeof expected === "string" ? plan(expected) : expected;
  if (!equal(force(actual), want)) {
    throw new AssertionError({
      message: `PLAN values differ:\n  actual:   ${showPlan(actual)}\n  expected: ${
        showPlan(want)
      }`,
      actual: showPlan(actual),
      expected: showPlan(want),
    });
  }
}
