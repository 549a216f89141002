/**
 * Damaged stores: `pallas start` on a truncated file, a damaged tick, a
 * broken database page or a foreign format version prints one clear line,
 * exits 1, and leaves the file byte for byte as it was.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { MachineStore } from "../runtime/store/store.ts";
import { STORE_FILE } from "../runtime/store/schema.ts";
import { encodeValue } from "../runtime/store/codec.ts";
import { receiptNoun } from "../runtime/machine/receipt.ts";
import { inputRow } from "../runtime/machine/tick.ts";
import { blake3 } from "../runtime/plan/blake3.ts";
import { counterFixture, isTick, Pallas, pallas } from "./machine_proc.ts";

/** Boots the counter and runs it (snapshots off) to at least 12 ticks. */
async function machine(): Promise<{ dir: string; file: string }> {
  const { seed, dir } = counterFixture();
  assert.equal((await pallas(["boot", dir, seed])).code, 0);
  const run = new Pallas(["start", dir, "-S"]);
  await run.waitFor(isTick(12));
  run.kill("SIGINT");
  assert.equal((await run.status()).code, 0);
  return { dir, file: `${dir}/${STORE_FILE}` };
}

function digest(file: string): string {
  return blake3(Deno.readFileSync(file)).join(",");
}

async function refused(dir: string, file: string, re: RegExp): Promise<void> {
  const before = digest(file);
  const r = await pallas(["start", dir]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], re);
  assert.equal(digest(file), before, "the store was changed");
  // Still refused the second time: nothing was "repaired".
  assert.equal((await pallas(["start", dir])).code, 1);
}

Deno.test("corrupt: a truncated store is refused and left as it was", async () => {
  const { dir, file } = await machine();
  const bytes = Deno.readFileSync(file);
  Deno.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await refused(
    dir,
    file,
    /^pallas: .*machine\.db.*(malformed|damaged|corrupt|missing|gap|ends early)/i,
  );
});

Deno.test("corrupt: a damaged tick record is found by its checksum", async () => {
  const { dir, file } = await machine();
  const body =
    encodeValue(receiptNoun({ kind: "ok", inputs: inputRow([{ worker: 0, cmd: 4 }]) }))
      .body;
  const bytes = Deno.readFileSync(file);
  let at = -1;
  outer: for (let i = 0; i + body.length <= bytes.length; i++) {
    for (let j = 0; j < body.length; j++) if (bytes[i + j] !== body[j]) continue outer;
    at = i;
    break;
  }
  assert.ok(at >= 0, "tick 5's record is in the file");
  bytes[at + body.length - 9] ^= 0x40;
  Deno.writeFileSync(file, bytes);
  await refused(dir, file, /^pallas: .*tick 5 is damaged \(checksum mismatch\)$/);
});

Deno.test("corrupt: a broken database page is refused", async () => {
  const { dir, file } = await machine();
  const bytes = Deno.readFileSync(file);
  bytes.fill(0xa5, 100, 140); // page 1's b-tree header: the schema
  Deno.writeFileSync(file, bytes);
  await refused(dir, file, /^pallas: .*machine\.db is damaged: /);
});

Deno.test("corrupt: a store of another format version is refused", async () => {
  const { dir, file } = await machine();
  const db = new DatabaseSync(file);
  db.exec("UPDATE meta SET value = '2' WHERE key = 'format_version'");
  db.close();
  await refused(
    dir,
    file,
    /^pallas: .* has store format version 2, but this pallas .* reads only version 1$/,
  );
  // And the store API agrees.
  assert.throws(() => MachineStore.open(dir), /format version 2/);
});
