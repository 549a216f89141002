/**
 * The library's seed laws (`_SaveSeed`, `_LoadSeed`, `_SaveGerm`,
 * `_LoadGerm` in sire/lib/seed.sire) run without their jets agree with the
 * native seed code (runtime/seed) on random values: same bytes, same
 * values, same germ references. The laws are taken from the compiled
 * library and re-pinned with `new Pin`, which attaches no jet; the library
 * functions they call keep theirs. The seed module's own `=?=` assertions
 * also pass with these four jets taken off.
 *
 * @module
 */

import assert from "node:assert/strict";
import { bindingOf, stateParts, tabView } from "../sire/compiler/mod.ts";
import { force, setPinHook } from "../runtime/plan/eval.ts";
import { lawNameText, matchPin } from "../runtime/jets/match.ts";
import { PlanBudgetExceeded, PlanCrash } from "../runtime/plan/errors.ts";
import { equal } from "../runtime/plan/compare.ts";
import { showPlan } from "../runtime/plan/text.ts";
import {
  LAW,
  type Law,
  natBytes,
  PIN,
  Pin,
  Thunk,
  type Val,
} from "../runtime/plan/value.ts";
import { barOf, mkBar, mkRow, rowArgs } from "../runtime/jets/data.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import {
  loadGerm,
  loadSeed,
  saveGerm,
  saveSeed,
  SeedError,
} from "../runtime/seed/mod.ts";
import { lawPinsByName, loadLibrary } from "../tools/stdlib_common.ts";
import { Rng, ValueGen } from "./seed_gen.ts";

const NAMES = ["_SaveSeed", "_LoadSeed", "_SaveGerm", "_LoadGerm"] as const;

/** The library's pins of the seed laws: [jetted, legal] by name. */
function seedLaws(): Map<string, [Pin, Pin]> {
  setTraceLogger(() => {});
  const state = loadLibrary({ skipAsserts: true }).state;
  setTraceLogger();
  const out = new Map<string, [Pin, Pin]>();
  for (const [name, p] of lawPinsByName(state)) {
    if ((NAMES as readonly string[]).includes(name)) out.set(name, [p, new Pin(p.item)]);
  }
  return out;
}

const LAWS = seedLaws();

function pinOf(name: string, legal: boolean): Pin {
  const p = LAWS.get(name);
  if (p === undefined) throw new Error(`library has no ${name}`);
  return p[legal ? 1 : 0];
}

function call(f: Val, ...args: Val[]): Val {
  return force(args.reduce<Val>((g, x) => new Thunk(g, x), f), { budget: 5_000_000 });
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function bytesOf(v: Val): Uint8Array {
  const b = barOf(v);
  if (b === null) throw new Error(`not a bar: ${showPlan(v)}`);
  return b;
}

Deno.test("stdlib seed laws: the legal laws have no jet, the library's do", () => {
  for (const n of NAMES) {
    assert.notEqual(pinOf(n, false).jet, null, `${n} is not jetted`);
    assert.equal(pinOf(n, true).jet, null);
  }
});

Deno.test("stdlib seed laws: legal save/load match the native seed code", () => {
  const save = pinOf("_SaveSeed", true), load = pinOf("_LoadSeed", true);
  const saveG = pinOf("_SaveGerm", true), loadG = pinOf("_LoadGerm", true);
  const r = new Rng(20261123);
  const gen = new ValueGen(r);
  let germs = 0;
  for (let i = 0; i < 300; i++) {
    const v = gen.value(1 + r.int(4));
    const want = saveSeed(v);
    const got = bytesOf(call(save, v));
    assert.equal(hex(got), hex(want), `_SaveSeed ${showPlan(v)}`);
    assert.ok(equal(call(load, mkBar(want)), loadSeed(want)), `_LoadSeed ${showPlan(v)}`);

    const p = typeof v === "object" && v.t === PIN ? v : new Pin(v);
    const g = saveGerm(p);
    const row = call(saveG, p);
    const parts = rowArgs(row);
    assert.ok(parts !== null && parts.length === 2);
    const [bar, refs] = parts; // row args are stored last element first
    const refList = rowArgs(refs)!.slice().reverse();
    assert.equal(refList.length, g.refs.length, `_SaveGerm refs of ${showPlan(p)}`);
    refList.forEach((x, j) => assert.ok(equal(x, g.refs[j])));
    assert.equal(hex(bytesOf(bar)), hex(g.bytes), `_SaveGerm bytes of ${showPlan(p)}`);
    const back = call(loadG, mkRow(g.refs, true), mkBar(g.bytes));
    assert.ok(equal(back, loadGerm(g.refs, g.bytes)), `_LoadGerm of ${showPlan(p)}`);
    if (g.refs.length > 0) germs++;
  }
  assert.ok(germs > 20, `only ${germs} germs with references`);
  assert.equal(call(saveG, 7), 0);
});

Deno.test("stdlib seed laws: legal load agrees with the jetted law on damaged seeds", () => {
  const legal = pinOf("_LoadSeed", true), jetted = pinOf("_LoadSeed", false);
  const r = new Rng(7);
  const gen = new ValueGen(r);
  let accepted = 0;
  for (let i = 0; i < 200; i++) {
    const bytes = saveSeed(gen.value(3)).slice();
    const at = r.int(bytes.length);
    bytes[at] ^= 1 << r.int(8);
    const cut = r.int(8) === 0 ? bytes.subarray(0, r.int(bytes.length + 1)) : bytes;
    // The legal reader takes header counts at their word (as upstream's does),
    // so a count far beyond the input would only measure the host's memory.
    const counts = new DataView(bytes.buffer, 0, 40);
    let huge = false;
    for (let k = 8; k < 40; k += 8) {
      if (counts.getBigUint64(k, true) > BigInt(8 * bytes.length)) huge = true;
    }
    if (huge) continue;
    let native = true;
    try {
      loadSeed(cut);
    } catch (e) {
      if (!(e instanceof SeedError)) throw e;
      native = false;
    }
    let want: string;
    try {
      want = showPlan(call(legal, mkBar(cut)));
    } catch (e) {
      if (e instanceof PlanBudgetExceeded || e instanceof PlanCrash) continue;
      throw e;
    }
    assert.equal(showPlan(call(jetted, mkBar(cut))), want, hex(cut));
    if (native) accepted++;
  }
  assert.ok(accepted > 20, `only ${accepted} damaged seeds read natively`);
});

Deno.test("stdlib seed laws: the seed module's =?= pass without the seed jets", () => {
  // Match jets as usual, but take the four seed jets off again.
  setPinHook((p) => {
    if (!matchPin(p)) return;
    const name = lawNameText(p.item as Law);
    if ((NAMES as readonly string[]).includes(name ?? "")) p.jet = null;
  });
  let asserts = 0, unjetted = 0;
  setTraceLogger(() => {});
  try {
    const mod = loadLibrary({
      top: "seed",
      jets: false,
      onEvent: (e) => {
        if (e.kind === "assert") asserts++;
      },
    });
    for (const b of tabView(stateParts(mod.state).scope)?.vals ?? []) {
      const v = force(bindingOf(b).value);
      if (typeof v !== "object" || v.t !== PIN || typeof v.item !== "object") continue;
      if (v.item.t !== LAW) continue;
      const name = new TextDecoder().decode(natBytes(v.item.name));
      if ((NAMES as readonly string[]).includes(name) && v.jet === null) unjetted++;
    }
  } finally {
    setPinHook(matchPin);
    setTraceLogger();
  }
  assert.equal(unjetted, 4);
  assert.ok(asserts > 500, `only ${asserts} assertions ran`);
});
