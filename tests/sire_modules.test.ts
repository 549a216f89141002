/**
 * Module loading: `<-` chains, the search order for prior modules, header
 * errors, error locations inside chained files, and the state cache. Files
 * come from an in-memory {@linkcode SireFiles}.
 */

import assert from "node:assert/strict";
import {
  bindingOf,
  loadFile,
  loadModule,
  lookupBinding,
  ModuleCache,
  replSession,
  runText,
  SireError,
  type SireFiles,
  stateParts,
  tabView,
} from "../sire/compiler/mod.ts";
import { RexError } from "../sire/rex/mod.ts";
import { natFromText } from "../runtime/plan/value.ts";
import { whnf } from "../runtime/plan/eval.ts";

const N = natFromText;

function memFiles(files: Record<string, string>): SireFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readText(path: string) {
      reads.push(path);
      return files[path] ?? null;
    },
  };
}

function value(state: unknown, name: string) {
  const b = lookupBinding(state as never, N(name));
  return b === undefined ? undefined : bindingOf(b).value;
}

Deno.test("modules: a chain loads root first; each module starts empty", () => {
  const files = memFiles({
    "lib/a.sire": "#### a\n\n= x 1\n= y 2",
    "lib/b.sire": "#### b <- a\n\n:| a [x]\n\n= z (3 x)",
  });
  const m = loadFile("lib/b.sire", { files, cache: null });
  assert.equal(m.name, "b");
  assert.equal(value(m.state, "z"), 2);
  assert.equal(value(m.state, "x"), 1);
  assert.equal(value(m.state, "y"), undefined);
  assert.equal(whnf(stateParts(m.state).context), N("b"));
  assert.deepEqual(tabView(stateParts(m.state).modules)!.keys, [N("a")]);
  assert.deepEqual(tabView(m.scope)!.keys, [N("x"), N("z")]);
  // Binding locations record the module they were made in.
  assert.equal(bindingOf(lookupBinding(m.state, N("z"))!).location, N("b"));
});

Deno.test("modules: prior modules are searched in the file's dir, ./sire, then extra dirs", () => {
  const files = memFiles({
    "lib/b.sire": "#### b <- a\n\n:| a\n\n=?= x 1",
    "sire/a.sire": "#### a\n\n= x 2",
    "lib/a.sire": "#### a\n\n= x 1",
    "top/c.sire": "#### c <- b\n\n:| b",
    "extra/b.sire": "#### b <- a\n\n:| a\n\n=?= x 2",
  });
  loadFile("lib/b.sire", { files, cache: null });
  // c finds b only in the extra directory; b then finds a in ./sire.
  loadFile("top/c.sire", { files, cache: null, searchPath: ["extra"] });
  assert.ok(files.reads.includes("extra/b.sire"));
  assert.ok(files.reads.indexOf("top/b.sire") < files.reads.indexOf("extra/b.sire"));
});

Deno.test("modules: loadModule looks in ./sire then the search path", () => {
  const files = memFiles({ "more/m.sire": "#### m\n\n= k 7" });
  const m = loadModule("m", ["more"], { files, cache: null });
  assert.equal(m.path, "more/m.sire");
  assert.equal(value(m.state, "k"), 7);
  assert.deepEqual(files.reads, ["sire/m.sire", "more/m.sire"]);
  assert.throws(
    () => loadModule("nope", [], { files, cache: null }),
    /Module not found: nope/,
  );
});

function loadFails(
  files: Record<string, string>,
  path: string,
  reason: RegExp,
): SireError {
  try {
    loadFile(path, { files: memFiles(files), cache: null });
  } catch (e) {
    assert.ok(e instanceof SireError, `expected SireError, got ${e}`);
    assert.match(e.reason, reason);
    return e;
  }
  assert.fail("expected a failure");
}

Deno.test("modules: header errors", () => {
  loadFails({ "e.sire": "" }, "e.sire", /file is empty/);
  loadFails({ "e.sire": "= x 1" }, "e.sire", /must start with module declaration/);
  loadFails({ "e.sire": "#### e f" }, "e.sire", /Bad module declaration statement/);
  loadFails({ "e.sire": "#### e <- (f g)" }, "e.sire", /Bad module name/);
  loadFails({ "e.sire": "#### e <- f" }, "e.sire", /Module not found: f/);
  loadFails(
    { "e.sire": "#### e <- f", "f.sire": "#### f <- e" },
    "e.sire",
    /loops back/,
  );
  loadFails({}, "nothing.sire", /No such Sire file/);
});

Deno.test("modules: a failure deep in a chain is located in its own file", () => {
  const e = loadFails(
    { "a.sire": "#### a\n\n= x 1\n\n=?= x 2", "b.sire": "#### b <- a" },
    "b.sire",
    /ASSERTION FAILURE/,
  );
  assert.equal(e.file, "a.sire");
  assert.equal(e.line, 5);
});

Deno.test("modules: Rex syntax errors surface as RexError after earlier blocks ran", () => {
  let defined = 0;
  assert.throws(
    () =>
      loadFile("r.sire", {
        files: memFiles({ "r.sire": "#### r\n\n= x 1\n\n= y (\n" }),
        cache: null,
        onEvent: (e) => e.kind === "define" && defined++,
      }),
    RexError,
  );
  assert.equal(defined, 1);
});

Deno.test("modules: final states are cached by path and exact chain text", () => {
  const src: Record<string, string> = {
    "a.sire": "#### a\n\n= x 1",
    "b.sire": "#### b <- a\n\n:| a",
  };
  const cache = new ModuleCache();
  const reports: boolean[] = [];
  const opts = {
    files: memFiles(src),
    cache,
    onModule: (r: { cached: boolean }) => reports.push(r.cached),
  };
  const m1 = loadFile("b.sire", opts);
  const m2 = loadFile("b.sire", opts);
  assert.equal(m1.state, m2.state);
  assert.deepEqual(reports, [false, false, true, true]);
  src["a.sire"] = "#### a\n\n= x 2";
  const m3 = loadFile("b.sire", opts);
  assert.notEqual(m3.state, m1.state);
  assert.equal(value(m3.state, "x"), 2);
});

Deno.test("modules: a REPL session starts in context REPL with the module imported", () => {
  const files = memFiles({
    "a.sire": "#### a\n\n= x 1",
    "b.sire": "#### b <- a\n\n= y 2",
  });
  const m = loadFile("b.sire", { files, cache: null });
  const sess = replSession(m);
  assert.equal(whnf(stateParts(sess.state).context), N("REPL"));
  assert.deepEqual(tabView(stateParts(sess.state).modules)!.keys, [N("a"), N("b")]);
  runText(sess, "=?= y 2\n\n:| a\n\n=?= x 1");
  assert.equal(value(replSession(null).state, "y"), undefined);
});
