/**
 * Entry point of the `pallas` command-line tool.
 *
 * @module
 */

import { VERBS } from "./verbs.ts";

const HELP = `pallas: an event-sourced, purely functional operating function

Usage: pallas VERB [ARGS…]

Verbs:
${VERBS.map((v) => `  ${v.name.padEnd(8)} ${v.summary}`).join("\n")}

Run \`pallas VERB --help\` for a verb's options.`;

/** Runs the CLI with `args` and resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(HELP);
    return 0;
  }
  if (name === "--version") {
    const { VERSION } = await import("../runtime/version.ts");
    console.log(`pallas ${VERSION}`);
    return 0;
  }
  const entry = VERBS.find((v) => v.name === name);
  if (!entry) {
    console.error(`pallas: unknown verb '${name}' (try \`pallas --help\`)`);
    return 2;
  }
  const verb = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`${verb.summary}\n\nUsage: ${verb.usage}`);
    return 0;
  }
  return await verb.run(rest);
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
