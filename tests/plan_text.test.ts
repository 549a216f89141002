import assert from "node:assert/strict";
import { readPlan, showNat, showPlan } from "../runtime/plan/text.ts";
import { force } from "../runtime/plan/eval.ts";
import { PlanSyntaxError } from "../runtime/plan/errors.ts";
import { natFromText, row } from "../runtime/plan/value.ts";

Deno.test("text: maxChars cuts long output and marks the cut", () => {
  const big = row(Array.from({ length: 5000 }, (_, i) => i));
  const full = showPlan(big);
  const cut = showPlan(big, { maxChars: 100 });
  assert.ok(full.length > 10000);
  assert.equal(cut.length, 101);
  assert.ok(cut.endsWith("…"));
  assert.equal(cut.slice(0, 100), full.slice(0, 100));
  assert.equal(showPlan(big, { maxChars: 1e9 }), full);
});

Deno.test("text: identifier nats print as %word, others in decimal", () => {
  assert.equal(showNat(natFromText("hello_1")), "%hello_1");
  assert.equal(showNat(natFromText("1abc")), String(natFromText("1abc")));
  assert.equal(showNat(0), "0");
  assert.equal(showNat(64), "64");
  assert.equal(showPlan(force(readPlan("(3 99)"))), "%d");
});

Deno.test("text: syntax errors carry line and column", () => {
  const cases: [string, number, number][] = [
    ["(1 2", 1, 5],
    ["(1\n  ]", 2, 3],
    ["{1 2}", 1, 1],
    ["()", 1, 1],
    ["12ab", 1, 3],
    ["% x", 1, 1],
    ["1 2", 1, 3],
  ];
  for (const [src, line, col] of cases) {
    assert.throws(() => readPlan(src), (e: unknown) => {
      assert.ok(e instanceof PlanSyntaxError, src);
      assert.deepEqual([e.line, e.col], [line, col], src);
      return true;
    });
  }
});

Deno.test("text: comments and newlines are whitespace", () => {
  assert.equal(showPlan(force(readPlan("(3 ; inc\n  41)"))), "42");
});
