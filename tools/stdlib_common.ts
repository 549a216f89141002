/**
 * Shared helpers for the standard-library tools and tests: where the
 * library lives, its module chain, and loading it through the compiler
 * with the library's own jet hashes registered.
 *
 * @module
 */

import {
  bindingOf,
  denoFiles,
  loadFile,
  type ModuleReport,
  type SireEvent,
  type SireFiles,
  type SireModule,
  stateParts,
  tabView,
} from "../sire/compiler/mod.ts";
import { force } from "../runtime/plan/eval.ts";
import { LAW, natBytes, PIN, type Pin, type Val } from "../runtime/plan/value.ts";
import { installJets } from "../runtime/jets/match.ts";
import { registerStdlibJets } from "../sire/lib/jet_hashes.ts";
import { stdlibLoadOptions } from "../sire/lib/files.ts";

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

/**
 * Every pin of a law bound in `state`: the current scope first, then each
 * module's final scope, in binding order (a pin bound twice appears twice).
 */
export function boundLawPins(state: Val): Pin[] {
  const scopes: Val[] = [stateParts(state).scope];
  for (const m of tabView(stateParts(state).modules)?.vals ?? []) {
    const p = force(m);
    if (typeof p === "object" && p.t === PIN) scopes.push(p.item);
  }
  const out: Pin[] = [];
  for (const s of scopes) {
    for (const b of tabView(s)?.vals ?? []) {
      const v = force(bindingOf(b).value);
      if (typeof v !== "object" || v.t !== PIN) continue;
      const law = v.item;
      if (typeof law === "object" && law.t === LAW) out.push(v);
    }
  }
  return out;
}

/** The text of a law name (bytes as Latin-1/UTF-8 text). */
export function lawName(p: Pin): string {
  const law = p.item;
  return typeof law === "object" && law.t === LAW
    ? new TextDecoder().decode(natBytes(law.name))
    : "";
}

/** The pins of laws bound in `state` by law name, the first binding winning. */
export function lawPinsByName(state: Val): Map<string, Pin> {
  const out = new Map<string, Pin>();
  for (const p of boundLawPins(state)) {
    const name = lawName(p);
    if (!out.has(name)) out.set(name, p);
  }
  return out;
}

/**
 * Compiles `source` (a module whose header chains onto a library module,
 * e.g. `#### t <- prelude`) against the embedded library, with jets
 * installed and nothing cached; returns its final state.
 */
export function loadOnLibrary(source: string): Val {
  const path = "/@program/program.sire";
  const files: SireFiles = { readText: (p) => p === path ? source : null };
  installJets({ onMismatch: "silent" });
  return loadFile(path, stdlibLoadOptions({ files, cache: null, onEvent: () => {} }))
    .state;
}
