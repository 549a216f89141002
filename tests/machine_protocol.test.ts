/**
 * The machine's pure parts: protocol decoding, cog states and receipts,
 * tick results, and sliced evaluation (crash, loop, time-out, abort).
 */

import assert from "node:assert/strict";
import { force } from "../runtime/plan/eval.ts";
import { equal } from "../runtime/plan/compare.ts";
import { readPlan } from "../runtime/plan/text.ts";
import { apply, natFromText, row, type Val } from "../runtime/plan/value.ts";
import {
  parseEffect,
  parseOutputs,
  parseWorker,
  pumpRequests,
} from "../runtime/machine/protocol.ts";
import {
  classify,
  cogDb,
  cogReadFn,
  cogWorkers,
  idxFromEnd,
  stateFromNoun,
  stateNoun,
} from "../runtime/machine/cog.ts";
import { receiptFromNoun, receiptNoun } from "../runtime/machine/receipt.ts";
import { evaluate, evaluateNow, LOOP_OP } from "../runtime/machine/evaluate.ts";
import { inputRow, tickExpr, tickResult } from "../runtime/machine/tick.ts";
import { applyReceipt } from "../runtime/machine/replay.ts";
import { render } from "../runtime/machine/render.ts";
import { commandCog, counterCog, counterOf, SPIN, t, writer } from "./machine_cogs.ts";

const v = (s: string): Val => force(readPlan(s));

Deno.test("protocol: workers-row entries", () => {
  assert.equal(parseWorker(row([1, 7])).kind, "exec");
  const e = parseWorker(row([0, 5, row([1, 2])]));
  assert.equal(e.kind, "eval");
  assert.equal(parseWorker(row([0, 5, 3])).kind, "none");
  assert.equal(parseWorker(row([1, 7, 8])).kind, "none");
  assert.equal(parseWorker(0).kind, "none");
  assert.equal(parseWorker(row([2, 7])).kind, "none");
});

Deno.test("protocol: a pump's request row keeps well-formed [key effect] pairs", () => {
  const pump = force(apply(
    v("{%p 3 0}"),
    row([
      row([1, row([t("time"), t("when")])]),
      row([2, 5]), // effect not a row
      row([row([]), row([1])]), // key not a nat
      row([3, row([0, t("read"), 9])]),
      row([4, row([1]), 5]), // not a pair
    ]),
  ));
  const reqs = pumpRequests(pump);
  assert.deepEqual(reqs.map((r) => r.key), [1, 3]);
  assert.deepEqual(pumpRequests(7), []);
  assert.deepEqual(pumpRequests(force(apply(v("{%p 3 0}"), 5))), []);
});

Deno.test("protocol: effect rows", () => {
  assert.deepEqual(parseEffect([0, t("read"), 5]), { kind: "read", query: 5 });
  assert.deepEqual(parseEffect([0, t("read"), 5, 6]), { kind: "read", query: 5 });
  assert.deepEqual(parseEffect([0, t("write"), 5]), { kind: "write", cmd: 5 });
  assert.equal(parseEffect([0, t("write")]).kind, "drop");
  assert.equal(parseEffect([0, t("other"), 1]).kind, "drop");
  assert.equal(parseEffect([]).kind, "drop");
  assert.equal(parseEffect([row([]), 1]).kind, "drop");
  assert.deepEqual(parseEffect([t("time"), t("when")]), {
    kind: "device",
    device: t("time"),
    args: [t("when")],
  });
});

Deno.test("protocol: outputs decode all-or-nothing", () => {
  const ok = parseOutputs(row([row([0, 3, 9]), row([2, 1, row([])])]));
  assert.deepEqual(ok.map((o) => [o.worker, o.key]), [[0, 3], [2, 1]]);
  assert.deepEqual(parseOutputs(row([row([0, 3, 9]), row([0, 3])])), []);
  assert.deepEqual(parseOutputs(row([row([0, row([]), 9])])), []);
  assert.deepEqual(parseOutputs(5), []);
});

Deno.test("cog: accessors count from the end of the closure", () => {
  const cog = counterCog();
  assert.equal(cogWorkers(cog).length, 1);
  assert.ok(equal(cogDb(cog), row([0, 0])));
  assert.equal(typeof cogReadFn(cog), "object");
  assert.equal(idxFromEnd(5, 0), 0);
  assert.equal(idxFromEnd(cog, 9), 0);
  assert.equal(classify(cog).kind, "spinning");
  assert.equal(classify(force(apply(v("{%c 2 0}"), row([0, 0])))).kind, "finished");
  assert.equal(classify(0).kind, "finished");
});

Deno.test("cog: state nouns and receipts round-trip", () => {
  const cog = counterCog();
  const states = [
    { kind: "spinning", cog },
    { kind: "finished", cog },
    { kind: "crashed", op: 9, arg: row([1]), cog },
    { kind: "timeout", ns: 123456789, cog },
  ] as const;
  for (const s of states) {
    const back = stateFromNoun(force(stateNoun(s)));
    assert.ok(back !== null && back.kind === s.kind);
    assert.ok(equal(force(stateNoun(back)), force(stateNoun(s))));
  }
  assert.equal(stateFromNoun(row([7, 1])), null);
  assert.equal(stateFromNoun(row([2, 1])), null);
  const receipts = [
    { kind: "ok", inputs: row([row([0, 5])]) },
    { kind: "crashed", op: 5, arg: 0 },
    { kind: "timeout", ns: 30 },
  ] as const;
  for (const r of receipts) {
    const back = receiptFromNoun(force(receiptNoun(r)));
    assert.ok(back !== null && back.kind === r.kind);
  }
  assert.equal(receiptFromNoun(row([0, 5])), null);
  assert.equal(receiptFromNoun(row([3, 5])), null);
});

Deno.test("tick: the counter cog counts, records its inputs and answers worker 0", () => {
  let cog = counterCog();
  for (let k = 0; k < 5; k++) {
    const inputs = inputRow([{ worker: 0, cmd: k }]);
    const r = tickResult(cog, inputs, evaluateNow(tickExpr(cog, inputs)));
    assert.equal(r.state.kind, "spinning");
    assert.deepEqual(r.outputs.map((o) => [o.worker, o.key, o.value]), [[0, 3, k + 1]]);
    cog = r.state.cog;
  }
  const c = counterOf(cog);
  assert.equal(c.n, 5);
  assert.deepEqual(c.inputs.map(render), [0, 1, 2, 3, 4].map((k) => `[[0 ${k}]]`));
});

Deno.test("tick: crash, finish and malformed results", () => {
  const cog = commandCog([writer([])]);
  const run = (cmd: number) => {
    const inputs = inputRow([{ worker: 0, cmd }, { worker: 0, cmd: 9 }]);
    return tickResult(cog, inputs, evaluateNow(tickExpr(cog, inputs)));
  };
  const crashed = run(1);
  assert.equal(crashed.state.kind, "crashed");
  assert.equal(crashed.receipt.kind, "crashed");
  if (crashed.state.kind === "crashed") {
    assert.equal(crashed.state.op, natFromText("boom"));
    assert.equal(crashed.state.cog, cog);
  }
  const finished = run(3);
  assert.equal(finished.state.kind, "finished");
  assert.deepEqual(finished.outputs, []);
  // A cog whose result is not a pair finishes with cog 0.
  const bad = v("(<{%bad 2 (2 5)}> 0)");
  const r = tickResult(bad, row([]), evaluateNow(tickExpr(bad, row([]))));
  assert.deepEqual(r.state, { kind: "finished", cog: 0 });
});

Deno.test("replay: applying receipts follows the live rules and refuses impossible logs", () => {
  const cog = commandCog([writer([])]);
  const s0 = { kind: "spinning", cog } as const;
  const a = applyReceipt(
    s0,
    { kind: "ok", inputs: inputRow([{ worker: 0, cmd: 0 }]) },
    1,
  );
  assert.equal(a.state.kind, "spinning");
  const b = applyReceipt(a.state, { kind: "timeout", ns: 5 }, 2);
  assert.equal(b.state.kind, "timeout");
  assert.throws(
    () => applyReceipt(b.state, { kind: "ok", inputs: row([]) }, 3),
    /tick 3: the log has a tick for a cog that had timeout/,
  );
  assert.throws(
    () => applyReceipt(s0, { kind: "ok", inputs: inputRow([{ worker: 0, cmd: 1 }]) }, 4),
    /succeeded when it ran but crashed on replay/,
  );
});

Deno.test("evaluate: ok, crash, <<loop>>, time-out and abort", async () => {
  const ok = await evaluate(apply(3, 4));
  assert.equal(ok.kind, "ok");
  const crash = await evaluate(readPlan("(%oops 1)"));
  assert.deepEqual([crash.kind, crash.kind === "crash" && crash.op], [
    "crash",
    t("oops"),
  ]);
  const arity0 = await evaluate(readPlan("(0 0 0 0)"));
  assert.deepEqual(arity0.kind === "crash" && [arity0.op, arity0.arg], [0, 0]);
  const loop = await evaluate(readPlan("({%f 1 (1 2 2)} 0)"));
  assert.deepEqual(loop.kind === "crash" && [loop.op, loop.arg], [LOOP_OP, 0]);
  const spin = await evaluate(apply(SPIN, 0), { timeoutMs: 50, sliceSteps: 1000 });
  assert.equal(spin.kind, "timeout");
  let polls = 0;
  const aborted = await evaluate(apply(SPIN, 0), {
    sliceSteps: 1000,
    aborted: () => ++polls > 3,
  });
  assert.equal(aborted.kind, "aborted");
  assert.equal(LOOP_OP, t("loop"));
});

Deno.test("evaluate: slicing resumes where it stopped (same result as one go)", async () => {
  // A let-bound value that needs many steps: (2 0 ... ) counting down 20000.
  const down = v("<{%down 1 (0 (0 (0 (2 2) (2 0)) 0) 1)}>");
  const expr = apply(down, 20000);
  const sliced = await evaluate(expr, { sliceSteps: 7, timeoutMs: 20_000 });
  assert.equal(sliced.kind, "ok");
  assert.equal(sliced.kind === "ok" && sliced.value, 0);
});
