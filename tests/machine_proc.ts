/**
 * Running `pallas` as a child process for the machine tests: spawn it,
 * follow its standard error line by line, signal it, collect the result.
 *
 * @module
 */

import { counterSeed } from "./machine_cogs.ts";
import type { Val } from "../runtime/plan/value.ts";

const MAIN = new URL("../cmd/main.ts", import.meta.url).pathname;

/** A running `pallas` child. */
export class Pallas {
  /** The process. */
  readonly child: Deno.ChildProcess;
  /** Complete standard-error lines so far. */
  readonly lines: string[] = [];
  /** Standard output, once the child has exited. */
  stdout = "";
  readonly #waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] =
    [];
  readonly #done: Promise<Deno.CommandStatus>;

  /** Spawns `pallas ...args`. */
  constructor(args: string[]) {
    this.child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, ...args],
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).spawn();
    const err = this.#follow();
    const out = new Response(this.child.stdout).text().then((t) => (this.stdout = t));
    this.#done = Promise.all([err, out]).then(() => this.child.status);
  }

  async #follow(): Promise<void> {
    let buf = "";
    for await (const chunk of this.child.stderr.pipeThrough(new TextDecoderStream())) {
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        this.lines.push(line);
        for (let j = this.#waiters.length - 1; j >= 0; j--) {
          if (this.#waiters[j].test(line)) this.#waiters.splice(j, 1)[0].resolve(line);
        }
      }
    }
    for (const w of this.#waiters.splice(0)) w.resolve("");
  }

  /** Resolves with the first line (from now on) passing `test`, or "" at exit. */
  waitFor(test: (line: string) => boolean): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }

  /** Sends a signal (ignored if the child has exited). */
  kill(sig: Deno.Signal): void {
    try {
      this.child.kill(sig);
    } catch { /* already gone */ }
  }

  /** Waits for the child to exit and its output to be read. */
  status(): Promise<Deno.CommandStatus> {
    return this.#done;
  }

  /** The `[%tick n]` counts traced so far. */
  ticks(): number[] {
    return tickLines(this.lines);
  }
}

/**
 * The count in a `++ [%tick n]` trace line, or null. Nats print like
 * upstream's printer: decimal, `%word` when the bytes spell a word, and
 * `{text}` when they are other printable text (e.g. 8224 is `{  }`).
 */
export function tickOf(line: string): number | null {
  const m = /^\+\+ \[%tick (\d+|%[A-Za-z_][A-Za-z0-9_]*|\{[^}]*\})\]$/.exec(line);
  if (!m) return null;
  const t = m[1];
  if (/^\d/.test(t)) return Number(t);
  const text = t.startsWith("%") ? t.slice(1) : t.slice(1, -1);
  let n = 0;
  for (let i = text.length - 1; i >= 0; i--) n = n * 256 + text.charCodeAt(i);
  return n;
}

/** The counts in `++ [%tick n]` trace lines. */
export function tickLines(lines: readonly string[]): number[] {
  const out: number[] = [];
  for (const l of lines) {
    const k = tickOf(l);
    if (k !== null) out.push(k);
  }
  return out;
}

/** A matcher for the trace line of tick `n`. */
export function isTick(n: number): (line: string) => boolean {
  return (l) => tickOf(l) === n;
}

/** Runs `pallas ...args` to completion. */
export async function pallas(
  args: string[],
): Promise<{ code: number; stderr: string; stdout: string }> {
  const p = new Pallas(args);
  const st = await p.status();
  return { code: st.code, stderr: p.lines.join("\n"), stdout: p.stdout };
}

/** A fresh temp dir holding `counter.seed` (the counter cog) — returns both paths. */
export function counterFixture(delay?: Val): { tmp: string; seed: string; dir: string } {
  const tmp = Deno.makeTempDirSync({ prefix: "pallas-proc-" });
  const seed = `${tmp}/counter.seed`;
  Deno.writeFileSync(seed, counterSeed(delay));
  return { tmp, seed, dir: `${tmp}/m` };
}
