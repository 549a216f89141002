/**
 * Deep inputs: the compiler's passes must not use the JS stack per level
 * of nesting, so expressions far deeper than any JS stack still compile.
 */

import assert from "node:assert/strict";
import { sire, valueOf } from "./sire_util.ts";

Deno.test("depth: 30,000 nested applications", () => {
  const n = 30000;
  const s = sire("= x " + "(3 ".repeat(n) + "0" + ")".repeat(n));
  assert.equal(valueOf(s, "x"), n);
});

Deno.test("depth: 3,000 nested lets and 2,000 nested lambdas", () => {
  const n = 3000;
  const s = sire(
    "= (f x) " + "(@ y (3 x) ".repeat(n) + "y" + ")".repeat(n) + "\n\n= v (f 4)\n\n" +
      "= g " + "(a & ".repeat(2000) + "a" + ")".repeat(2000),
  );
  assert.equal(valueOf(s, "v"), 5);
});

Deno.test("depth: a value nested 20,000 deep (folded partial applications)", () => {
  const n = 20000;
  const s = sire("= x " + "(0 ".repeat(n) + "0" + ")".repeat(n));
  let v = valueOf(s, "x");
  let depth = 0;
  while (typeof v === "object") {
    v = (v as unknown as { args: unknown[] }).args[0] as typeof v;
    depth++;
  }
  assert.equal(depth, n);
});
