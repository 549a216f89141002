/**
 * Start-up figures for `pallas sire` with the prelude, measured against
 * Deno's own start in the same run (runs are interleaved so machine noise
 * hits every case alike; medians are reported).
 *
 * Cases:
 * - `deno (empty script)`: the baseline, Deno starting and exiting;
 * - `pallas sire`: the REPL with no file (imports only);
 * - `prelude, cached`: `pallas sire p.sire` where p.sire imports prelude and
 *   its states are in the module cache (a second load);
 * - `prelude, cold`: the same with an empty cache, compiling all of the
 *   library's modules.
 *
 * The `pallas` cases run like `deno task pallas` (with its V8 flags); set
 * `PLAIN=1` to run them without.
 *
 * Usage: `deno run -A tools/startup_bench.ts [ROUNDS]` (default 15).
 *
 * @module
 */

const ROUNDS = Number(Deno.args[0] ?? 15);
const MAIN = new URL("../cmd/main.ts", import.meta.url).pathname;
const CONFIG = new URL("../deno.json", import.meta.url).pathname;
const dir = Deno.makeTempDirSync({ prefix: "pallas-startup-" });
const empty = `${dir}/empty.ts`;
const program = `${dir}/p.sire`;
const warmCache = `${dir}/warm.sqlite`;
Deno.writeTextFileSync(empty, "");
Deno.writeTextFileSync(program, "#### p <- prelude\n\n:| prelude\n");

/** Flags the `pallas` task passes to Deno: its `--v8-flags`, read from deno.json. */
const TASK = JSON.parse(Deno.readTextFileSync(CONFIG)).tasks.pallas as string;
const V8_FLAGS = Deno.env.get("PLAIN")
  ? []
  : TASK.split(/\s+/).filter((a) => a.startsWith("--v8-flags"));
const RUN_FLAGS = ["run", "-A", `--config=${CONFIG}`, ...V8_FLAGS];

interface Case {
  name: string;
  args: string[];
  env?: () => Record<string, string>;
}

let coldRun = 0;
const cases: Case[] = [
  { name: "deno (empty script)", args: ["run", "-A", "--no-config", empty] },
  { name: "pallas sire", args: [...RUN_FLAGS, MAIN, "sire"] },
  {
    name: "prelude, cached",
    args: [...RUN_FLAGS, MAIN, "sire", program],
    env: () => ({ PALLAS_CACHE: warmCache }),
  },
  {
    name: "prelude, cold",
    args: [...RUN_FLAGS, MAIN, "sire", program],
    env: () => ({ PALLAS_CACHE: `${dir}/cold-${coldRun++}.sqlite` }),
  },
];

async function timeOnce(c: Case): Promise<number> {
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: c.args,
    env: c.env?.(),
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).output();
  const ms = performance.now() - t0;
  if (!out.success) {
    throw new Error(`${c.name} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// Fill the warm cache (twice: the second load records the pin hashes).
for (let i = 0; i < 2; i++) await timeOnce(cases[2]);

const times: number[][] = cases.map(() => []);
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < cases.length; i++) times[i].push(await timeOnce(cases[i]));
}
const base = median(times[0]);
console.log(`${ROUNDS} rounds, medians (whole process; "over" = above Deno's own start)`);
for (let i = 0; i < cases.length; i++) {
  const m = median(times[i]);
  const over = i === 0 ? "" : `  over ${(m - base).toFixed(0).padStart(5)} ms`;
  console.log(
    `  ${cases[i].name.padEnd(22)} ${m.toFixed(0).padStart(5)} ms${over}` +
      `  (min ${Math.min(...times[i]).toFixed(0)} ms)`,
  );
}
Deno.removeSync(dir, { recursive: true });
