/**
 * The embedded copy of the library (`sire/lib/embedded.ts`) matches the
 * sources, and a program can load `prelude` from any directory through it.
 * Regenerate with `deno run -A tools/stdlib_embed.ts`.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  EMBED_JSON_PATH,
  EMBED_PATH,
  EXTRA_MODULES,
  renderEmbedded,
} from "../tools/stdlib_embed.ts";
import { libraryChain } from "../tools/stdlib_common.ts";
import {
  STDLIB_DIR,
  STDLIB_MODULES,
  stdlibDigest,
  stdlibKnownKey,
  stdlibLoadOptions,
  stdlibText,
} from "../sire/lib/files.ts";
import { chainKey, textDigest } from "../sire/compiler/state_store.ts";
import {
  bindingOf,
  loadFile,
  lookupBinding,
  type SireFiles,
} from "../sire/compiler/mod.ts";
import { installJets } from "../runtime/jets/match.ts";
import { force } from "../runtime/plan/eval.ts";
import { natFromText } from "../runtime/plan/value.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";

Deno.test("stdlib: embedded.ts is up to date", () => {
  const { ts, json } = renderEmbedded();
  const stale = "is stale: run `deno run -A tools/stdlib_embed.ts`";
  assert.equal(Deno.readTextFileSync(EMBED_PATH), ts, `sire/lib/embedded.ts ${stale}`);
  assert.equal(
    Deno.readTextFileSync(EMBED_JSON_PATH),
    json,
    `sire/lib/embedded.json ${stale}`,
  );
  assert.deepEqual([...STDLIB_MODULES], [...libraryChain(), ...EXTRA_MODULES]);
});

Deno.test("stdlib: every embedded digest is the BLAKE3 of its module's text", () => {
  for (const name of STDLIB_MODULES) {
    const path = `${STDLIB_DIR}/${name}.sire`;
    assert.deepEqual(stdlibDigest(path), textDigest(stdlibText(path)!), name);
  }
  assert.equal(stdlibDigest(`${STDLIB_DIR}/nonesuch.sire`), null);
  assert.equal(stdlibDigest("prelude.sire"), null);
});

Deno.test("stdlib: every shipped chain key is the key the loader would compute", () => {
  let prior: Uint8Array | null = null;
  for (const name of libraryChain()) {
    const path = `${STDLIB_DIR}/${name}.sire`;
    const key = chainKey(prior, stdlibText(path)!);
    assert.deepEqual(stdlibKnownKey(path, prior), key, name);
    prior = key;
  }
  // Only when the module before it has the key the library was built with.
  const base = `${STDLIB_DIR}/${libraryChain()[1]}.sire`;
  assert.equal(stdlibKnownKey(base, new Uint8Array(32)), null);
  assert.equal(
    stdlibKnownKey(`${STDLIB_DIR}/${libraryChain()[0]}.sire`, new Uint8Array(32)),
    null,
  );
  assert.equal(stdlibKnownKey("prelude.sire", null), null);
});

Deno.test("stdlib: a program loads prelude from the embedded copy", () => {
  const program = `#### demo <- prelude

:| prelude

= answer (add 40 (len [1 2]))
`;
  // Only the program exists on "disk"; the library comes from the embedding.
  const disk: SireFiles = {
    readText: (p) => p === "/nowhere/demo.sire" ? program : null,
  };
  assert.equal(stdlibText("/elsewhere/prelude.sire"), null);
  installJets({ onMismatch: "silent" });
  setTraceLogger(() => {});
  try {
    const m = loadFile(
      "/nowhere/demo.sire",
      stdlibLoadOptions({ files: disk, cache: null }),
    );
    const b = lookupBinding(m.state, natFromText("answer"));
    assert(b !== undefined);
    assert.equal(force(bindingOf(b).value), 42);
  } finally {
    setTraceLogger();
  }
});
