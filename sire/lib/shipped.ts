/**
 * The library state shipped with pallas: the compiled state of the
 * prelude, generated at build time (`tools/stdlib_state.ts`) and served
 * as a read-only state store under its chain key. A program whose chain
 * reaches the embedded prelude loads it from here instead of compiling
 * the library; any change to the library or the compiler changes the key,
 * and the state is compiled as usual.
 *
 * @module
 */

import {
  LayeredStateStore,
  loadStateSeed,
  type ReadOnlyStateStore,
  type StateStore,
} from "../compiler/mod.ts";
import type { Val } from "../../runtime/plan/value.ts";
import { SHIPPED_KEY, SHIPPED_PIN_HASHES, SHIPPED_SEED } from "./prelude_state.ts";

/** The shipped states as a read-only store. */
export const shippedStates: ReadOnlyStateStore = {
  has: (key) => key.toHex() === SHIPPED_KEY,
  get(key: Uint8Array): Val | null {
    if (key.toHex() !== SHIPPED_KEY) return null;
    const seed = Uint8Array.fromBase64(SHIPPED_SEED);
    return loadStateSeed(seed, Uint8Array.fromBase64(SHIPPED_PIN_HASHES)).state;
  },
};

/** `store` (the user's cache, or null) layered over the shipped states. */
export function withShippedStates(store: StateStore | null): StateStore {
  return new LayeredStateStore(store, shippedStates);
}
