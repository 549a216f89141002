/**
 * The catalogue of native jets: every jet implemented in this directory, by
 * name. Which pins get them is decided by the hash table (`table.ts`) and
 * the matcher (`match.ts`).
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import { BAR_JETS } from "./bar.ts";
import { BIT_JETS } from "./bits.ts";
import { CMP_JETS } from "./cmp.ts";
import { DAT_JETS } from "./dat.ts";
import { DIGEST_JETS } from "./digest.ts";
import { NAT_JETS } from "./nat.ts";
import { NAT_BIT_JETS } from "./natbits.ts";
import { PAD_JETS } from "./pad.ts";
import { PRIM_JETS } from "./prim.ts";
import { ROW_JETS } from "./row.ts";
import { SEED_JETS } from "./seed.ts";
import { SET_JETS } from "./set.ts";
import { TAB_JETS } from "./tab.ts";
import { TAG_JETS } from "./tags.ts";
import { TRACE_JETS } from "./trace.ts";
import { TRY_JETS } from "./try.ts";
import { WORD_JETS } from "./word.ts";

const all = new Map<string, Jet>();
for (
  const group of [
    PRIM_JETS,
    TRACE_JETS,
    BIT_JETS,
    NAT_JETS,
    NAT_BIT_JETS,
    CMP_JETS,
    ROW_JETS,
    DAT_JETS,
    SET_JETS,
    TAB_JETS,
    BAR_JETS,
    PAD_JETS,
    TAG_JETS,
    WORD_JETS,
    TRY_JETS,
    DIGEST_JETS,
    SEED_JETS,
  ]
) {
  for (const j of group) {
    if (all.has(j.name)) throw new Error(`two native jets named ${j.name}`);
    all.set(j.name, j);
  }
}

/** Every native jet, by name. */
export const NATIVE_JETS: ReadonlyMap<string, Jet> = all;

/** The native jet named `name`, if there is one. */
export function nativeJet(name: string): Jet | undefined {
  return all.get(name);
}
