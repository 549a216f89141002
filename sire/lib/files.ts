/**
 * The standard library as a file source for the Sire compiler: the
 * embedded module texts served under a virtual directory, so programs
 * whose chain starts at `prelude` (or any library module) load from any
 * working directory.
 *
 * ```ts
 * import { loadFile } from "../compiler/mod.ts";
 * import { stdlibLoadOptions } from "./files.ts";
 * const m = loadFile("demo.sire", stdlibLoadOptions());
 * ```
 *
 * @module
 */

import { denoFiles, type LoadOptions, type SireFiles } from "../compiler/mod.ts";
import { STDLIB_CHAIN_KEYS, STDLIB_DIGESTS, STDLIB_SOURCES } from "./embedded.ts";
import { registerStdlibJets } from "./jet_hashes.ts";

export { registerStdlibJets };

/** The virtual directory the library's modules are served from. */
export const STDLIB_DIR = "/@stdlib";

/** The names of the library's modules, in load order. */
export const STDLIB_MODULES: readonly string[] = Object.keys(STDLIB_SOURCES);

/** The module name served at `path` under {@linkcode STDLIB_DIR}, or null. */
function stdlibName(path: string): string | null {
  const prefix = STDLIB_DIR + "/";
  if (!path.startsWith(prefix) || !path.endsWith(".sire")) return null;
  const name = path.slice(prefix.length, -".sire".length);
  return Object.hasOwn(STDLIB_SOURCES, name) ? name : null;
}

/** The embedded text of `STDLIB_DIR/<name>.sire`, or null for other paths. */
export function stdlibText(path: string): string | null {
  const name = stdlibName(path);
  return name === null ? null : STDLIB_SOURCES[name];
}

/** The BLAKE3 digest of an embedded module's text, or null for other paths. */
export function stdlibDigest(path: string): Uint8Array | null {
  const name = stdlibName(path);
  return name === null ? null : Uint8Array.fromHex(STDLIB_DIGESTS[name]);
}

/**
 * The cache key of the embedded module at `path` when the module before it
 * has the key the library was built with (`prior`), else null.
 */
export function stdlibKnownKey(
  path: string,
  prior: Uint8Array | null,
): Uint8Array | null {
  const name = stdlibName(path);
  if (name === null) return null;
  const [priorHex, keyHex] = STDLIB_CHAIN_KEYS[name];
  const same = prior === null ? priorHex === "" : prior.toHex() === priorHex;
  return same ? Uint8Array.fromHex(keyHex) : null;
}

/**
 * A file source that serves the library under {@linkcode STDLIB_DIR} and
 * everything else from `base` (default: the file system).
 */
export function stdlibFiles(base: SireFiles = denoFiles): SireFiles {
  return {
    readText(path: string): string | null {
      return stdlibText(path) ?? base.readText(path);
    },
    digest(path: string): Uint8Array | null {
      return stdlibDigest(path) ?? base.digest?.(path) ?? null;
    },
    knownKey(path: string, prior: Uint8Array | null): Uint8Array | null {
      return stdlibKnownKey(path, prior) ?? base.knownKey?.(path, prior) ?? null;
    },
    fixed(path: string): boolean {
      return stdlibName(path) !== null || (base.fixed?.(path) ?? false);
    },
  };
}

/**
 * Load options that make library modules resolvable (after the program's own
 * directory and `./sire/`), with the library's jet hashes registered.
 */
export function stdlibLoadOptions(opts: LoadOptions = {}): LoadOptions {
  registerStdlibJets();
  return {
    ...opts,
    files: stdlibFiles(opts.files),
    searchPath: [...(opts.searchPath ?? []), STDLIB_DIR],
  };
}
