/**
 * Booting a machine: a new store whose snapshot 0 is the spinning cog.
 *
 * @module
 */

import { force } from "../plan/eval.ts";
import type { Val } from "../plan/value.ts";
import { MachineStore } from "../store/store.ts";
import { stateNoun } from "./cog.ts";

/**
 * Creates the machine store in `dir` (new or empty) with `cog` as its
 * initial cog, and returns it open (locked).
 */
export function bootStore(dir: string, cog: Val): MachineStore {
  const c = force(cog);
  return MachineStore.create(dir, stateNoun({ kind: "spinning", cog: c }));
}
