/**
 * `pallas sire [FILE…]`: load Sire files, then a REPL on the last module's
 * scope. With a terminal on stdin it reads line by line (line editing and
 * history); otherwise it runs every block of stdin in batch mode.
 *
 * @module
 */

import { HELP_OPTION, usageError, type Verb } from "./verbs.ts";
import {
  describeSireError,
  loadSireFile,
  parseSireFlags,
  reportSireError,
  SIRE_FLAGS,
  SIRE_SEARCH,
} from "./sire_load.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import {
  execute,
  importModule,
  INITIAL_STATE,
  rexToNoun,
  Session,
  type SireEvent,
  switchToContext,
} from "../sire/compiler/mod.ts";
import { parseRexBlocks } from "../sire/rex/mod.ts";
import { showValue } from "../sire/print/mod.ts";
import { natFromText } from "../runtime/plan/value.ts";

/** The `sire` verb. */
export const verb: Verb = {
  name: "sire",
  summary: "Load Sire files, then read and run Sire from standard input",
  usage: `pallas sire [--path DIR]… [--quiet] [FILE.sire…]

Loads each FILE (with the module chain it names), then reads Sire blocks from
standard input and runs them in the scope of the last file. Values are
printed; a failing block prints its error and the state stays as it was
before it. On a terminal, a line starting with a rune continues until a blank
line; otherwise standard input is read to its end. \`trk\` output goes to
standard output.

${SIRE_SEARCH}

Exit status: 0; 1 when a file fails to load or a block of non-interactive
input fails; 2 for bad options.

Options:
${SIRE_FLAGS}
${HELP_OPTION}`,
  run,
};

async function run(args: string[]): Promise<number> {
  const { flags, rest, unknown } = parseSireFlags(args);
  if (unknown) return usageError("sire", unknown);
  setTraceLogger((v) => console.log(showValue(v, { maxChars: 20_000 })));
  const onEvent = (e: SireEvent) => {
    if (e.kind === "value") console.log(showValue(e.value));
  };
  let sess: Session;
  try {
    let last = null;
    for (const file of rest) last = loadSireFile(file, flags);
    if (last === null) {
      sess = new Session(INITIAL_STATE, { onEvent });
    } else {
      const repl = switchToContext(last.state, natFromText("REPL"));
      sess = new Session(repl, { onEvent });
      importModule(sess, 0, natFromText(last.name), null);
    }
  } catch (e) {
    return reportSireError("sire", e);
  }
  if (Deno.stdin.isTerminal()) return await interactive(sess);
  const text = await new Response(Deno.stdin.readable).text();
  return runBlocks(sess, text, "<stdin>", 1) ? 0 : 1;
}

/**
 * Runs every block of `text`; a failing block prints its error and leaves
 * the state as before it. Returns false if any block failed.
 */
function runBlocks(
  sess: Session,
  text: string,
  file: string,
  firstLine: number,
): boolean {
  let ok = true;
  for (const b of parseRexBlocks(text, file)) {
    try {
      if (b.error) throw b.error;
      const noun = rexToNoun(b.rex);
      sess.inBlock(
        { file, line: b.line + firstLine - 1, block: noun, source: text },
        () => execute(sess, noun),
      );
    } catch (e) {
      const msg = describeSireError(e);
      if (msg === null) throw e;
      console.error(msg);
      ok = false;
    }
  }
  return ok;
}

/**
 * The interactive loop: a line that starts with a rune opens a block that
 * runs at the next blank line; any other line runs at once.
 */
async function interactive(sess: Session): Promise<number> {
  const readline = await import("node:readline");
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historySize: 1000,
  });
  console.log(
    "Sire REPL (pallas). A line starting with a rune continues until a blank line.",
  );
  let buffer: string[] = [];
  let lineNo = 0;
  let startLine = 1;
  const prompt = () => {
    rl.setPrompt(buffer.length === 0 ? "sire> " : "  ... ");
    rl.prompt();
  };
  const flush = () => {
    if (buffer.length > 0) runBlocks(sess, buffer.join("\n"), "<repl>", startLine);
    buffer = [];
  };
  prompt();
  for await (const line of rl) {
    lineNo++;
    if (buffer.length === 0) {
      if (line.trim() === "") {
        prompt();
        continue;
      }
      startLine = lineNo;
      buffer.push(line);
      if (!/^\s*[$!#%&*+,\-./:<=>?@\\^`'|~]+(\s|$)/.test(line)) flush();
    } else if (line.trim() === "") {
      flush();
    } else {
      buffer.push(line);
    }
    prompt();
  }
  flush();
  console.log();
  return 0;
}
