import assert from "node:assert/strict";
import { verb } from "../cmd/show.ts";
import { Pin } from "../runtime/plan/value.ts";
import { makeRow } from "../runtime/plan/shapes.ts";
import { showPlan } from "../runtime/plan/text.ts";
import { savePod, saveSeed } from "../runtime/seed/mod.ts";

/** Runs the verb on a file holding `bytes`; returns exit code and output. */
async function show(
  bytes: Uint8Array,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const path = await Deno.makeTempFile({ suffix: ".seed" });
  const out: string[] = [], err: string[] = [];
  const { log, error } = console;
  console.log = (s: string) => out.push(s);
  console.error = (s: string) => err.push(s);
  try {
    await Deno.writeFile(path, bytes);
    return { code: await verb.run([path]), out, err };
  } finally {
    console.log = log;
    console.error = error;
    await Deno.remove(path);
  }
}

Deno.test("pallas show: prints a seed's value", async () => {
  const v = makeRow([3, 4]);
  const r = await show(saveSeed(v));
  assert.equal(r.code, 0);
  assert.deepEqual(r.out, [showPlan(v)]);
});

Deno.test("pallas show: prints a pod's top pin", async () => {
  const p = new Pin(makeRow([new Pin(7), 8]));
  const r = await show(savePod(p));
  assert.equal(r.code, 0);
  assert.deepEqual(r.out, [showPlan(p)]);
});

Deno.test("pallas show: malformed input exits 1 with the offset", async () => {
  const r = await show(saveSeed(makeRow([3, 4])).subarray(0, 44));
  assert.equal(r.code, 1);
  assert.match(r.err[0], /at byte \d+/);
  assert.equal(await verb.run([]), 2);
});
