/**
 * Seed jets (upstream `sire_22_seed`): `_SaveSeed v` (the seed of `v` as a
 * bar), `_LoadSeed bar` (the value a seed holds), `_SaveGerm pin` (the row
 * `[refs bar]`: the pins the item refers to and the seed of the item with
 * those pins as holes; 0 for a non-pin) and `_LoadGerm refs bar` (the pin
 * back).
 *
 * The legal save and load walk values in their own order, so these jets
 * only run on inputs that are fully evaluated already, and fall back on
 * anything else, including seeds the native loader rejects. Loaded pins are
 * made by the evaluator's `makePin`, so they are matched against the jet
 * table like any other new pin.
 *
 * @module
 */

import { makePin } from "../plan/eval.ts";
import type { Jet } from "../plan/jet.ts";
import { deref, PIN, type Pin, type Val } from "../plan/value.ts";
import { SeedError } from "../seed/error.ts";
import { loadGerm, saveGerm } from "../seed/germ.ts";
import { loadSeed } from "../seed/load.ts";
import { saveSeed } from "../seed/save.ts";
import { barOf, mkBar, mkRow, rowArgs } from "./data.ts";
import { isNormal, ready } from "./demand.ts";
import { FALLBACK, jet, type JetResult } from "./define.ts";

/** Runs a loader, falling back on inputs it rejects. */
function loading(load: () => Val): JetResult {
  try {
    return load();
  } catch (e) {
    if (e instanceof SeedError) return FALLBACK;
    throw e;
  }
}

/** The seed jets. */
export const SEED_JETS: readonly Jet[] = [
  jet(
    "_SaveSeed",
    1,
    "-",
    (a) => isNormal(a[1]) ? mkBar(saveSeed(deref(a[1]))) : FALLBACK,
  ),
  jet("_LoadSeed", 1, "-", (a) => {
    const v = ready(a[1]);
    const bytes = v === null ? null : barOf(v);
    if (bytes === null) return FALLBACK;
    return loading(() => loadSeed(bytes, { makePin }));
  }),
  jet("_SaveGerm", 1, "w", (a) => {
    const p = a[1];
    if (typeof p !== "object" || p.t !== PIN) return 0;
    const g = saveGerm(p);
    return mkRow([mkRow(g.refs, true), mkBar(g.bytes)], true);
  }),
  jet("_LoadGerm", 2, "--", (a) => {
    const r = ready(a[1]), b = ready(a[2]);
    if (r === null || b === null) return FALLBACK;
    const bytes = barOf(b), args = rowArgs(r);
    if (bytes === null || args === null) return FALLBACK;
    const refs: Pin[] = [];
    for (let i = args.length - 1; i >= 0; i--) {
      const p = deref(args[i]);
      if (typeof p !== "object" || p.t !== PIN) return FALLBACK;
      refs.push(p);
    }
    return loading(() => loadGerm(refs, bytes, { makePin }));
  }),
];
