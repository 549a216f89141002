/**
 * The time device on a fake clock: `when`, `wait` (past, future, earliest
 * first, cancelled, never), malformed requests.
 */

import assert from "node:assert/strict";
import { TimeDevice } from "../runtime/machine/devices/time.ts";
import type { Clock } from "../runtime/machine/devices/clock.ts";
import { LiveRequest } from "../runtime/machine/request.ts";
import type { Val } from "../runtime/plan/value.ts";
import { I, t } from "./machine_cogs.ts";

/** A clock whose time moves only when the test says so. */
class FakeClock implements Clock {
  ms = 1_700_000_000_000;
  timers: { at: number; fn: () => void; id: number }[] = [];
  #next = 1;
  now(): number {
    return this.ms;
  }
  set(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.timers.push({ at: this.ms + ms, fn, id });
    return id;
  }
  clear(h: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== h);
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.ms + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const first = this.timers[0];
      if (!first || first.at > end) break;
      this.timers.shift();
      this.ms = Math.max(this.ms, first.at);
      first.fn();
    }
    this.ms = end;
  }
}

function call(dev: TimeDevice, args: Val[]): { req: LiveRequest; answers: Val[] } {
  const answers: Val[] = [];
  const req = new LiveRequest(0, args, (_r, v) => answers.push(v));
  dev.call(req);
  return { req, answers };
}

Deno.test("time: when answers the Unix time in whole seconds at once", () => {
  const clock = new FakeClock();
  clock.ms = 1_700_000_000_999;
  const dev = new TimeDevice(clock);
  assert.deepEqual(call(dev, [t("when")]).answers, [1_700_000_000]);
});

Deno.test("time: a wait in the past fires at once, one in the future when its second comes", () => {
  const clock = new FakeClock();
  const dev = new TimeDevice(clock);
  const now = 1_700_000_000;
  assert.deepEqual(call(dev, [t("wait"), now]).answers, [0]);
  assert.deepEqual(call(dev, [t("wait"), 5]).answers, [0]);
  const later = call(dev, [t("wait"), now + 2]);
  const sooner = call(dev, [t("wait"), now + 1]);
  assert.deepEqual([later.answers, sooner.answers], [[], []]);
  assert.equal(clock.timers.length, 1, "one alarm, for the earliest wait");
  clock.advance(999);
  assert.deepEqual(sooner.answers, []);
  clock.advance(1);
  assert.deepEqual([later.answers, sooner.answers], [[], [0]]);
  clock.advance(1000);
  assert.deepEqual(later.answers, [0]);
  assert.equal(dev.pending, 0);
  assert.equal(clock.timers.length, 0);
});

Deno.test("time: cancelled waits never fire; the alarm moves to the next one", () => {
  const clock = new FakeClock();
  const dev = new TimeDevice(clock);
  const now = 1_700_000_000;
  const a = call(dev, [t("wait"), now + 1]);
  const b = call(dev, [t("wait"), now + 3]);
  a.req.cancel();
  clock.advance(1500);
  assert.deepEqual(a.answers, []);
  assert.equal(dev.pending, 1);
  clock.advance(1500);
  assert.deepEqual(b.answers, [0]);
});

Deno.test("time: waits at or past 2^63 never fire; malformed requests get 0", () => {
  const clock = new FakeClock();
  const dev = new TimeDevice(clock);
  const never = call(dev, [t("wait"), 2n ** 63n]);
  clock.advance(10 ** 12);
  assert.deepEqual(never.answers, []);
  const bad: Val[][] = [[t("wait")], [t("when"), 1], [t("wait"), I], [t("nope")], []];
  bad.forEach((args, i) => assert.deepEqual(call(dev, args).answers, [0], `case ${i}`));
  dev.close();
  const late = call(dev, [t("wait"), dev.seconds() + 100]);
  clock.advance(10 ** 6);
  assert.deepEqual(late.answers, [], "a closed device sets no alarm");
});
