/**
 * The prelude state shipped in `sire/lib/prelude_state.ts` is exactly what
 * compiling the library gives, and programs importing the prelude load it
 * from there (without compiling the library) unless `--no-cache` asks for a
 * full compile. Regenerate with `deno run -A tools/stdlib_state.ts`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { renderState, STATE_JSON_PATH, STATE_PATH } from "../tools/stdlib_state.ts";
import { equal } from "../runtime/plan/compare.ts";
import { force } from "../runtime/plan/eval.ts";
import { loadFile, type ModuleReport, type SireFiles } from "../sire/compiler/mod.ts";
import { stdlibLoadOptions } from "../sire/lib/files.ts";
import { shippedStates, withShippedStates } from "../sire/lib/shipped.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";

Deno.test("stdlib: the shipped prelude state is up to date", () => {
  const { ts, json } = renderState();
  const stale = "is stale: run `deno task stdlib:gen`";
  assert.equal(
    Deno.readTextFileSync(STATE_PATH),
    ts,
    `sire/lib/prelude_state.ts ${stale}`,
  );
  assert.equal(
    Deno.readTextFileSync(STATE_JSON_PATH),
    json,
    `sire/lib/prelude_state.json ${stale}`,
  );
});

const PROGRAM = "#### demo <- prelude\n\n:| prelude\n\n= answer (add 40 (len [1 2]))\n";
const programFiles: SireFiles = {
  readText: (p) => p === "/nowhere/demo.sire" ? PROGRAM : null,
};

function loadDemo(store: ReturnType<typeof withShippedStates> | null) {
  setTraceLogger(() => {});
  const reports: ModuleReport[] = [];
  const m = loadFile(
    "/nowhere/demo.sire",
    stdlibLoadOptions({
      files: programFiles,
      store,
      cache: null,
      onModule: (r) => reports.push(r),
      onEvent: () => {},
    }),
  );
  return { state: force(m.state), reports };
}

Deno.test("stdlib: a program on the prelude starts from the shipped state", () => {
  const shipped = loadDemo(withShippedStates(null));
  const prelude = shipped.reports.find((r) => r.name === "prelude")!;
  assert.ok(prelude.cached, "prelude came from the shipped state");
  assert.ok(shipped.reports.filter((r) => !r.cached).every((r) => r.name === "demo"));
  // The same final state as compiling everything.
  const compiled = loadDemo(null);
  assert.ok(compiled.reports.every((r) => !r.cached));
  assert.ok(equal(shipped.state, compiled.state));
});

Deno.test("stdlib: the shipped store answers only its own key", () => {
  assert.equal(shippedStates.get(new Uint8Array(32)), null);
  assert.equal(shippedStates.has(new Uint8Array(32)), false);
  assert.equal(shippedStates.has(new Uint8Array(5)), false);
});

Deno.test("stdlib: the cache keeps only reusable states of the fixed library", async () => {
  const { SqliteStateStore } = await import("../sire/compiler/mod.ts");
  const { DatabaseSync } = await import("node:sqlite");
  const dir = Deno.makeTempDirSync();
  const count = (path: string) => {
    const db = new DatabaseSync(path);
    const n =
      (db.prepare("SELECT count(*) AS n FROM module_state").get() as { n: number }).n;
    db.close();
    return n;
  };
  // A plain cache: the program's state and the prelude's (the last fixed
  // module), not the library's intermediate modules.
  const plain = SqliteStateStore.open(`${dir}/plain.sqlite`)!;
  loadDemo(plain);
  plain.close();
  assert.equal(count(`${dir}/plain.sqlite`), 2);
  // Over the shipped states, the prelude is not stored a second time.
  const layered = SqliteStateStore.open(`${dir}/layered.sqlite`)!;
  loadDemo(withShippedStates(layered));
  layered.close();
  assert.equal(count(`${dir}/layered.sqlite`), 1);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("stdlib: the API starts from the shipped state unless told not to", async () => {
  const { compileSire, evalSire } = await import("../mod.ts");
  const src = "#### t <- prelude\n\n:| prelude\n\n= x (add 1 (len [1 2]))\n";
  const cachedOf = (shipped?: boolean) => {
    const seen: boolean[] = [];
    const m = compileSire(src, { shipped, onModule: (r) => seen.push(r.cached) });
    return { value: evalSire(m, "x"), cached: seen.filter((c) => c).length };
  };
  const fast = cachedOf();
  assert.deepEqual(fast.value, [3]);
  assert.ok(fast.cached > 0);
  const slow = cachedOf(false);
  assert.deepEqual(slow.value, [3]);
  assert.equal(slow.cached, 0);
});
