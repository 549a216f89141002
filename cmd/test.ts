/**
 * `pallas test FILE.sire…`: load Sire files and report each `=?=` assertion
 * they make. Unlike loading a module (which stops at the first failure), a
 * failing block is reported and the file goes on from the state before it,
 * so one run shows every failure. Ends with `N passed, N failed`.
 *
 * @module
 */

import { colourOn, fail, HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import {
  cliLoadOptions,
  describeSireError,
  parseSireFlags,
  SIRE_FLAGS,
  SIRE_SEARCH,
  type SireLoadFlags,
} from "./sire_load.ts";
import {
  INITIAL_STATE,
  loadFile,
  type LoadOptions,
  Session,
  SireError,
  type SireEvent,
} from "../sire/compiler/mod.ts";
import { dirOf, joinPath } from "../sire/compiler/module.ts";
import { STDLIB_DIR } from "../sire/lib/files.ts";
import { parseRexBlocks } from "../sire/rex/mod.ts";
import { isLeaf, isNode, type Rex } from "../sire/rex/tree.ts";
import { showPlan } from "../runtime/plan/text.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";

/** The `test` verb. */
export const verb: Verb = {
  name: "test",
  summary: "Run the `=?=` assertions of Sire files and report each one",
  usage: `pallas test [--path DIR]… [--quiet] FILE.sire…

Loads each FILE after the module chain its header names and reports every
\`=?=\` assertion it makes, one line each (ok or FAIL, file:line, the
assertion). A failing block is reported and skipped: the rest of the file
runs from the state before it, so one run shows every failure. A block that
fails for another reason counts as a failure too. The last line is
\`N passed, N failed\`.

${SIRE_SEARCH}

Exit status: 0 when every assertion holds; 1 when any fails (or a file
cannot be loaded); 2 for bad options.

Options:
${SIRE_FLAGS}
${HELP_OPTION}`,
  run,
};

/** Pass and failure counts. */
interface Tally {
  passed: number;
  failed: number;
}

function run(args: string[]): Promise<number> {
  return Promise.resolve(runTests(args));
}

function runTests(args: string[]): number {
  const { flags, rest, unknown } = parseSireFlags(args);
  if (unknown) return usageError("test", unknown);
  if (rest.length === 0) {
    return usageError("test", "expected at least one file (pallas test FILE.sire…)");
  }
  setTraceLogger((v) => console.log(showPlan(v)));
  const tally: Tally = { passed: 0, failed: 0 };
  for (const file of rest) testFile(file, flags, tally);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}

const paint = (code: string, text: string) =>
  colourOn(Deno.stdout) ? `\x1b[${code}m${text}\x1b[0m` : text;

/** The module a file's `#### name <- prior` header names as its prior, if any. */
function priorOf(header: Rex | null): string | null {
  if (header === null || !isNode(header) || header.rune !== "####") return null;
  const arrow = header.sons[1];
  if (arrow === undefined || !isNode(arrow) || arrow.rune !== "<-") return null;
  const name = arrow.sons[0];
  return name !== undefined && isLeaf(name) ? name.text : null;
}

/** Finds module `name` the way the compiler does for a file's prior module. */
function findPrior(
  name: string,
  file: string,
  flags: SireLoadFlags,
  opts: LoadOptions,
): string | null {
  for (const d of [dirOf(file), "./sire", ...flags.path, STDLIB_DIR]) {
    const path = joinPath(d, name + ".sire");
    if (opts.files?.readText(path) != null) return path;
  }
  return null;
}

function testFile(file: string, flags: SireLoadFlags, tally: Tally): void {
  let pending: { line: number } | null = null;
  let blockLine = 0;
  let lines: string[] = [];
  const pass = () => {
    if (pending === null) return;
    tally.passed++;
    console.log(
      `${paint("32", "ok   ")}  ${file}:${pending.line}  ${
        lines[pending.line - 1]?.trim() ?? ""
      }`,
    );
    pending = null;
  };
  const onEvent = (e: SireEvent) => {
    if (e.kind !== "assert") return;
    pass();
    pending = { line: blockLine };
  };
  const opts = cliLoadOptions(flags);
  const text = opts.files?.readText(file) ?? null;
  if (text === null) {
    tally.failed++;
    fail("test", `cannot read ${file}: no such file`);
    return;
  }
  lines = text.split("\n");
  const blocks = parseRexBlocks(text, file);
  const prior = priorOf(blocks[0]?.rex ?? null);
  let state = INITIAL_STATE;
  try {
    if (prior !== null) {
      const path = findPrior(prior, file, flags, opts);
      if (path === null) {
        tally.failed++;
        fail("test", `${file}: module not found: ${prior}; check --path or PALLAS_PATH`);
        return;
      }
      state = loadFile(path, opts).state;
    }
  } catch (e) {
    tally.failed++;
    const msg = describeSireError(e);
    if (msg === null) throw e;
    fail("test", msg);
    return;
  }
  const sess = new Session(state, { onEvent });
  for (const b of blocks) {
    blockLine = b.line;
    try {
      if (b.error) throw b.error;
      sess.runBlock(b.rex!, file, text);
      pass();
    } catch (e) {
      const msg = describeSireError(e);
      if (msg === null) throw e;
      tally.failed++;
      const isAssert = e instanceof SireError && e.kind === "assert" && pending !== null;
      const line = isAssert ? pending!.line : b.line;
      const label = isAssert ? "FAIL" : "ERROR";
      pending = null;
      console.log(
        `${paint("1;31", label.padEnd(5))}  ${file}:${line}  ${
          lines[line - 1]?.trim() ?? ""
        }`,
      );
      const detail = msg.split("\n").slice(1).filter((l) => !l.startsWith("\t"));
      if (!isAssert) detail.unshift(msg.split("\n")[0]);
      for (const l of detail) console.log(`      ${l}`);
    }
  }
}
