/**
 * Running the `pallas` CLI as a subprocess for the `cli_*` tests.
 *
 * @module
 */

/** The CLI's entry point. */
export const MAIN: string = new URL("../cmd/main.ts", import.meta.url).pathname;

/** What a finished run printed and how it exited. */
export interface Run {
  /** Exit status. */
  readonly code: number;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** How to run the CLI. */
export interface RunOptions {
  /** Text (or bytes) for standard input (default: none). */
  stdin?: string | Uint8Array;
  /** Working directory. */
  cwd?: string;
  /** Permission flags for `deno run` (default `-A`). */
  perms?: string[];
  /** Extra environment variables (NO_COLOR is always set). */
  env?: Record<string, string>;
}

/** Runs `pallas ...args` to completion. */
export async function pallas(args: string[], opts: RunOptions = {}): Promise<Run> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...(opts.perms ?? ["-A"]), MAIN, ...args],
    cwd: opts.cwd,
    stdin: opts.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...opts.env },
  }).spawn();
  if (opts.stdin !== undefined) {
    const w = child.stdin.getWriter();
    await w.write(
      typeof opts.stdin === "string" ? new TextEncoder().encode(opts.stdin) : opts.stdin,
    );
    await w.close();
  }
  const out = await child.output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout),
    stderr: dec.decode(out.stderr),
  };
}

/** A fresh, empty temporary directory. */
export function tempDir(): string {
  return Deno.makeTempDirSync({ prefix: "pallas-cli-" });
}
