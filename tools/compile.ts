/**
 * Builds the self-contained `pallas` executable with `deno compile`
 * (`deno task compile [OUT]`, default `./pallas`). The executable holds the
 * whole CLI, including the Sire standard library (embedded as text in
 * `sire/lib/embedded.ts`), and runs with only the permissions the verbs
 * need: read and write files, network (the tcp device), and the variables
 * that locate modules and the module cache (`PALLAS_PATH`, `PALLAS_CACHE`,
 * `XDG_CACHE_HOME`, `HOME`).
 *
 * `deno compile` joins the program to a base runtime, `denort`, which it
 * downloads unless `DENORT_BIN` names a local copy (the full `deno` binary
 * does not work as one). When it cannot be had, this script says so in one
 * line and exits with status 1.
 *
 * @module
 */

/** Permissions granted to the compiled `pallas`. */
export const PALLAS_PERMISSIONS: readonly string[] = [
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-env=PALLAS_PATH,PALLAS_CACHE,XDG_CACHE_HOME,HOME",
];

/**
 * V8 settings for `pallas` (the same as the `pallas` task's): a 32 MB young
 * generation from the start, so loading a module state (hundreds of
 * thousands of objects, all long-lived) does not pay for a series of
 * scavenges while the heap grows.
 */
export const PALLAS_V8_FLAGS = "--v8-flags=--min-semi-space-size=32";

/** The arguments given to `deno compile` to build `out`. */
export function compileArgs(out: string): string[] {
  return [
    "compile",
    "--quiet",
    PALLAS_V8_FLAGS,
    ...PALLAS_PERMISSIONS,
    "--output",
    out,
    new URL("../cmd/main.ts", import.meta.url).pathname,
  ];
}

/** True when `stderr` of `deno compile` says the base runtime could not be had. */
export function isDenortFailure(stderr: string): boolean {
  return /denort|dl\.deno\.land|Setting up base binary/i.test(stderr);
}

async function main(args: string[]): Promise<number> {
  const out = args[0] ?? "pallas";
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: compileArgs(out),
    stdout: "inherit",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(stderr);
  if (code === 0) {
    console.log(`compile: wrote ${out}`);
    return 0;
  }
  if (isDenortFailure(err)) {
    const bin = Deno.env.get("DENORT_BIN");
    const why = bin
      ? `DENORT_BIN=${bin} is not a usable denort`
      : "it cannot be downloaded";
    console.error(
      `compile: failed: deno compile needs the base runtime denort ${Deno.version.deno} ` +
        `and ${why}; download denort-${Deno.build.target}.zip for this Deno version ` +
        `from https://dl.deno.land/release/v${Deno.version.deno}/, unzip it and rerun ` +
        `with DENORT_BIN=/path/to/denort`,
    );
    return 1;
  }
  await Deno.stderr.write(stderr);
  console.error(`compile: failed: deno compile exited with status ${code}`);
  return code || 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
