/**
 * Benchmarks for seeds, pin hashing and comparison.
 * Run: `deno bench --allow-read --allow-env tests/seed.bench.ts`
 */

import { Clo, Law, Pin, type Val } from "../runtime/plan/value.ts";
import { makeRow } from "../runtime/plan/shapes.ts";
import { compare } from "../runtime/plan/compare.ts";
import { planHash } from "../runtime/plan/hash.ts";
import { loadSeed, saveGerm, saveSeed } from "../runtime/seed/mod.ts";
import { Rng, ValueGen } from "./seed_gen.ts";

const row100k = makeRow(Array.from({ length: 100_000 }, (_, i) => i * 7919));
const row100kSeed = saveSeed(row100k);

let deep: Val = 0;
for (let i = 0; i < 100_000; i++) deep = i % 2 ? makeRow([deep, i]) : new Law(i, 2, deep);
const deepSeed = saveSeed(deep);

const gen = new ValueGen(new Rng(1));
const mixed = makeRow(Array.from({ length: 2_000 }, () => gen.value(5)));
const mixedSeed = saveSeed(mixed);
const mixedCopy = loadSeed(mixedSeed);

const smallLaws = Array.from(
  { length: 10_000 },
  (_, i) => new Law(i, 2, new Clo(0, [new Clo(0, [1, i], 1), 2], 1)),
);

Deno.bench("saveSeed: row of 100,000 nats", { group: "save" }, () => {
  saveSeed(row100k);
});
Deno.bench("saveSeed: 100,000-deep rows/laws", { group: "save" }, () => {
  saveSeed(deep);
});
Deno.bench("saveSeed: 2,000 random values", { group: "save" }, () => {
  saveSeed(mixed);
});
Deno.bench("loadSeed: row of 100,000 nats", { group: "load" }, () => {
  loadSeed(row100kSeed);
});
Deno.bench("loadSeed: 100,000-deep rows/laws", { group: "load" }, () => {
  loadSeed(deepSeed);
});
Deno.bench("loadSeed: 2,000 random values", { group: "load" }, () => {
  loadSeed(mixedSeed);
});
Deno.bench("pin hash: 10,000 small law pins", { group: "hash" }, () => {
  for (const l of smallLaws) planHash(new Pin(l));
});
Deno.bench("planHash: row of 100,000 nats", { group: "hash" }, () => {
  planHash(row100k);
});
Deno.bench("saveGerm: pin of 2,000 random values", { group: "hash" }, () => {
  saveGerm(new Pin(mixed));
});
Deno.bench("compare: 2,000 random values vs a copy", { group: "compare" }, () => {
  compare(mixed, mixedCopy);
});
Deno.bench("compare: row of 100,000 nats vs a copy", { group: "compare" }, () => {
  compare(row100k, makeRow((row100k as Clo).args.slice().reverse()));
});
