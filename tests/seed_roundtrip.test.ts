import assert from "node:assert/strict";
import {
  CLO,
  Clo,
  deref,
  LAW,
  Law,
  type Nat,
  natBytes,
  PIN,
  Pin,
  type Val,
} from "../runtime/plan/value.ts";
import { compare, equal } from "../runtime/plan/compare.ts";
import { planHash } from "../runtime/plan/hash.ts";
import {
  loadGerm,
  loadPod,
  loadSeed,
  saveGerm,
  savePod,
  saveSeed,
} from "../runtime/seed/mod.ts";
import { Rng, ValueGen } from "./seed_gen.ts";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// ---------------------------------------------------------------------------
// A deliberately naive reference writer that follows the format description
// literally: it counts every cell's occurrences in the fully expanded tree
// and makes a cell a fragment when it is the root or occurs more often than
// its parent. Exponential on shared values, so only used on small ones.

type Tree = { n: Nat } | { h: Tree; t: Tree; k: string };

function key(t: Tree): string {
  return "n" in t ? `${t.n}` : t.k;
}

function cell(h: Tree, t: Tree): Tree {
  return { h, t, k: `(${key(h)} ${key(t)})` };
}

function toTree(v: Val): Tree {
  v = deref(v);
  if (typeof v !== "object") return { n: v };
  switch (v.t) {
    case PIN:
      return cell({ n: 4 }, toTree(v.item));
    case LAW:
      return cell(cell(cell({ n: 0 }, { n: v.name }), { n: v.arity }), toTree(v.body));
    case CLO: {
      let t = toTree(v.head);
      for (const a of v.args) t = cell(t, toTree(a));
      return t;
    }
    default:
      throw new Error("thunk");
  }
}

function words(n: Nat): bigint[] {
  const b = natBytes(n), out: bigint[] = [];
  for (let i = 0; i < b.length; i += 8) {
    let w = 0n;
    for (let j = Math.min(b.length, i + 8) - 1; j >= i; j--) w = (w << 8n) | BigInt(b[j]);
    out.push(w);
  }
  return out.length ? out : [0n];
}

function referenceSeed(v: Val): Uint8Array {
  const root = toTree(v);
  const count = new Map<string, number>();
  const atoms = new Set<Nat>();
  const walk = (t: Tree) => {
    if ("n" in t) return void atoms.add(t.n);
    count.set(t.k, (count.get(t.k) ?? 0) + 1);
    walk(t.h);
    walk(t.t);
  };
  walk(root);
  const frags: Tree[] = [];
  const fragIx = new Map<string, number>();
  const shatter = (t: Tree, parentCount: number, isRoot: boolean) => {
    if ("n" in t || fragIx.has(t.k)) return;
    const c = count.get(t.k)!;
    shatter(t.h, c, false);
    shatter(t.t, c, false);
    if (isRoot || c > parentCount) {
      fragIx.set(t.k, frags.length);
      frags.push(t);
    }
  };
  shatter(root, 0, true);
  const sorted = [...atoms].sort((a, b) => {
    const x = words(a), y = words(b);
    if (x.length !== y.length) return y.length - x.length;
    const mx = x[x.length - 1], my = y[y.length - 1];
    if (mx !== my) return mx > my ? -1 : 1;
    for (let i = x.length - 2; i >= 0; i--) {
      if (x[i] !== y[i]) {
        return x[i] < y[i] ? -1 : 1;
      }
    }
    return 0;
  });
  const bigs = sorted.filter((a) => words(a).length > 1);
  const wordz = sorted.filter((a) => words(a).length === 1 && a >= 256);
  const bytez = sorted.filter((a) => words(a).length === 1 && a < 256);
  const out: number[] = [];
  const put64 = (w: bigint) => {
    for (let i = 0; i < 8; i++) out.push(Number((w >> BigInt(8 * i)) & 255n));
  };
  for (const n of [0, bigs.length, wordz.length, bytez.length, frags.length]) {
    put64(BigInt(n));
  }
  for (const b of bigs) put64(BigInt(words(b).length));
  for (const b of bigs) for (const w of words(b)) put64(w);
  for (const w of wordz) put64(BigInt(w));
  for (const b of bytez) out.push(Number(b));
  const bits: number[] = [];
  const ref = (i: number, width: number) => {
    bits.push(0);
    for (let j = 0; j < width; j++) bits.push((i >> j) & 1);
  };
  frags.forEach((f, i) => {
    const size = sorted.length + i;
    const width = size <= 1 ? 0 : (size - 1).toString(2).length;
    const write = (t: Tree) => {
      if ("n" in t) return ref(sorted.indexOf(t.n), width);
      if (fragIx.has(t.k) && fragIx.get(t.k)! < i) {
        return ref(sorted.length + fragIx.get(t.k)!, width);
      }
      bits.push(1);
      write(t.h);
      write(t.t);
    };
    const c = f as { h: Tree; t: Tree };
    write(c.h);
    write(c.t);
  });
  for (let i = 0; i < bits.length; i += 8) {
    let b = 0;
    for (let j = 0; j < 8 && i + j < bits.length; j++) b |= bits[i + j] << j;
    out.push(b);
  }
  while (out.length % 8) out.push(0);
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------

Deno.test("seed: writer agrees with the naive reference writer (3,000 values)", () => {
  const gen = new ValueGen(new Rng(7));
  for (let i = 0; i < 3000; i++) {
    const v = gen.value(3);
    const want = referenceSeed(v), got = saveSeed(v);
    if (!sameBytes(got, want)) {
      assert.fail(`value #${i}: writer and reference differ`);
    }
  }
});

Deno.test("seed: 10,000 random values round-trip byte-identically", () => {
  const gen = new ValueGen(new Rng(12345));
  for (let i = 0; i < 10000; i++) {
    const v = gen.value(5);
    const bytes = saveSeed(v);
    assert.equal(bytes.length % 8, 0);
    const back = loadSeed(bytes);
    if (!equal(back, v) || compare(back, v) !== 0) assert.fail(`value #${i} changed`);
    const again = saveSeed(back);
    if (!sameBytes(again, bytes)) assert.fail(`value #${i}: bytes differ on re-save`);
    if (i % 10 === 0) assert.deepEqual(planHash(back), planHash(v));
  }
});

Deno.test("seed: random germs and pods round-trip", () => {
  const gen = new ValueGen(new Rng(99));
  for (let i = 0; i < 1000; i++) {
    const p = new Pin(gen.value(5));
    const g = saveGerm(p);
    const back = loadGerm(g.refs, g.bytes);
    assert.ok(equal(back, p));
    assert.ok(sameBytes(saveGerm(back).bytes, g.bytes));
    if (i % 10 === 0) {
      const pod = savePod(p);
      const q = loadPod(pod);
      assert.ok(equal(q, p));
      assert.ok(sameBytes(savePod(q), pod));
    }
  }
});

Deno.test("seed: sharing is preserved without blow-up", () => {
  // A doubling DAG: 2^200 leaves when expanded, 200 distinct cells.
  let v: Val = 7;
  const law = new Pin(new Law(1, 3, 0));
  for (let i = 0; i < 200; i++) v = new Clo(law, [v, v], 1);
  const bytes = saveSeed(v);
  assert.ok(bytes.length < 2000);
  const back = loadSeed(bytes);
  assert.ok(sameBytes(saveSeed(back), bytes));
});
