/**
 * Model check of the library's hitchhiker trees (`hitch`): random
 * sequences of insertions and deletions on maps, sets and set-maps, with
 * small configurations so the trees split, buffer and merge often, checked
 * after every step against plain JavaScript maps and sets.
 *
 * @module
 */

import assert from "node:assert/strict";
import { lookupValue } from "../sire/compiler/mod.ts";
import { force } from "../runtime/plan/eval.ts";
import { apply, Clo, Pin, row, type Val } from "../runtime/plan/value.ts";
import { rowItems } from "../sire/compiler/tab.ts";
import { Rng } from "../sire/rex/random.ts";
import { loadOnLibrary } from "../tools/stdlib_common.ts";

const SRC = `#### hitchcheck <- prelude

:| prelude
`;

function loadPrelude(): Val {
  return loadOnLibrary(SRC);
}

const state = loadPrelude();

function fn(name: string): Val {
  const v = lookupValue(state, name);
  if (v === undefined) throw new Error(`prelude has no ${name}`);
  return v;
}

/** Applies a library function by name and normalizes the result. */
function call(name: string, ...args: Val[]): Val {
  return force(apply(fn(name), ...args));
}

function items(v: Val): Val[] {
  const xs = rowItems(force(v));
  if (xs === null) throw new Error("expected a row");
  return xs;
}

const num = (v: Val): number => Number(v);
const nums = (v: Val): number[] => items(v).map(num);
const sorted = (xs: Iterable<number>): number[] => [...xs].sort((a, b) => a - b);

/** A plain set of nats. */
const mkSet = (xs: number[]): Val => call("setFromRow", row(xs));
/** The items of a plain set, ascending. */
const setNums = (s: Val): number[] => nums(call("setToRow", s));
/** A tab from pairs. */
const mkTab = (ps: [number, Val][]): Val =>
  call("tabFromPairs", row(ps.map(([k, v]) => row([k, v]))));

/** The value x of (SOME x) (the closure (0 x)), or undefined for NONE. */
function fromMaybe(v: Val): Val | undefined {
  const m = force(v);
  if (m === 0) return undefined;
  assert(m instanceof Clo && m.args.length === 1 && m.head === 0, "not a Maybe");
  return m.args[0];
}

/** The configurations: tiny ones so that every code path runs. */
const CONFIGS: [string, number[]][] = [
  ["twoThreeConfig", [2, 3, 1, 2, 2, 3, 2]],
  ["small", [2, 4, 1, 3, 2, 4, 3]],
  ["no hitchhikers", [2, 3, 1, 2, 2, 3, 0]],
  ["largeConfig", [64, 127, 63, 126, 64, 127, 64]],
];

const KEYS = 201; // keys 0..200

/** Checks a map against its model: size, keys in order, lookups. */
function checkMap(m: Val, model: Map<number, number>, rng: Rng, where: string): void {
  const want = sorted(model.keys());
  assert.equal(num(call("hmSize", m)), model.size, `${where}: hmSize`);
  const leaves = model.size === 0 ? [] : items(call("hmKeys", m)).map(nums);
  assert.deepEqual(leaves.flat(), want, `${where}: hmKeys`);
  for (const leaf of leaves) assert(leaf.length > 0, `${where}: empty leaf`);
  for (let i = 0; i < 4; i++) {
    const k = rng.int(KEYS);
    const got = fromMaybe(call("hmLookup", k, m));
    const exp = model.get(k);
    assert.equal(got === undefined ? undefined : num(got), exp, `${where}: lookup ${k}`);
  }
}

Deno.test("hitch: maps agree with a tab model", () => {
  const rng = new Rng(20261123);
  for (const [name, cfgNums] of CONFIGS) {
    const cfg = row(cfgNums);
    let m = call("hmEmpty", cfg);
    const model = new Map<number, number>();
    let leafRoots = 0;
    for (let step = 0; step < 800; step++) {
      const where = `${name} step ${step}`;
      const p = rng.int(100);
      if (p < 45) {
        const k = rng.int(KEYS), v = rng.int(1000);
        m = call("hmInsert", k, v, m);
        model.set(k, v);
      } else if (p < 80) {
        const keys = [...model.keys()];
        const k = keys.length > 0 && rng.chance(0.7)
          ? keys[rng.int(keys.length)]
          : rng.int(KEYS);
        m = call("hmDelete", k, m);
        model.delete(k);
        // The root stays a pinned node (never upstream's (SOME root)).
        const root = force(items(m)[1]);
        if (model.size === 0) assert.equal(root, 0, `${where}: empty map keeps a root`);
        else {
          assert(root instanceof Pin, `${where}: root is not a pin`);
          if (num(call("isTab", root.item)) === 1) leafRoots++;
        }
      } else {
        const ps: [number, Val][] = [];
        for (let n = rng.int(20); n > 0; n--) ps.push([rng.int(KEYS), rng.int(1000)]);
        m = call("hmInsertMany", mkTab(ps), m);
        const tab = new Map<number, number>();
        for (const [k, v] of ps) tab.set(k, num(v)); // tabFromPairs: last wins
        for (const [k, v] of tab) model.set(k, v);
      }
      checkMap(m, model, rng, where);
    }
    assert(
      leafRoots > 0 || name !== "largeConfig",
      `${name}: no leaf root after a delete`,
    );
  }
});

Deno.test("hitch: sets agree with a set model", () => {
  const rng = new Rng(7);
  for (const [name, cfgNums] of CONFIGS) {
    const cfg = row(cfgNums);
    let s = call("hsEmpty", cfg);
    let model = new Set<number>();
    const history: [Val, Set<number>][] = [];
    for (let step = 0; step < 600; step++) {
      const where = `${name} step ${step}`;
      const p = rng.int(100);
      if (p < 45) {
        const x = rng.int(KEYS);
        s = call("hsInsert", x, s);
        model.add(x);
      } else if (p < 80) {
        const xs = [...model];
        const x = xs.length > 0 && rng.chance(0.7)
          ? xs[rng.int(xs.length)]
          : rng.int(KEYS);
        s = call("hsDelete", x, s);
        model.delete(x);
      } else if (p < 90) {
        const xs: number[] = [];
        for (let n = rng.int(20); n > 0; n--) xs.push(rng.int(KEYS));
        s = call("hsInsertMany", mkSet(xs), s);
        for (const x of xs) model.add(x);
      } else if (p < 95 && history.length > 0) {
        const [other, otherModel] = history[rng.int(history.length)];
        s = call("hsUnion", s, other);
        model = new Set([...model, ...otherModel]);
      } else {
        const xs: number[] = [];
        for (let n = rng.int(40); n > 0; n--) xs.push(rng.int(KEYS));
        s = call("hsFromSet", cfg, mkSet(xs));
        model = new Set(xs);
      }
      const want = sorted(model);
      assert.deepEqual(setNums(call("hsToSet", s)), want, `${where}: hsToSet`);
      assert.equal(num(call("hsNull", s)), model.size === 0 ? 1 : 0, `${where}: hsNull`);
      for (let i = 0; i < 4; i++) {
        const x = rng.int(KEYS);
        assert.equal(
          num(call("hsMember", x, s)),
          model.has(x) ? 1 : 0,
          `${where}: member`,
        );
      }
      history.push([s, new Set(model)]);
      if (history.length > 6) history.shift();
      // Intersections, as lists of sets read through the ls* functions.
      const picks = [history[rng.int(history.length)], history[rng.int(history.length)]];
      const pieces = call("hsMultiIntersect", row([s, ...picks.map(([v]) => v)]));
      const common = want.filter((x) => picks.every(([, mm]) => mm.has(x)));
      assert.deepEqual(
        nums(call("listToRow", call("lsToList", pieces))),
        common,
        `${where}: meet`,
      );
      assert.equal(num(call("lsLen", pieces)), common.length, `${where}: lsLen`);
      const n = rng.int(common.length + 2);
      const drop = nums(call("listToRow", call("lsToList", call("lsDrop", n, pieces))));
      const take = nums(call("listToRow", call("lsToList", call("lsTake", n, pieces))));
      assert.deepEqual(drop, common.slice(n), `${where}: lsDrop`);
      assert.deepEqual(take, common.slice(0, n), `${where}: lsTake`);
    }
  }
});

Deno.test("hitch: set-maps agree with a model of sets", () => {
  const rng = new Rng(99);
  const pairs: [number, number][] = [[0, 0], [1, 1], [2, 3], [3, 0]];
  for (const [mi, si] of pairs) {
    const [mName, mNums] = CONFIGS[mi];
    const [sName, sNums] = CONFIGS[si];
    let m = call("hsmEmpty", row(mNums), row(sNums));
    const model = new Map<number, Set<number>>();
    const K = 40, V = 60;
    for (let step = 0; step < 600; step++) {
      const where = `${mName}/${sName} step ${step}`;
      const p = rng.int(100);
      if (p < 50) {
        const k = rng.int(K), v = rng.int(V);
        m = call("hsmInsert", k, v, m);
        if (!model.has(k)) model.set(k, new Set());
        model.get(k)!.add(v);
      } else if (p < 85) {
        const k = rng.int(K);
        const vs = [...(model.get(k) ?? [])];
        const v = vs.length > 0 && rng.chance(0.8) ? vs[rng.int(vs.length)] : rng.int(V);
        m = call("hsmDelete", k, v, m);
        model.get(k)?.delete(v);
      } else {
        const ps: [number, Val][] = [];
        const add = new Map<number, number[]>();
        for (let n = rng.int(6); n > 0; n--) {
          const k = rng.int(K);
          const xs: number[] = [];
          for (let j = rng.int(8); j > 0; j--) xs.push(rng.int(V));
          ps.push([k, mkSet(xs)]);
          add.set(k, xs); // tabFromPairs: the last set of a key wins
        }
        m = call("hsmInsertMany", mkTab(ps), m);
        for (const [k, xs] of add) {
          if (!model.has(k)) model.set(k, new Set());
          for (const x of xs) model.get(k)!.add(x);
        }
      }
      for (let i = 0; i < 4; i++) {
        const k = rng.int(K);
        const got = setNums(call("hsToSet", call("hsmLookup", k, m)));
        assert.deepEqual(got, sorted(model.get(k) ?? []), `${where}: hsmLookup ${k}`);
      }
    }
  }
});

Deno.test("hitch: trees really split and buffer", () => {
  // With twoThreeConfig, 30 insertions give an index root whose children are
  // index nodes, and some entries wait in buffers on the way.
  const cfg = row(CONFIGS[0][1]);
  let m = call("hmEmpty", cfg);
  for (let k = 0; k < 30; k++) m = call("hmInsert", k, k, m);
  const root = force(items(m)[1]);
  assert(root instanceof Pin);
  const top = items(root.item);
  assert.equal(top.length, 3, "index node [keys kids buffer]");
  for (const kid of items(top[1])) {
    const node = force(kid);
    assert(node instanceof Pin);
    assert.equal(rowItems(force(node.item))?.length, 3, "second level is an index level");
  }
  const leafCount = items(call("hmKeys", m)).length;
  assert(leafCount >= 10, `only ${leafCount} leaves`);
});
