import assert from "node:assert/strict";
import { type Clo, Pin } from "../runtime/plan/value.ts";
import {
  decodeSeed,
  loadPod,
  loadSeed,
  saveGerm,
  savePod,
  saveSeed,
  SeedError,
} from "../runtime/seed/mod.ts";
import { Rng, ValueGen } from "./seed_gen.ts";

/** Runs `f`; any exception other than a SeedError fails the test. */
function only(f: () => unknown, what: () => string): "ok" | "err" {
  try {
    f();
    return "ok";
  } catch (e) {
    if (e instanceof SeedError) return "err";
    assert.fail(`${what()}: threw ${e instanceof Error ? e.stack : e}`);
  }
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function mutate(r: Rng, src: Uint8Array): Uint8Array {
  let b: Uint8Array = src.slice();
  switch (r.int(7)) {
    case 0: // flip bits
      for (let k = 1 + r.int(3); k > 0 && b.length; k--) {
        b[r.int(b.length)] ^= 1 << r.int(8);
      }
      break;
    case 1: // overwrite bytes
      for (let k = 1 + r.int(4); k > 0 && b.length; k--) b[r.int(b.length)] = r.int(256);
      break;
    case 2: // truncate (usually to a multiple of 8)
      b = b.subarray(0, r.int(2) ? 8 * r.int(b.length / 8 + 1) : r.int(b.length + 1));
      break;
    case 3: { // forge a header count
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const field = 8 * r.int(5);
      if (b.length >= 40) {
        const big = r.int(3);
        const v = big === 0
          ? BigInt(r.int(16))
          : big === 1
          ? BigInt(r.int(2 ** 32)) << BigInt(r.int(33))
          : 0xffffffffffffffffn - BigInt(r.int(4));
        dv.setBigUint64(field, v, true);
      }
      break;
    }
    case 4: { // append random words
      const extra = r.bytes(8 * (1 + r.int(3)));
      const nb = new Uint8Array(b.length + extra.length);
      nb.set(b);
      nb.set(extra, b.length);
      b = nb;
      break;
    }
    case 5: // fill the bit stream with ones
      for (let i = Math.max(40, b.length - 8); i < b.length; i++) b[i] = 255;
      break;
    default: // random bytes under a plausible header
      b = r.bytes(8 * (5 + r.int(6)));
      for (let f = 0; f < 5; f++) {
        for (let i = 1; i < 8; i++) b[8 * f + i] = r.int(8) === 0 ? r.int(256) : 0;
        b[8 * f] = r.int(6);
      }
  }
  return b;
}

Deno.test("seed fuzz: 100,000 mutated and random seeds only raise SeedError", () => {
  const r = new Rng(2024);
  const gen = new ValueGen(new Rng(77));
  const corpus = Array.from({ length: 300 }, () => saveSeed(gen.value(5)));
  let ok = 0, err = 0;
  const t0 = performance.now();
  for (let i = 0; i < 100_000; i++) {
    const b = mutate(r, corpus[r.int(corpus.length)]);
    if (
      only(() => loadSeed(b, { maxArgs: 1 << 20 }), () => `case ${i} ${hex(b)}`) === "ok"
    ) ok++;
    else err++;
  }
  const ms = performance.now() - t0;
  console.log(`seed fuzz: ${ok} loaded, ${err} SeedError, ${ms.toFixed(0)} ms`);
  assert.ok(err > 50_000);
});

Deno.test("seed fuzz: mutated germs and pods only raise SeedError", () => {
  const r = new Rng(4048);
  const gen = new ValueGen(new Rng(78));
  for (let i = 0; i < 200; i++) {
    const p = new Pin(gen.value(5));
    const g = saveGerm(p);
    const pod = savePod(p);
    for (let j = 0; j < 25; j++) {
      const b = mutate(r, g.bytes);
      only(() => decodeSeed(b, g.refs), () => `germ ${hex(b)}`);
      const q = mutate(r, pod.subarray(8));
      const full = new Uint8Array(8 + q.length);
      full.set(pod.subarray(0, 8));
      full.set(q, 8);
      only(() => loadPod(full), () => `pod ${hex(full)}`);
    }
  }
});

Deno.test("seed fuzz: forged lengths fail fast without allocating", () => {
  const huge = (field: number, v: bigint) => {
    const b = new Uint8Array(64);
    new DataView(b.buffer).setBigUint64(field, v, true);
    return b;
  };
  for (let f = 8; f < 40; f += 8) {
    for (const v of [2n ** 31n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      assert.throws(() => loadSeed(huge(f, v)), SeedError);
    }
  }
  // A big nat whose width is absurd.
  const b = new Uint8Array(56);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(8, 1n, true);
  dv.setBigUint64(40, 2n ** 60n, true);
  assert.throws(() => loadSeed(b), SeedError);
  // Every truncation of a valid seed fails or loads; none hangs.
  const good = saveSeed(new ValueGen(new Rng(5)).value(6));
  for (let n = 0; n < good.length; n++) {
    only(() => loadSeed(good.subarray(0, n)), () => `cut ${n}`);
  }
  // A fragment chain that would expand quadratically hits the limit.
  const small = loadSeed(chainSeed(2000)) as Clo;
  assert.equal(small.args.length, 1997);
  const chain = chainSeed(20000);
  assert.throws(() => loadSeed(chain, { maxArgs: 1_000_000 }), SeedError);
});

/**
 * A seed of n fragments over the atoms [2^40 7 0]: fragment 0 = (0 7),
 * 1 = (0 7 2^40), 2 = the law {7 2^40 0}, and fragment i = (fragment(i-1) 0),
 * a closure one argument longer than the previous one.
 */
function chainSeed(n: number): Uint8Array {
  const bits: number[] = [];
  const leaves = 3;
  const ref = (i: number, frag: number) => {
    const w = (leaves + frag - 1).toString(2).length;
    bits.push(0);
    for (let j = 0; j < w; j++) bits.push(Math.floor(i / 2 ** j) & 1);
  };
  ref(2, 0);
  ref(1, 0);
  ref(leaves, 1);
  ref(0, 1);
  ref(leaves + 1, 2);
  ref(2, 2);
  for (let i = 3; i < n; i++) {
    ref(leaves + i - 1, i);
    ref(2, i);
  }
  const head = new Uint8Array(40 + 8 + 2);
  const dv = new DataView(head.buffer);
  dv.setBigUint64(16, 1n, true); // one word: A
  dv.setBigUint64(24, 2n, true); // two bytes: 7, 0
  dv.setBigUint64(32, BigInt(n), true);
  dv.setBigUint64(40, 2n ** 40n, true);
  head[48] = 7;
  head[49] = 0;
  const total = Math.ceil((head.length + Math.ceil(bits.length / 8)) / 8) * 8;
  const out = new Uint8Array(total);
  out.set(head);
  for (let i = 0; i < bits.length; i++) out[head.length + (i >> 3)] |= bits[i] << (i & 7);
  return out;
}
