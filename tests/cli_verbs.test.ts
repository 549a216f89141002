/**
 * Every verb of the `pallas` CLI, end to end through a subprocess: results,
 * help, and usage errors (one line, exit status 2) and failures (one line
 * naming what failed, exit status 1).
 */

import assert from "node:assert/strict";
import { pallas, tempDir } from "./cli_run.ts";
import { VERBS } from "../cmd/verbs.ts";
import { counterSeed } from "./machine_cogs.ts";

/** Asserts exit status `code` and a single stderr line matching `re`. */
function oneLine(r: { code: number; stderr: string }, re: RegExp, code: number): void {
  assert.equal(r.code, code, r.stderr);
  const lines = r.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], re);
}

/** A module with no prior (the compiler's built-in runes only): loads fast. */
const PLAIN = `#### plain

= five 5

= (pair a b) (0 0 3 0 b a)

= (echo input) (pair input echo)

main=echo

=?= five 5
`;

Deno.test("cli: `pallas` and --help list every verb; each verb's --help has one layout", async () => {
  const bare = await pallas([]);
  assert.equal(bare.code, 0);
  assert.equal((await pallas(["--help"])).stdout, bare.stdout);
  for (const v of VERBS) assert.match(bare.stdout, new RegExp(`^  ${v.name} +\\S`, "m"));
  const helps = await Promise.all(VERBS.map((v) => pallas([v.name, "--help"])));
  helps.forEach((h, i) => {
    const name = VERBS[i].name;
    assert.equal(h.code, 0, `${name}: ${h.stderr}`);
    assert.equal(h.stderr, "");
    assert.match(h.stdout, new RegExp(`^Usage: pallas ${name}\\b`), name);
    assert.match(h.stdout, /\n\nOptions:\n/, name);
    assert.match(h.stdout, /^ {2}-h, --help {16}show this help$/m, name);
  });
});

Deno.test("cli: unknown verbs and options are one-line errors with status 2", async () => {
  oneLine(await pallas(["frob"]), /^pallas: unknown verb 'frob'; run `pallas --help`/, 2);
  oneLine(await pallas(["--frob"]), /^pallas: unknown option '--frob'/, 2);
  const verbs = VERBS.map((v) => v.name);
  const runs = await Promise.all(verbs.map((v) => pallas([v, "--frob", "x"])));
  runs.forEach((r, i) =>
    oneLine(r, new RegExp(`^pallas ${verbs[i]}: unknown option '--frob'$`), 2)
  );
  oneLine(await pallas(["show"]), /^pallas show: expected exactly one file/, 2);
  oneLine(await pallas(["save", "a.seed"]), /^pallas save: expected two paths/, 2);
  oneLine(await pallas(["repl"]), /^pallas repl: expected one seed file/, 2);
  oneLine(
    await pallas(["repl", "x.seed", "--save"]),
    /^pallas repl: option --save needs a file$/,
    2,
  );
  oneLine(await pallas(["test"]), /^pallas test: expected at least one file/, 2);
  oneLine(await pallas(["info"]), /^pallas info: expected one machine directory/, 2);
  oneLine(
    await pallas(["sire", "--path"]),
    /^pallas sire: option --path needs a directory$/,
    2,
  );
});

Deno.test("cli: --version", async () => {
  const r = await pallas(["--version"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^pallas \d+\.\d+\.\d+\n$/);
});

Deno.test("cli: plan evaluates, reports crashes and bad input", async () => {
  const r = await pallas(["plan", "(0 1 2 0)"]);
  assert.deepEqual([r.code, r.stdout], [0, "{1 2 0}\n"]);
  const lines = await pallas(["plan"], { stdin: "(3 99)\n; note\n\n(3 4)\n" });
  assert.deepEqual([lines.code, lines.stdout], [0, "%d\n5\n"]);
  oneLine(await pallas(["plan", "(9 (3 3))"]), /^crash: op 9 arg 4$/, 1);
  oneLine(await pallas(["plan", "(1 2"]), /^pallas plan: <argument>:1:\d+: /, 1);
  oneLine(await pallas(["plan", "a", "b"]), /^pallas plan: expected at most one/, 2);
});

Deno.test("cli: save writes a seed; show prints it; failures name the file", async () => {
  const tmp = tempDir();
  Deno.writeTextFileSync(`${tmp}/plain.sire`, PLAIN);
  const save = await pallas(["save", `${tmp}/five.seed`, `${tmp}/plain.sire`]);
  assert.equal(save.code, 0, save.stderr);
  const show = await pallas(["show", `${tmp}/five.seed`]);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /^<\{%echo 1 /);
  // Either order of the two paths.
  assert.equal((await pallas(["save", `${tmp}/plain.sire`, `${tmp}/b.seed`])).code, 0);
  assert.deepEqual(
    Deno.readFileSync(`${tmp}/b.seed`),
    Deno.readFileSync(`${tmp}/five.seed`),
  );
  Deno.writeTextFileSync(`${tmp}/nomain.sire`, "#### nomain\n\n= x 3\n");
  oneLine(
    await pallas(["save", `${tmp}/x.seed`, `${tmp}/nomain.sire`]),
    /^pallas save: .*nomain\.sire: no `main` defined in this file; add `= main …`$/,
    1,
  );
  const missing = await pallas(["save", `${tmp}/x.seed`, `${tmp}/none.sire`]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^pallas save: .*none\.sire.*No such Sire file/);
  oneLine(
    await pallas(["show", `${tmp}/none.seed`]),
    /^pallas show: cannot read .*none\.seed: /,
    1,
  );
  Deno.writeTextFileSync(`${tmp}/bad.seed`, "garbage!");
  oneLine(
    await pallas(["show", `${tmp}/bad.seed`]),
    /^pallas show: .*bad\.seed is not a seed: /,
    1,
  );
});

Deno.test("cli: sire runs stdin in the last file's scope; bad blocks fail but the rest run", async () => {
  const tmp = tempDir();
  Deno.writeTextFileSync(`${tmp}/plain.sire`, PLAIN);
  const r = await pallas(["sire", `${tmp}/plain.sire`], {
    stdin: "five\n\nnope\n\n(pair 1 2)\n",
  });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "5\n[1 2]\n");
  assert.match(r.stderr, /^<stdin>:3:1: Unresolved symbol: nope/);
  const ok = await pallas(["sire"], { stdin: "(0 1 2 0)\n" });
  assert.deepEqual([ok.code, ok.stdout], [0, "(a b & _self)\n"]);
  Deno.writeTextFileSync(`${tmp}/broken.sire`, "#### broken\n\n= x undefinedName\n");
  const bad = await pallas(["sire", `${tmp}/broken.sire`], { stdin: "" });
  assert.equal(bad.code, 1);
  assert.match(
    bad.stderr,
    /^pallas sire: .*broken\.sire:3:\d+: Unresolved symbol: undefinedName\n/,
  );
});

Deno.test("cli: test reports every assertion and ends with the counts", async () => {
  const tmp = tempDir();
  Deno.writeTextFileSync(`${tmp}/plain.sire`, PLAIN);
  Deno.writeTextFileSync(
    `${tmp}/t.sire`,
    "#### t <- plain\n\n:| plain\n\n=?= five 5\n\n=?= five 6\n\n= y oops\n\n=?= (pair 1 2) (pair 1 2)\n",
  );
  const r = await pallas(["test", `${tmp}/t.sire`]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.match(lines[0], /^ok {4}.*t\.sire:5 {2}=\?= five 5$/);
  assert.match(lines[1], /^FAIL {2}.*t\.sire:7 {2}=\?= five 6$/);
  assert.match(lines[2], /^ {6}left: {2}5$/);
  assert.match(lines[3], /^ {6}right: 6$/);
  assert.match(lines[4], /^ERROR .*t\.sire:9 {2}= y oops$/);
  assert.match(lines[5], /Unresolved symbol: oops/);
  assert.match(lines[6], /^ok {4}.*t\.sire:11 /);
  assert.equal(lines.at(-1), "2 passed, 2 failed");
  // The prior module's own assertion runs (silently) while loading it.
  const good = await pallas(["test", `${tmp}/plain.sire`]);
  assert.equal(good.code, 0, good.stdout + good.stderr);
  assert.equal(good.stdout.trimEnd().split("\n").at(-1), "1 passed, 0 failed");
  const none = await pallas(["test", `${tmp}/none.sire`]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /^pallas test: cannot read .*none\.sire: no such file\n$/);
  assert.equal(none.stdout, "0 passed, 1 failed\n");
});

Deno.test("cli: repl feeds stdin through the seed and saves its output", async () => {
  const tmp = tempDir();
  Deno.writeTextFileSync(`${tmp}/plain.sire`, PLAIN);
  assert.equal((await pallas(["save", `${tmp}/echo.seed`, `${tmp}/plain.sire`])).code, 0);
  const text = "hello, world\n".repeat(20); // more than one 80-byte chunk
  const r = await pallas(["repl", `${tmp}/echo.seed`, "--save", `${tmp}/out`], {
    stdin: text,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(Deno.readTextFileSync(`${tmp}/out`), text);
  // A step that does not return [bar function] is printed, then "bad noun".
  Deno.writeTextFileSync(`${tmp}/k.sire`, "#### k\n\n= (k input) 7\n\nmain=k\n");
  assert.equal((await pallas(["save", `${tmp}/k.seed`, `${tmp}/k.sire`])).code, 0);
  const bad = await pallas(["repl", `${tmp}/k.seed`], { stdin: "x" });
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, "7\n");
  assert.match(bad.stderr, /^pallas repl: bad noun: /);
  Deno.writeTextFileSync(`${tmp}/n.sire`, "#### n\n\nmain=5\n");
  assert.equal((await pallas(["save", `${tmp}/n.seed`, `${tmp}/n.sire`])).code, 0);
  oneLine(
    await pallas(["repl", `${tmp}/n.seed`]),
    /^pallas repl: .*n\.seed holds the nat 5, not a function$/,
    1,
  );
  oneLine(
    await pallas(["repl", `${tmp}/none.seed`]),
    /^pallas repl: cannot read .*none\.seed: /,
    1,
  );
});

Deno.test("cli: boot, start, info on a machine store", async () => {
  const tmp = tempDir();
  Deno.writeFileSync(`${tmp}/counter.seed`, counterSeed());
  const dir = `${tmp}/m`;
  assert.equal((await pallas(["boot", dir, `${tmp}/counter.seed`])).code, 0);
  const info = await pallas(["info", dir]);
  assert.equal(info.code, 0, info.stderr);
  assert.match(info.stdout, /^machine {4}.*\/m$/m);
  assert.match(info.stdout, /^format {5}pallas-machine version 1 /m);
  assert.match(info.stdout, /^events {5}0 ticks$/m);
  assert.match(info.stdout, /^snapshots {2}1 \(after tick 0\)$/m);
  assert.match(info.stdout, /^pins {7}\d+$/m);
  assert.match(info.stdout, /^size {7}\d+ bytes/m);
  assert.match(info.stdout, /^cog {8}spinning, 1 worker, at snapshot 0$/m);
  oneLine(
    await pallas(["info", `${tmp}/none`]),
    /^pallas info: .*none does not exist$/,
    1,
  );
  oneLine(await pallas(["info", tmp]), /^pallas info: .* holds no machine/, 1);
  oneLine(await pallas(["start", `${tmp}/none`]), /^pallas: .*none does not exist$/, 1);
});
