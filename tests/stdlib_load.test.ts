/**
 * The standard library loads through the compiler with every `=?=`
 * passing (a failing assertion fails the load), every definition is
 * documented and mentioned by some test.
 *
 * @module
 */

import assert from "node:assert/strict";
import { libraryChain, loadLibrary } from "../tools/stdlib_common.ts";
import { undocumentedNames, untestedNames } from "../tools/stdlib_doc.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";

Deno.test("stdlib: every module loads and every =?= passes", () => {
  const chain = libraryChain();
  let asserts = 0;
  const times: string[] = [];
  const t0 = performance.now();
  setTraceLogger(() => {});
  try {
    loadLibrary({
      onEvent: (e) => {
        if (e.kind === "assert") asserts++;
      },
      onModule: (r) => times.push(`${r.name} ${r.ms.toFixed(0)}ms`),
    });
  } finally {
    setTraceLogger();
  }
  const ms = performance.now() - t0;
  console.log(
    `stdlib: ${chain.length} modules, ${asserts} assertions, ${ms.toFixed(0)} ms`,
  );
  console.log("  " + times.join(", "));
  assert.equal(times.length, chain.length);
  assert(asserts > 500, `only ${asserts} assertions ran`);
});

Deno.test("stdlib: every definition has a doc comment", () => {
  assert.deepEqual(undocumentedNames(), []);
});

Deno.test("stdlib: every definition is mentioned by some =?= test", () => {
  assert.deepEqual(untestedNames(), []);
});
