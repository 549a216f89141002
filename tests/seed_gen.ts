/**
 * Test helpers: a seeded PRNG and a generator of random normal PLAN values
 * (nats of every size, pins, laws, rows, bars, sets, tabs, closures, and
 * shared subtrees).
 *
 * @module
 */

import { Rng as BaseRng } from "../sire/rex/random.ts";
import {
  Clo,
  type Head,
  Law,
  type Nat,
  natFromBig,
  Pin,
  type Val,
} from "../runtime/plan/value.ts";
import { makeBar, makeRow } from "../runtime/plan/shapes.ts";
import { compare } from "../runtime/plan/compare.ts";

/** The shared seeded PRNG, plus random byte arrays. */
export class Rng extends BaseRng {
  /** A random byte array of length `n`. */
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

/** A random nat: mostly small, sometimes a word, sometimes a big nat. */
export function randomNat(r: Rng): Nat {
  const k = r.int(10);
  if (k < 5) return r.int(8);
  if (k < 7) return r.int(300);
  if (k < 8) return Math.floor(r.next() * 2 ** r.int(54));
  let n = 0n;
  const words = 1 + r.int(k === 8 ? 1 : 4);
  for (let i = 0; i < words; i++) {
    n = (n << 64n) | (BigInt(r.int(2 ** 32)) << 32n) | BigInt(r.int(2 ** 32));
  }
  // Sometimes pick values with equal top words and lengths (atom ordering).
  if (r.int(4) === 0 && words > 1) n |= 0xffffffffffffffffn << BigInt(64 * (words - 1));
  return natFromBig(n);
}

/** Builds a closure of `head` (nat, pin or law) with `k` args, k < arity. */
function closure(head: Head, args: Val[], arity: number): Val {
  if (args.length === 0) return head;
  const c = new Clo(head, args, arity - args.length);
  c.nf = true;
  return c;
}

/** Generates random normal values, reusing earlier ones to share subtrees. */
export class ValueGen {
  private pool: Val[] = [];
  /** Creates a generator over `r`. */
  constructor(private readonly r: Rng) {}

  /** A random normal value of nesting at most `depth`. */
  value(depth = 4): Val {
    const r = this.r;
    if (depth <= 0) return randomNat(r);
    const v = this.fresh(depth);
    if (typeof v === "object") this.pool.push(v);
    if (this.pool.length > 200) this.pool.splice(0, 100);
    return v;
  }

  private many(n: number, depth: number): Val[] {
    const out: Val[] = [];
    for (let i = 0; i < n; i++) out.push(this.value(depth));
    return out;
  }

  private fresh(depth: number): Val {
    const r = this.r, d = depth - 1;
    switch (r.int(12)) {
      case 0:
      case 1:
        return randomNat(r);
      case 2:
        return new Pin(this.value(d));
      case 3: {
        const a = r.int(20) === 0 ? 2n ** 70n : 1 + r.int(4);
        return new Law(r.int(3) === 0 ? randomNat(r) : r.int(3), a, this.value(d));
      }
      case 4:
        return makeRow(this.many(r.int(6), d));
      case 5:
        return makeBar(r.bytes(r.int(12)));
      case 6: {
        const keys = this.many(r.int(5), d).sort(compare);
        const uniq = keys.filter((k, i) => i === 0 || compare(keys[i - 1], k) !== 0);
        const set = new Law(1, 2, makeRow(uniq));
        if (r.int(2) === 0) return set;
        return closure(set, [makeRow(this.many(uniq.length, d))], 2);
      }
      case 7: {
        const h = r.int(3); // 0 → arity 3, 1 → 5, 2 → 3
        const ar = h === 1 ? 5 : 3;
        return closure(h, this.many(1 + r.int(ar - 1), d), ar);
      }
      case 8: {
        const a = 2 + r.int(3);
        const law = new Law(r.int(3), a, this.value(d));
        const head = r.int(2) === 0 ? law : new Pin(law);
        return closure(head, this.many(1 + r.int(a - 1), d), a);
      }
      case 9:
        return new Law(0, 2 + r.int(4), 0); // a cow
      default:
        return this.pool.length > 0 ? this.pool[r.int(this.pool.length)] : randomNat(r);
    }
  }
}
