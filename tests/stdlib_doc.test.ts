/**
 * `docs/stdlib.md` is generated from the library and up to date.
 * Regenerate with `deno run -A tools/stdlib_doc.ts`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { DOC_PATH, renderDoc } from "../tools/stdlib_doc.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";

Deno.test("stdlib: docs/stdlib.md is up to date", () => {
  setTraceLogger(() => {});
  try {
    assert.equal(
      Deno.readTextFileSync(DOC_PATH),
      renderDoc(),
      "docs/stdlib.md is stale: run `deno run -A tools/stdlib_doc.ts`",
    );
  } finally {
    setTraceLogger();
  }
});
