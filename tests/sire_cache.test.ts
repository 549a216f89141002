import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import {
  chainKey,
  loadFile,
  type ModuleReport,
  type SireFiles,
  SqliteStateStore,
} from "../sire/compiler/mod.ts";
import { equal } from "../runtime/plan/compare.ts";
import { force } from "../runtime/plan/eval.ts";

/** A two-module chain held in memory; `b` can be edited between loads. */
function files(bText: string): SireFiles {
  const sources: Record<string, string> = {
    "/m/a.sire": "#### a\n\n= one 1\n\n= (pair x y) (0 x y)\n",
    "/m/b.sire": bText,
  };
  return { readText: (p) => sources[p.replace(/^\.\//, "")] ?? null };
}

const B1 = "#### b <- a\n\n:| a\n\n= two (3 one)\n\n=?= two 2\n";
const B2 = "#### b <- a\n\n:| a\n\n= two (3 (3 0))\n\n= three (3 two)\n";

function load(store: SqliteStateStore, text: string) {
  const reports: ModuleReport[] = [];
  const m = loadFile("/m/b.sire", {
    files: files(text),
    store,
    cache: null,
    onModule: (r) => reports.push(r),
  });
  return { state: force(m.state), cached: reports.map((r) => r.cached) };
}

function tempStore(): { path: string; store: SqliteStateStore } {
  const path = Deno.makeTempDirSync() + "/cache.sqlite";
  const store = SqliteStateStore.open(path);
  assert.ok(store);
  return { path, store };
}

Deno.test("sire cache: a second load of the same chain reads stored states", () => {
  const { store } = tempStore();
  const cold = load(store, B1);
  assert.deepEqual(cold.cached, [false, false]);
  const warm = load(store, B1);
  assert.deepEqual(warm.cached, [true, true]);
  assert.ok(equal(cold.state, warm.state));
  store.close();
});

Deno.test("sire cache: editing a file recompiles it and keeps its ancestors cached", () => {
  const { store } = tempStore();
  load(store, B1);
  const edited = load(store, B2);
  assert.deepEqual(edited.cached, [true, false]);
  assert.ok(!equal(edited.state, load(store, B1).state));
  store.close();
});

Deno.test("sire cache: corrupt entries are ignored and rebuilt, never trusted", () => {
  const { path, store } = tempStore();
  const cold = load(store, B1);
  store.close();
  const db = new DatabaseSync(path);
  db.prepare("UPDATE module_state SET seed = ?").run(new Uint8Array([1, 2, 3, 4, 5]));
  db.close();
  const reopened = SqliteStateStore.open(path)!;
  const again = load(reopened, B1);
  assert.deepEqual(again.cached, [false, false]);
  assert.ok(equal(cold.state, again.state));
  // The rebuilt entries serve the next load.
  assert.deepEqual(load(reopened, B1).cached, [true, true]);
  reopened.close();
});

Deno.test("sire cache: keys chain the predecessor, the text and the compiler version", () => {
  const a = chainKey(null, "x");
  assert.equal(a.length, 32);
  assert.notDeepEqual(chainKey(a, "y"), chainKey(null, "y"));
  assert.notDeepEqual(chainKey(null, "x"), chainKey(null, "x "));
  assert.deepEqual(chainKey(a, "y"), chainKey(chainKey(null, "x"), "y"));
});

Deno.test("sire cache: an unusable path gives no store instead of an error", () => {
  const file = Deno.makeTempFileSync();
  assert.equal(SqliteStateStore.open(file + "/sub/cache.sqlite"), null);
});
