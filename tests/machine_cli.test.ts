/**
 * `pallas boot` and `pallas start` errors: one clear line on standard
 * error and exit status 1 (2 for usage mistakes), nothing created or
 * changed.
 */

import assert from "node:assert/strict";
import { counterFixture, pallas } from "./machine_proc.ts";

function exists(p: string): boolean {
  try {
    Deno.statSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Asserts a one-line `pallas: …` error matching `re` and status `code`. */
function failed(r: { code: number; stderr: string }, re: RegExp, code = 1): void {
  assert.equal(r.code, code, r.stderr);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr.trim(), re);
}

Deno.test("cli: boot refuses a non-empty directory and an existing machine", async () => {
  const { tmp, seed, dir } = counterFixture();
  failed(
    await pallas(["boot", tmp, seed]),
    /^pallas: .* is not empty; boot needs a new or empty directory$/,
  );
  assert.equal((await pallas(["boot", dir, seed])).code, 0);
  failed(
    await pallas(["boot", dir, seed]),
    /^pallas: .* already holds a machine; run it with `pallas start .*`$/,
  );
});

Deno.test("cli: boot reports a missing file, a bad seed and a Sire file without main", async () => {
  const { tmp, dir } = counterFixture();
  failed(
    await pallas(["boot", dir, `${tmp}/nope.seed`]),
    /^pallas: File does not exist: .*nope\.seed$/,
  );
  assert.equal(exists(dir), false, "nothing is created");
  Deno.writeTextFileSync(`${tmp}/bad.seed`, "not a seed");
  failed(
    await pallas(["boot", dir, `${tmp}/bad.seed`]),
    /^pallas: .*bad\.seed is not a seed: /,
  );
  Deno.writeTextFileSync(`${tmp}/nomain.sire`, "#### nomain\n\n= x 3\n");
  failed(
    await pallas(["boot", dir, `${tmp}/nomain.sire`]),
    /^pallas: No `main` defined in this file$/,
  );
  assert.equal(exists(dir), false);
});

Deno.test("cli: start reports a missing directory or machine; usage errors exit 2", async () => {
  const { tmp } = counterFixture();
  failed(await pallas(["start", `${tmp}/none`]), /^pallas: .*none does not exist$/);
  failed(
    await pallas(["start", tmp]),
    /^pallas: .* holds no machine \(no machine\.db\); create one with `pallas boot`$/,
  );
  failed(await pallas(["start"]), /^pallas start: expected one machine directory/, 2);
  failed(
    await pallas(["start", tmp, "--bogus"]),
    /^pallas start: unknown option '--bogus'$/,
    2,
  );
  failed(await pallas(["boot", tmp]), /^pallas boot: expected a directory and a file/, 2);
  failed(await pallas(["start", tmp, "--tick-timeout"]), /needs a value/, 2);
  const help = await pallas(["start", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--replay-all/);
});
