/**
 * Hashing jets: `_Blake3` (upstream `blake3.sire`), `_PlanHash` and
 * `_PinHash` (upstream `pinhash.sire`). Each returns a 32-byte bar.
 *
 * `_Blake3 x` hashes the concatenation of the bars in the tree of closures
 * `x` (see `barTree`), forcing its nodes in the legal order. `_PlanHash v`
 * is the hash of the serialisation S(v) behind pin hashes; its legal code
 * walks `v` in its own order, so the jet only runs on values already in
 * normal form. `_PinHash p` is the pin's hash (0 for a non-pin).
 *
 * @module
 */

import { blake3Hasher } from "../plan/blake3.ts";
import { pinHash, planHash } from "../plan/hash.ts";
import type { Jet } from "../plan/jet.ts";
import { deref, PIN } from "../plan/value.ts";
import { barTree } from "./bar.ts";
import { mkBar } from "./data.ts";
import { isNormal } from "./demand.ts";
import { FALLBACK, jet } from "./define.ts";

/** The hashing jets. */
export const DIGEST_JETS: readonly Jet[] = [
  jet("_Blake3", 1, "w", (a) => {
    const parts = barTree(a, a[1]);
    if (!Array.isArray(parts)) return parts;
    const h = blake3Hasher();
    for (const p of parts) h.update(p);
    return mkBar(h.digest());
  }),
  jet(
    "_PlanHash",
    1,
    "w",
    (a) => isNormal(a[1]) ? mkBar(planHash(deref(a[1]))) : FALLBACK,
  ),
  jet("_PinHash", 1, "w", (a) => {
    const p = a[1];
    return typeof p === "object" && p.t === PIN ? mkBar(pinHash(p)) : 0;
  }),
];
