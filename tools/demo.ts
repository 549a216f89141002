/**
 * `deno task demo`: shows a machine surviving a restart. It boots
 * `sire/demo_count_up.sire` into a fresh temporary directory, runs it for a
 * few ticks, stops it with SIGINT, starts it again and checks that the
 * count goes on from the next number, then deletes the directory.
 *
 * Only Deno is needed: `pallas` runs as `deno run cmd/main.ts` in child
 * processes, with the Sire module cache (`PALLAS_CACHE`) in the temporary
 * directory so the user's cache is neither used nor touched. Exits 1 if a
 * step fails or the count does not continue.
 *
 * The helpers ({@linkcode PallasChild}, {@linkcode counterOf}) are shared
 * with `tests/demo_count_up.test.ts`.
 *
 * @module
 */

/** The CLI entry point run in the child processes. */
export const MAIN: string = new URL("../cmd/main.ts", import.meta.url).pathname;

/** The demo program. */
export const DEMO: string = new URL("../sire/demo_count_up.sire", import.meta.url)
  .pathname;

/** Permissions of the child `pallas` processes (those of `deno task pallas`). */
export const CHILD_PERMISSIONS: readonly string[] = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-net",
  "--allow-sys",
  "--allow-run",
];

/** The count in a `++ [{counter is at} N]` line, or null for any other line. */
export function counterOf(line: string): number | null {
  const m = /^\+\+ \[\{counter is at\} (\d+)\]$/.exec(line);
  return m ? Number(m[1]) : null;
}

/** A `pallas` child process whose standard error is followed line by line. */
export class PallasChild {
  /** The process. */
  readonly child: Deno.ChildProcess;
  /** Complete standard-error lines so far. */
  readonly lines: string[] = [];
  /** The counts printed so far, in order. */
  readonly counts: number[] = [];
  readonly #onLine: (line: string) => void;
  readonly #waiters = new Set<() => void>();
  readonly #done: Promise<Deno.CommandStatus>;
  #exited = false;

  /**
   * Spawns `pallas ...args` with `env` added to the environment; `onLine`
   * sees every standard-error line as it arrives.
   */
  constructor(
    args: readonly string[],
    env: Record<string, string>,
    onLine: (line: string) => void = () => {},
  ) {
    this.#onLine = onLine;
    this.child = new Deno.Command(Deno.execPath(), {
      args: ["run", ...CHILD_PERMISSIONS, MAIN, ...args],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
      env: { NO_COLOR: "1", ...env },
    }).spawn();
    const followed = this.#follow();
    this.#done = followed.then(() => this.child.status).finally(() => {
      this.#exited = true;
      this.#notify();
    });
  }

  async #follow(): Promise<void> {
    let buf = "";
    for await (const chunk of this.child.stderr.pipeThrough(new TextDecoderStream())) {
      buf += chunk;
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        this.#line(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    }
    if (buf !== "") this.#line(buf);
  }

  #line(line: string): void {
    this.lines.push(line);
    const n = counterOf(line);
    if (n !== null) this.counts.push(n);
    this.#onLine(line);
    this.#notify();
  }

  #notify(): void {
    for (const w of [...this.#waiters]) w();
  }

  /**
   * Resolves once `ready()` holds (checked after every line), or rejects
   * when the process exits first or `timeoutMs` passes.
   */
  until(ready: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`timed out waiting for ${what}`)),
        timeoutMs,
      );
      const check = () => {
        if (ready()) finish(null);
        else if (this.#exited) finish(new Error(`pallas exited before ${what}`));
      };
      const finish = (err: Error | null) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        if (err) reject(err);
        else resolve();
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Sends `sig` to this process (nothing if it has exited). */
  kill(sig: Deno.Signal): void {
    if (this.#exited) return;
    try {
      this.child.kill(sig);
    } catch { /* already gone */ }
  }

  /** The exit status, once the process has exited and its output is read. */
  status(): Promise<Deno.CommandStatus> {
    return this.#done;
  }

  /** Waits for the exit, killing the process with SIGKILL after `timeoutMs`. */
  async exit(timeoutMs = 30_000): Promise<Deno.CommandStatus> {
    const timer = setTimeout(() => this.kill("SIGKILL"), timeoutMs);
    try {
      return await this.#done;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Runs `pallas ...args` to completion; its standard error, and the status. */
export async function runPallas(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ code: number; stderr: string }> {
  const p = new PallasChild(args, env);
  const st = await p.exit(timeoutMs);
  return { code: st.code, stderr: p.lines.join("\n") };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function demo(): Promise<boolean> {
  const tmp = await Deno.makeTempDir({ prefix: "pallas-demo-" });
  const dir = `${tmp}/machine`;
  const env = { PALLAS_CACHE: `${tmp}/sire-cache.db` };
  const show = (line: string) => console.log(`    ${line}`);
  const children: PallasChild[] = [];
  const start = () => {
    const p = new PallasChild(["start", dir], env, show);
    children.push(p);
    return p;
  };
  try {
    console.log(`demo: booting sire/demo_count_up.sire into ${dir}`);
    const boot = await runPallas(["boot", dir, DEMO], env);
    if (boot.code !== 0) {
      console.log(`demo: boot failed (exit ${boot.code}):\n${boot.stderr}`);
      return false;
    }

    console.log("demo: `pallas start` — the machine logs a count once a second");
    const first = start();
    await first.until(() => first.counts.length >= 3, "three counts");
    await sleep(300); // mid-second: the last count's step is ticked and committed
    console.log("demo: sending SIGINT (what Ctrl-C does)");
    first.kill("SIGINT");
    const st1 = await first.exit();
    const last = first.counts[first.counts.length - 1];
    console.log(`demo: stopped with exit status ${st1.code}; the last count was ${last}`);
    if (st1.code !== 0) return false;

    console.log(
      `demo: \`pallas start\` again — replays the log, then goes on from ${last + 1}`,
    );
    const second = start();
    await second.until(() => second.counts.length >= 3, "three counts");
    await sleep(300);
    second.kill("SIGINT");
    const st2 = await second.exit();
    const next = second.counts[0];
    const ok = st2.code === 0 && next === last + 1 &&
      second.counts.every((n, i) => n === next + i);
    console.log(
      ok
        ? `demo: ok — the count continued at ${next}, with no repeat and no gap`
        : `demo: FAILED — expected ${last + 1} next, got ${
          second.counts.join(", ")
        } (exit ${st2.code})`,
    );
    return ok;
  } catch (e) {
    console.log(`demo: FAILED — ${(e as Error).message}`);
    return false;
  } finally {
    for (const p of children) {
      p.kill("SIGKILL");
      await p.status();
    }
    await Deno.remove(tmp, { recursive: true });
    console.log(`demo: removed ${tmp}`);
  }
}

if (import.meta.main) {
  Deno.exit((await demo()) ? 0 : 1);
}
