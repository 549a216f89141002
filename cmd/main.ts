/**
 * Entry point of the `pallas` command-line tool: `pallas VERB [ARGS…]`.
 * Without a verb (or with `--help`) it prints the list of verbs; `pallas VERB
 * --help` prints the verb's own help. An unknown verb exits with status 2.
 *
 * @module
 */

import { fail, HELP_OPTION, verbHelp, VERBS } from "./verbs.ts";

const HELP = `Usage: pallas VERB [ARGS…]

  Pallas: build, run and inspect event-sourced PLAN machines

Verbs:
${VERBS.map((v) => `  ${v.name.padEnd(8)} ${v.summary}`).join("\n")}

Options:
  --version                 print the version
${HELP_OPTION}

Run \`pallas VERB --help\` for a verb's arguments and options.`;

/** Runs the CLI with `args` and resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return 0;
  }
  if (name === "--version" || name === "-V") {
    const { VERSION } = await import("../runtime/version.ts");
    console.log(`pallas ${VERSION}`);
    return 0;
  }
  const entry = VERBS.find((v) => v.name === name);
  if (!entry) {
    const what = name.startsWith("-") ? "option" : "verb";
    return fail(
      null,
      `unknown ${what} '${name}'; run \`pallas --help\` for the verbs`,
      2,
    );
  }
  const verb = await entry.load();
  const end = rest.indexOf("--");
  const opts = end < 0 ? rest : rest.slice(0, end);
  if (opts.includes("--help") || opts.includes("-h")) {
    console.log(verbHelp(verb));
    return 0;
  }
  return await verb.run(rest);
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
