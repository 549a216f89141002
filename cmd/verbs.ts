/**
 * The table of CLI verbs. Each verb lives in its own file under `cmd/` and
 * exports a `run(args)` function returning the process exit code.
 *
 * @module
 */

/** One CLI verb: its name, a one-line summary and its entry point. */
export interface Verb {
  /** The word typed after `pallas`. */
  readonly name: string;
  /** One-line summary shown by `pallas --help`. */
  readonly summary: string;
  /** Usage line(s) shown by `pallas VERB --help`. */
  readonly usage: string;
  /** Runs the verb with the remaining arguments; resolves to an exit code. */
  readonly run: (args: string[]) => Promise<number>;
}

/** All verbs, in the order `pallas --help` lists them (loaded lazily). */
export const VERBS: readonly {
  name: string;
  summary: string;
  load: () => Promise<Verb>;
}[] = [
  {
    name: "plan",
    summary: "Evaluate PLAN expressions and print their normal forms",
    load: async () => (await import("./plan.ts")).verb,
  },
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
    name: "boot",
    summary: "Create a machine from a cog in a seed or Sire file",
    load: async () => (await import("./boot.ts")).verb,
  },
  {
    name: "start",
    summary: "Resume a machine and run it until interrupted",
    load: async () => (await import("./start.ts")).verb,
  },
];
