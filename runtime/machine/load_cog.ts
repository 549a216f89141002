/**
 * Loading the value `boot` installs as the initial cog: a seed file holds
 * it directly; a Sire file provides it as its top-level `main` binding.
 *
 * @module
 */

import { makePin } from "../plan/eval.ts";
import { natFromText, type Val } from "../plan/value.ts";
import { loadSeedOrPod } from "../seed/pod.ts";
import { SeedError } from "../seed/error.ts";
import { CogFileError } from "./errors.ts";

/** Loads the cog from `path` (a `.seed` or `.sire` file). */
export async function loadCog(path: string): Promise<Val> {
  let isFile = false;
  try {
    isFile = Deno.statSync(path).isFile;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (!isFile) throw new CogFileError(path, `File does not exist: ${path}`);
  if (path.endsWith(".sire")) return await loadSireMain(path);
  let bytes: Uint8Array;
  try {
    bytes = Deno.readFileSync(path);
  } catch (e) {
    throw new CogFileError(path, `cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return loadSeedOrPod(bytes, { makePin });
  } catch (e) {
    if (e instanceof SeedError) {
      throw new CogFileError(path, `${path} is not a seed: ${e.message}`);
    }
    throw e;
  }
}

/**
 * Compiles a Sire file with its module chain (the standard library's
 * modules, such as `prelude` and `kern`, are found too) and returns the
 * value of its `main` binding. The compiler is loaded only when needed.
 */
export async function loadSireMain(path: string): Promise<Val> {
  const sire = await import("../../sire/compiler/mod.ts");
  const { stdlibLoadOptions } = await import("../../sire/lib/files.ts");
  let mod;
  try {
    mod = sire.loadFile(path, stdlibLoadOptions());
  } catch (e) {
    throw new CogFileError(path, `${path}: ${(e as Error).message}`);
  }
  const b = sire.lookupBinding(mod.state, natFromText("main"));
  if (b === undefined) throw new CogFileError(path, "No `main` defined in this file");
  return sire.bindingOf(b).value;
}
