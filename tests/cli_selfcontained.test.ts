/**
 * The CLI needs nothing from the working directory or the source tree at
 * run time: run from a fresh empty directory, allowed to read and write only
 * there (its code comes from the module graph, as in the compiled binary),
 * every verb still works — and `:| prelude` finds the standard library built
 * into the program.
 */

import assert from "node:assert/strict";
import { pallas, tempDir } from "./cli_run.ts";
import { Pallas } from "./machine_proc.ts";
import { counterSeed } from "./machine_cogs.ts";
import { PALLAS_PERMISSIONS } from "../tools/compile.ts";

/** The compiled binary's permissions, with files limited to `dir`. */
function limited(dir: string): string[] {
  return PALLAS_PERMISSIONS.map((p) =>
    p === "--allow-read" || p === "--allow-write" ? `${p}=${dir}` : p
  );
}

const ECHO = `#### echo <- prelude

:| prelude

= (echo input) [input echo]

=?= (len [1 2 3]) 3

main=echo
`;

Deno.test("cli: every verb works from an empty directory with reads limited to it", async () => {
  const tmp = tempDir();
  const perms = limited(tmp);
  const run = (args: string[], stdin?: string) =>
    pallas(args, {
      cwd: tmp,
      perms,
      stdin,
      env: { PALLAS_PATH: "", PALLAS_CACHE: `${tmp}/cache.sqlite` },
    });
  assert.equal((await run(["--help"])).code, 0);
  Deno.writeTextFileSync(`${tmp}/echo.sire`, ECHO);

  const sire = await run(["sire", "echo.sire"], "len (echo 3)\n\nlen (weld [1 2] [3])\n");
  assert.equal(sire.code, 0, sire.stderr);
  assert.equal(sire.stdout, "2\n3\n");

  const test = await run(["test", "echo.sire"]);
  assert.equal(test.code, 0, test.stdout + test.stderr);
  assert.equal(test.stdout.trimEnd().split("\n").at(-1), "1 passed, 0 failed");

  assert.equal((await run(["save", "echo.seed", "echo.sire"])).code, 0);
  const show = await run(["show", "echo.seed"]);
  assert.equal(show.code, 0, show.stderr);
  const repl = await run(["repl", "echo.seed", "--save", "out"], "round trip\n");
  assert.equal(repl.code, 0, repl.stderr);
  assert.equal(Deno.readTextFileSync(`${tmp}/out`), "round trip\n");
  assert.equal((await run(["plan", "(3 99)"])).stdout, "%d\n");

  Deno.writeFileSync(`${tmp}/counter.seed`, counterSeed());
  assert.equal((await run(["boot", "m", "counter.seed"])).code, 0);
  const info = await run(["info", "m"]);
  assert.equal(info.code, 0, info.stderr);
  assert.match(info.stdout, /^cog {8}spinning/m);
  // Reading outside the directory is refused, so nothing else was read.
  const outside = await run(["show", new URL(import.meta.url).pathname]);
  assert.notEqual(outside.code, 0);
});

Deno.test("cli: start runs a machine from an empty directory with limited permissions", async () => {
  const tmp = tempDir();
  Deno.writeFileSync(`${tmp}/counter.seed`, counterSeed());
  const perms = limited(tmp);
  assert.equal(
    (await pallas(["boot", `${tmp}/m`, `${tmp}/counter.seed`], { perms })).code,
    0,
  );
  const p = new Pallas(["start", `${tmp}/m`]);
  await p.waitFor((l) => l.startsWith("++ [%tick"));
  p.kill("SIGINT");
  assert.equal((await p.status()).code, 0);
});
