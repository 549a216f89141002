/**
 * The table of CLI verbs, and the conventions every verb shares: how help is
 * laid out and how failures are reported. Each verb lives in its own file
 * under `cmd/` and exports `verb: Verb`.
 *
 * Failures print one line on standard error in the form
 * `pallas VERB: what failed (where); what to do` (`pallas: …` for machine
 * failures) — Sire diagnostics add their source excerpt below it. The `pallas VERB:` prefix is red when standard
 * error is a terminal and `NO_COLOR` is unset. Usage mistakes exit with
 * status 2, other failures with status 1.
 *
 * @module
 */

/** One CLI verb: its name, a one-line summary and its entry point. */
export interface Verb {
  /** The word typed after `pallas`. */
  readonly name: string;
  /** One-line summary shown by `pallas --help`. */
  readonly summary: string;
  /**
   * Help text: the synopsis (`pallas VERB …`) on the first line, then a blank
   * line, a description and an `Options:` block.
   */
  readonly usage: string;
  /** Runs the verb with the remaining arguments; resolves to an exit code. */
  readonly run: (args: string[]) => Promise<number>;
}

/** An entry of the verb table; the verb's module is loaded on first use. */
export interface VerbEntry {
  /** The word typed after `pallas`. */
  readonly name: string;
  /** One-line summary shown by `pallas --help`. */
  readonly summary: string;
  /** Loads the verb's module. */
  readonly load: () => Promise<Verb>;
}

/** All verbs, in the order `pallas --help` lists them (loaded lazily). */
export const VERBS: readonly VerbEntry[] = [
  {
    name: "sire",
    summary: "Load Sire files, then read and run Sire from standard input",
    load: async () => (await import("./sire.ts")).verb,
  },
  {
    name: "save",
    summary: "Compile a Sire file and write the seed of its `main`",
    load: async () => (await import("./save.ts")).verb,
  },
  {
    name: "show",
    summary: "Load a seed file and print the value it holds",
    load: async () => (await import("./show.ts")).verb,
  },
  {
    name: "repl",
    summary: "Feed standard input through a stream-processor seed",
    load: async () => (await import("./repl.ts")).verb,
  },
  {
    name: "boot",
    summary: "Create a machine from a cog in a seed or Sire file",
    load: async () => (await import("./boot.ts")).verb,
  },
  {
    name: "start",
    summary: "Resume a machine and run it until interrupted",
    load: async () => (await import("./start.ts")).verb,
  },
  {
    name: "plan",
    summary: "Evaluate PLAN expressions and print their normal forms",
    load: async () => (await import("./plan.ts")).verb,
  },
  {
    name: "test",
    summary: "Run the `=?=` assertions of Sire files and report each one",
    load: async () => (await import("./test.ts")).verb,
  },
  {
    name: "info",
    summary: "Describe a machine store without changing it",
    load: async () => (await import("./info.ts")).verb,
  },
];

/** The `-h, --help` line every verb's `Options:` block ends with. */
export const HELP_OPTION = "  -h, --help                show this help";

/** True when `stream` should get ANSI colours (a terminal, and no `NO_COLOR`). */
export function colourOn(stream: { isTerminal(): boolean } = Deno.stderr): boolean {
  return !Deno.noColor && stream.isTerminal();
}

/** `text` in bold red when standard error takes colours, else unchanged. */
export function red(text: string): string {
  return colourOn() ? `\x1b[1;31m${text}\x1b[0m` : text;
}

/**
 * Prints `pallas VERB: message` on standard error (just `pallas:` when `verb`
 * is null) and returns `code` (default 1), for `return fail(…)`.
 */
export function fail(verb: string | null, message: string, code = 1): number {
  const prefix = verb === null ? "pallas:" : `pallas ${verb}:`;
  console.error(`${red(prefix)} ${message}`);
  return code;
}

/**
 * Reports a usage mistake (a bad option or argument count) as one line and
 * returns 2. The message names the problem and, for a wrong argument count,
 * the synopsis to follow: `expected one file (pallas show FILE.seed)`.
 */
export function usageError(verb: string, message: string): number {
  return fail(verb, message, 2);
}

/** The help text of one verb, in the layout shared by all verbs. */
export function verbHelp(verb: Verb): string {
  const [synopsis, ...rest] = verb.usage.split("\n");
  const body = rest.join("\n").trim();
  return `Usage: ${synopsis}\n\n  ${verb.summary}${body ? `\n\n${body}` : ""}`;
}
