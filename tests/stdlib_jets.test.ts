/**
 * The generated jet table (`sire/lib/jet_hashes.ts`) lists exactly the pin
 * hashes of the library's jet-named laws as compiled now. Regenerate with
 * `deno run -A tools/stdlib_jets.ts`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { jetPairs, renderJetTable } from "../tools/stdlib_jets.ts";
import { loadLibrary } from "../tools/stdlib_common.ts";
import { STDLIB_JET_HASHES } from "../sire/lib/jet_hashes.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";

Deno.test("stdlib: jet hash table is up to date", () => {
  setTraceLogger(() => {});
  let pairs: [string, string][];
  try {
    pairs = jetPairs(loadLibrary({ skipAsserts: true }).state);
  } finally {
    setTraceLogger();
  }
  const current = STDLIB_JET_HASHES.map(([n, h]) => `${n} ${h}`);
  const fresh = pairs.map(([n, h]) => `${n} ${h}`);
  assert.deepEqual(
    current,
    fresh,
    "sire/lib/jet_hashes.ts is stale: run `deno run -A tools/stdlib_jets.ts`",
  );
  assert.equal(
    Deno.readTextFileSync(new URL("../sire/lib/jet_hashes.ts", import.meta.url)),
    renderJetTable(pairs),
  );
});

Deno.test("stdlib: core laws are jetted", () => {
  const names = new Set(STDLIB_JET_HASHES.map(([n]) => n));
  for (
    const n of ["_Add", "_Sub", "_Mul", "_Div", "_Cmp", "_Eql", "_Len", "_Idx", "_Weld"]
  ) {
    assert(names.has(n), `no jet hash for ${n}`);
  }
});
