/**
 * Shared helpers for the standard-library tools and tests: where the
 * library lives, its module chain, and loading it through the compiler
 * with the library's own jet hashes registered.
 *
 * @module
 */

import {
  denoFiles,
  loadFile,
  type ModuleReport,
  type SireEvent,
  type SireFiles,
  type SireModule,
} from "../sire/compiler/mod.ts";
import { installJets } from "../runtime/jets/match.ts";
import { registerStdlibJets } from "../sire/lib/jet_hashes.ts";

/** Directory of the library sources (absolute). */
export const LIB_DIR: string = new URL("../sire/lib/", import.meta.url).pathname.replace(
  /\/$/,
  "",
);

/** The library's top module. */
export const TOP_MODULE = "prelude";

/** The `#### name <- prior` header of a library file: [name, prior or null]. */
export function readHeader(text: string): [string, string | null] {
  const m = /^####[ \t]+([A-Za-z0-9_]+)(?:[ \t]+<-[ \t]+([A-Za-z0-9_]+))?[ \t]*$/m.exec(
    text,
  );
  if (m === null) throw new Error("library file without a #### header");
  return [m[1], m[2] ?? null];
}

/** The text of library module `name`. */
export function moduleText(name: string): string {
  return Deno.readTextFileSync(`${LIB_DIR}/${name}.sire`);
}

/** The module chain ending at `top`, root first. */
export function libraryChain(top: string = TOP_MODULE): string[] {
  const out: string[] = [];
  let cur: string | null = top;
  while (cur !== null) {
    if (out.includes(cur)) throw new Error(`module chain loops at ${cur}`);
    out.push(cur);
    cur = readHeader(moduleText(cur))[1];
  }
  return out.reverse();
}

/** Options of {@linkcode loadLibrary}. */
export interface LoadLibraryOptions {
  /** Module to load (default: the top module). */
  top?: string;
  /** Register the library's jet hashes and match jets (default true). */
  jets?: boolean;
  /** Listener for definitions, assertions and values. */
  onEvent?: (e: SireEvent) => void;
  /** Called after each module of the chain. */
  onModule?: (r: ModuleReport) => void;
  /** Leave out the `=?=` and `!!` blocks (they may need jets not registered yet). */
  skipAsserts?: boolean;
}

/** The source without its assertion blocks (blocks starting `=?=` or `!!`). */
export function withoutAsserts(text: string): string {
  return text.split(/\n(?=\S)/).filter((b) => !/^(=\?=|!!)/.test(b)).join("\n");
}

/** Loads the library (uncached) up to `top`. */
export function loadLibrary(opts: LoadLibraryOptions = {}): SireModule {
  if (opts.jets ?? true) {
    registerStdlibJets();
    installJets({ onMismatch: "silent" });
  }
  const strip: SireFiles = {
    readText(path) {
      const t = denoFiles.readText(path);
      return t === null ? null : withoutAsserts(t);
    },
  };
  return loadFile(`${LIB_DIR}/${opts.top ?? TOP_MODULE}.sire`, {
    files: opts.skipAsserts ? strip : denoFiles,
    cache: null,
    onEvent: opts.onEvent,
    onModule: opts.onModule,
  });
}

/**
 * Writes a generated file when its text changed, or with `--check` in
 * `Deno.args` exits 1 when the file on disk differs from `text`.
 */
export function writeGenerated(path: string, text: string, tool: string): void {
  let old = "";
  try {
    old = Deno.readTextFileSync(path);
  } catch { /* first run */ }
  if (Deno.args.includes("--check")) {
    if (old !== text) {
      console.error(`${path} is stale; run ${tool}`);
      Deno.exit(1);
    }
  } else if (old !== text) {
    Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    Deno.writeTextFileSync(path, text);
    console.log("wrote", path);
  }
}
