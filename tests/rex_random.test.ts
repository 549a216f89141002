// Property: every tree the parser can produce prints as Rex that parses
// back to the identical tree. 10,000+ seeded random trees, at the default
// width and at narrow widths (which force tall layouts), alone and as files.

import assert from "node:assert/strict";
import {
  parseRex,
  parseRexBlocks,
  printRex,
  printRexFile,
  type Rex,
  rexEqual,
  showRex,
} from "../sire/rex/mod.ts";
import { randomOpen, randomRex, Rng } from "../sire/rex/random.ts";

function roundTrip(t: Rex, width?: number): void {
  const out = printRex(t, { width });
  const back = parseRexBlocks(out);
  const ok = back.length === 1 && back[0].rex !== null && rexEqual(back[0].rex, t);
  if (!ok) {
    assert.fail(
      `round trip failed\ntree: ${showRex(t)}\nprinted:\n${out}\nreparsed: ${
        back.map((b) => b.rex ? showRex(b.rex) : b.error!.message).join(" ;; ")
      }`,
    );
  }
}

Deno.test("rex round trip: 10,000 random trees", () => {
  const r = new Rng(20240601);
  for (let i = 0; i < 10_000; i++) roundTrip(randomRex(r));
});

Deno.test("rex round trip: 3,000 random block trees at narrow widths", () => {
  const r = new Rng(7);
  for (let i = 0; i < 3_000; i++) {
    roundTrip(randomOpen(r, 6, 6), r.pick([1, 10, 24, 40]));
  }
});

Deno.test("rex round trip: random files of many blocks", () => {
  const r = new Rng(31337);
  for (let i = 0; i < 100; i++) {
    const ts = Array.from({ length: 20 }, () => randomRex(r, { depth: 3 }));
    const back = parseRex(printRexFile(ts));
    assert.equal(back.length, ts.length);
    ts.forEach((t, k) => assert.ok(rexEqual(back[k], t), showRex(t)));
  }
});

Deno.test("rex round trip: the generator is deterministic", () => {
  const a = new Rng(5), b = new Rng(5);
  for (let i = 0; i < 50; i++) assert.equal(showRex(randomRex(a)), showRex(randomRex(b)));
});
