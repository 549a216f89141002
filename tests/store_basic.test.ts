/**
 * The machine store: create/open, the tick log, snapshots, pins stored
 * once, locking, format checks and damage detection.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { MachineStore } from "../runtime/store/store.ts";
import {
  StoreCorrupt,
  StoreExists,
  StoreFormatError,
  StoreLocked,
  StoreMissing,
} from "../runtime/store/errors.ts";
import { STORE_FILE } from "../runtime/store/schema.ts";
import { force, makePin } from "../runtime/plan/eval.ts";
import { equal } from "../runtime/plan/compare.ts";
import { planHash } from "../runtime/plan/hash.ts";
import { readPlan } from "../runtime/plan/text.ts";
import { row, type Val } from "../runtime/plan/value.ts";
import { counterCog, t } from "./machine_cogs.ts";

function tmp(): string {
  return Deno.makeTempDirSync({ prefix: "pallas-store-" });
}

function val(src: string): Val {
  return force(readPlan(src));
}

function raw(dir: string): DatabaseSync {
  return new DatabaseSync(`${dir}/${STORE_FILE}`);
}

Deno.test("store: boot writes snapshot 0 and metadata; reopen reads them back", () => {
  const dir = tmp() + "/m";
  const init = row([0, counterCog()]);
  const s = MachineStore.create(dir, force(init));
  assert.equal(s.lastTick, 0);
  assert.deepEqual(s.snapshots(), [0]);
  s.close();
  const o = MachineStore.open(dir);
  assert.equal(o.meta.format, "pallas-machine");
  assert.equal(o.meta.formatVersion, 1);
  assert.ok(equal(o.readSnapshot(0), force(init)));
  assert.deepEqual(planHash(o.readSnapshot(0)), planHash(force(init)));
  o.close();
});

Deno.test("store: ticks are appended in order, read back exactly, and must be numbered on", () => {
  const dir = tmp() + "/m";
  const s = MachineStore.create(dir, val("(0 0)"));
  const values = [
    row([]),
    val("<{%x 1 1}>"),
    val("(0 (0 1 2) 3)"),
    18446744073709551617n,
  ];
  s.append(values.slice(0, 2).map((v, i) => ({ n: i + 1, timeMs: 5, value: v })));
  s.append(values.slice(2).map((v, i) => ({ n: i + 3, timeMs: 6, value: v })));
  assert.equal(s.lastTick, 4);
  assert.throws(() => s.append([{ n: 6, timeMs: 0, value: 0 }]), RangeError);
  s.close();
  const o = MachineStore.open(dir);
  const back = [...o.ticks(0)];
  assert.deepEqual(back.map((r) => r.n), [1, 2, 3, 4]);
  for (let i = 0; i < 4; i++) assert.ok(equal(back[i].value, values[i]));
  assert.deepEqual([...o.ticks(2)].map((r) => r.n), [3, 4]);
  o.close();
});

Deno.test("store: pins are stored once, shared by snapshots and ticks", () => {
  const dir = tmp() + "/m";
  const big = makePin(force(readPlan("{%big 1 (0 (2 %abcdefgh) 1)}")));
  const inner = makePin(row([big, 1, 2]));
  const s = MachineStore.create(dir, row([inner, 0]));
  const pins0 = s.stats().pins;
  assert.equal(pins0, 2);
  s.append([{ n: 1, timeMs: 0, value: row([inner, big]) }], {
    n: 1,
    value: row([big, 7]),
  });
  s.snapshot(1, row([inner, 8]));
  assert.equal(s.stats().pins, 2);
  assert.equal(s.stats().snapshots, 2);
  s.close();
  const o = MachineStore.open(dir);
  const snap = o.readSnapshot(1);
  assert.ok(equal(snap, row([inner, 8])));
  o.close();
});

Deno.test("store: a second open of a running store is refused (lock)", () => {
  const dir = tmp() + "/m";
  const s = MachineStore.create(dir, 0);
  assert.throws(() => MachineStore.open(dir), StoreLocked);
  s.close();
  MachineStore.open(dir).close();
});

Deno.test("store: boot refuses a non-empty directory or an existing machine", () => {
  const dir = tmp();
  Deno.writeTextFileSync(`${dir}/notes.txt`, "hi");
  assert.throws(() => MachineStore.create(dir, 0), StoreExists);
  const m = tmp() + "/m";
  MachineStore.create(m, 0).close();
  assert.throws(() => MachineStore.create(m, 0), /already holds a machine/);
  assert.throws(() => MachineStore.open(tmp()), StoreMissing);
  assert.throws(() => MachineStore.open(tmp() + "/nope"), StoreMissing);
});

Deno.test("store: a foreign format version or a non-store database is refused", () => {
  const dir = tmp() + "/m";
  MachineStore.create(dir, 0).close();
  const db = raw(dir);
  db.exec("UPDATE meta SET value = '99' WHERE key = 'format_version'");
  db.close();
  assert.throws(() => MachineStore.open(dir), (e) => {
    assert.ok(e instanceof StoreFormatError);
    assert.match(e.message, /format version 99.*reads only version 1/);
    return true;
  });
  const other = tmp() + "/o";
  Deno.mkdirSync(other);
  const db2 = new DatabaseSync(`${other}/${STORE_FILE}`);
  db2.exec("CREATE TABLE x (y)");
  db2.close();
  assert.throws(() => MachineStore.open(other), StoreFormatError);
  const junk = tmp() + "/j";
  Deno.mkdirSync(junk);
  Deno.writeTextFileSync(`${junk}/${STORE_FILE}`, "not a database at all, really not");
  assert.throws(() => MachineStore.open(junk), StoreCorrupt);
});

Deno.test("store: gaps, damaged ticks and damaged pins are reported", () => {
  const dir = tmp() + "/m";
  const p = makePin(row([t("hello"), 1]));
  const s = MachineStore.create(dir, row([0, p]));
  for (let n = 1; n <= 5; n++) s.append([{ n, timeMs: 0, value: row([n, p]) }]);
  s.close();

  let db = raw(dir);
  db.exec("UPDATE tick SET body = body || x'00' WHERE n = 3");
  db.close();
  const o = MachineStore.open(dir);
  assert.throws(() => [...o.ticks(0)], /tick 3 is damaged \(checksum mismatch\)/);
  o.close();

  db = raw(dir);
  db.exec(
    "UPDATE pin SET body = substr(body, 1, length(body) - 8) || x'0100000000000000'",
  );
  db.close();
  const o2 = MachineStore.open(dir);
  assert.throws(() => o2.readSnapshot(0), (e) => {
    assert.ok(e instanceof StoreCorrupt);
    assert.match(e.message, /pin \w+ (is damaged|does not decode)/);
    return true;
  });
  o2.close();

  db = raw(dir);
  db.exec("DELETE FROM tick WHERE n = 2");
  db.close();
  assert.throws(() => MachineStore.open(dir), /tick log has gaps/);
});

Deno.test("store: a snapshot newer than the log is corruption", () => {
  const dir = tmp() + "/m";
  const s = MachineStore.create(dir, 0);
  assert.throws(() => s.snapshot(3, 0), RangeError);
  s.close();
  const db = raw(dir);
  db.exec(
    "INSERT INTO snapshot SELECT 3, time_ms, refs, body, sum FROM snapshot WHERE n = 0",
  );
  db.close();
  assert.throws(
    () => MachineStore.open(dir),
    /snapshot 3 is newer than the last logged tick 0/,
  );
});
