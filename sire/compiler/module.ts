/**
 * Loading Sire files and module chains (spec §1).
 *
 * Every file starts with a header: `#### name` (a root module, loaded from
 * the initial state) or `#### name <- prior` (continues from the final state
 * of `prior`, which is loaded first). Loading a module therefore loads its
 * whole chain, root first; each file's blocks, header included, run in order
 * on the state left by its predecessor.
 *
 * A prior module `m` is looked for as `m.sire` in the directory of the file
 * naming it, then in `./sire/`, then in the extra search directories. File
 * access goes through {@linkcode SireFiles}, so an embedded library can stand
 * in for the file system.
 *
 * Final states are cached in memory, keyed by file path and validated by the
 * exact text of every file in the chain.
 *
 * @module
 */

import { chainKey, type StateStore } from "./state_store.ts";
import { natFromText, type Val } from "../../runtime/plan/value.ts";
import { parseFirstRexBlock, parseRexBlocks } from "../rex/parse.ts";
import { isNode, type Rex } from "../rex/tree.ts";
import { SireError } from "./errors.ts";
import { execute, importModule, switchToContext } from "./commands.ts";
import { tryReadKey } from "./expr.ts";
import { natText, rexToNoun } from "./rexnoun.ts";
import { Session, type SireEvent } from "./session.ts";
import { INITIAL_STATE, stateParts } from "./state.ts";

/** Read access to Sire source files. */
export interface SireFiles {
  /** The text of the file at `path`, or `null` if there is no such file. */
  readText(path: string): string | null;
  /**
   * The BLAKE3 digest of the text at `path` when known without hashing it
   * (the embedded library ships its digests); used for cache keys.
   */
  digest?(path: string): Uint8Array | null;
  /**
   * The cache key of the module at `path` when known without hashing (the
   * embedded library ships the keys of its chain), given the key of the
   * module before it (`null` at the root); `null` when not known.
   */
  knownKey?(path: string, prior: Uint8Array | null): Uint8Array | null;
  /**
   * True when the text at `path` can never change (the embedded library).
   * The state of such a module is only stored when the module after it in
   * the chain is not fixed too: its intermediate states would never be
   * reused on their own.
   */
  fixed?(path: string): boolean;
}

/** {@linkcode SireFiles} backed by the local file system (needs `--allow-read`). */
export const denoFiles: SireFiles = {
  readText(path: string): string | null {
    try {
      return Deno.readTextFileSync(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.IsADirectory) {
        return null;
      }
      throw e;
    }
  },
};

/** Progress report for one module of a chain. */
export interface ModuleReport {
  /** Module name (from the header). */
  readonly name: string;
  /** File path. */
  readonly path: string;
  /** Number of blocks executed (0 when cached). */
  readonly blocks: number;
  /** Milliseconds spent (0 when cached). */
  readonly ms: number;
  /** True if the final state came from the cache. */
  readonly cached: boolean;
}

/** Options for {@linkcode loadFile} and {@linkcode loadModule}. */
export interface LoadOptions {
  /** Extra directories searched after the file's own directory and `./sire/`. */
  searchPath?: readonly string[];
  /** File access (default: the file system). */
  files?: SireFiles;
  /** Listener for definitions, assertions and values. */
  onEvent?: (e: SireEvent) => void;
  /** Called after each module of the chain is loaded. */
  onModule?: (r: ModuleReport) => void;
  /** The state cache to use, or `null` for none (default: a shared one). */
  cache?: ModuleCache | null;
  /**
   * A persistent store of module states keyed by chained hashes (none by
   * default). A module found there is not run, so it emits no events.
   */
  store?: StateStore | null;
}

/** A loaded module. */
export interface SireModule {
  /** Module name (from its header). */
  readonly name: string;
  /** The file it was loaded from. */
  readonly path: string;
  /** The compiler state after its last block. */
  readonly state: Val;
  /** Its final scope (a tab: name → binding pin). */
  readonly scope: Val;
}

interface CacheEntry {
  /** Chained hash of the module and its ancestors (when a store is used). */
  readonly chain?: Uint8Array;
  readonly text: string;
  readonly prior: CacheEntry | null;
  readonly state: Val;
  readonly name: string;
}

/** An in-memory cache of final module states. */
export class ModuleCache {
  /** Entries by file path. */
  readonly entries: Map<string, CacheEntry> = new Map();
}

const sharedCache = new ModuleCache();

/** Directory part of a path (`.` when there is none). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : path.slice(0, i);
}

/** Joins a directory and a file name. */
export function joinPath(dir: string, file: string): string {
  if (dir === "" || dir === ".") return "./" + file;
  return dir.endsWith("/") ? dir + file : dir + "/" + file;
}

function normalise(path: string): string {
  return path.replace(/\/\.\//g, "/").replace(/^\.\/(?=.)/, "");
}

interface ChainLink {
  readonly path: string;
  readonly text: string;
  readonly name: string;
}

function moduleError(reason: string, file: string, line = 0, col = 0): SireError {
  return new SireError({ kind: "module", reason, file, line, col });
}

/** The header of a file: module name and prior module (or null). */
function readHeader(
  first: Rex | undefined,
  path: string,
): { name: string; prior: string | null } {
  if (first === undefined) {
    throw moduleError("Module declarations are required, but this file is empty", path);
  }
  const line = first.pos?.line ?? 0, col = first.pos?.col ?? 0;
  if (!isNode(first) || first.rune !== "####") {
    throw moduleError("All files must start with module declaration", path, line, col);
  }
  const key = (r: Rex): string | null => {
    const k = tryReadKey(rexToNoun(r));
    return k === null ? null : natText(k);
  };
  if (first.heir === null && first.sons.length === 1) {
    const name = key(first.sons[0]);
    if (name !== null) return { name, prior: null };
  }
  if (first.heir === null && first.sons.length === 2) {
    const arrow = first.sons[1];
    const name = key(first.sons[0]);
    if (
      isNode(arrow) && arrow.rune === "<-" && arrow.sons.length === 1 &&
      arrow.heir === null
    ) {
      const prior = key(arrow.sons[0]);
      if (prior === null) throw moduleError("Bad module name", path, line, col);
      if (name !== null) return { name, prior };
    }
  }
  throw moduleError("Bad module declaration statement", path, line, col);
}

function findModule(
  name: string,
  dirs: readonly string[],
  files: SireFiles,
): { path: string; text: string } | null {
  const seen = new Set<string>();
  for (const d of dirs) {
    const path = normalise(joinPath(d, name + ".sire"));
    if (seen.has(path)) continue;
    seen.add(path);
    const text = files.readText(path);
    if (text !== null) return { path, text };
  }
  return null;
}

/**
 * Loads the Sire file at `path` with its whole module chain and returns
 * its final state. Throws {@linkcode SireError} (or a Rex syntax error).
 */
export function loadFile(path: string, opts: LoadOptions = {}): SireModule {
  const files = opts.files ?? denoFiles;
  const text = files.readText(path);
  if (text === null) throw moduleError("No such Sire file", path);
  return loadChain({ path, text }, opts);
}

/**
 * Loads module `name` (the file `name.sire` in `./sire/` or one of
 * `searchPath`) with its whole chain and returns its final state.
 */
export function loadModule(
  name: string,
  searchPath: readonly string[] = [],
  opts: LoadOptions = {},
): SireModule {
  const files = opts.files ?? denoFiles;
  const found = findModule(name, ["./sire", ...searchPath], files);
  if (found === null) throw moduleError(`Module not found: ${name}`, name + ".sire");
  return loadChain(found, {
    ...opts,
    searchPath: [...searchPath, ...(opts.searchPath ?? [])],
  });
}

function loadChain(start: { path: string; text: string }, opts: LoadOptions): SireModule {
  const files = opts.files ?? denoFiles;
  const extra = opts.searchPath ?? [];
  const cache = opts.cache === undefined ? sharedCache : opts.cache;
  // Walk the `<-` links back to the root.
  const chain: ChainLink[] = [];
  const names = new Set<string>();
  let cur: { path: string; text: string } | null = start;
  while (cur !== null) {
    // Only the header is parsed now; the rest waits until the module runs.
    const first = parseFirstRexBlock(cur.text, cur.path);
    if (first && first.error) throw first.error;
    const header = readHeader(first?.rex ?? undefined, cur.path);
    chain.push({ ...cur, name: header.name });
    names.add(header.name);
    if (header.prior === null) break;
    if (names.has(header.prior)) {
      throw moduleError(`Module chain loops back to ${header.prior}`, cur.path);
    }
    const dirs = [dirOf(cur.path), "./sire", ...extra];
    const next = findModule(header.prior, dirs, files);
    if (next === null) {
      const l = first?.rex?.pos;
      throw moduleError(`Module not found: ${header.prior}`, cur.path, l?.line, l?.col);
    }
    cur = next;
  }
  // Run the chain from the root.
  let state = INITIAL_STATE;
  let prior: CacheEntry | null = null;
  const store = opts.store ?? null;
  // Chained keys, and the deepest module whose state the store already has.
  const keys: Uint8Array[] = [];
  let deepest = -1;
  let deepestState: Val | null = null;
  if (store !== null) {
    let k: Uint8Array | null = null;
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i];
      keys[i] = k = files.knownKey?.(link.path, k) ??
        chainKey(k, link.text, files.digest?.(link.path) ?? undefined);
    }
    for (let i = 0; i < chain.length && deepestState === null; i++) {
      const mem = cache?.entries.get(normalise(chain[i].path));
      deepestState = mem?.chain !== undefined && sameBytes(mem.chain, keys[i])
        ? mem.state
        : store.get(keys[i]);
      if (deepestState !== null) deepest = i;
    }
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i];
    const key = normalise(link.path);
    const t0 = performance.now();
    const hit = cache?.entries.get(key);
    let found: Val | null = null;
    if (store === null && hit && hit.text === link.text && hit.prior === prior) {
      found = hit.state;
      prior = hit;
    } else if (i > deepest && deepest >= 0) {
      found = INITIAL_STATE; // an ancestor of a stored state: nothing to run
    } else if (i === deepest) {
      found = deepestState!;
      const entry: CacheEntry = {
        chain: keys[i],
        text: link.text,
        prior,
        state: found,
        name: link.name,
      };
      cache?.entries.set(key, entry);
      prior = entry;
    }
    if (found !== null) {
      state = found;
      opts.onModule?.({
        name: link.name,
        path: link.path,
        blocks: 0,
        ms: performance.now() - t0,
        cached: true,
      });
      continue;
    }
    const sess = new Session(state, { onEvent: opts.onEvent });
    const blocks = parseRexBlocks(link.text, link.path);
    for (const b of blocks) {
      if (b.error) throw b.error;
      const noun = rexToNoun(b.rex);
      sess.inBlock(
        { file: link.path, line: b.line, block: noun, source: link.text },
        () => execute(sess, noun),
      );
    }
    state = sess.state;
    const reusable = i === 0 ||
      !(files.fixed?.(link.path) && files.fixed?.(chain[i - 1].path));
    if (store !== null && reusable) store.put(keys[i], state);
    const entry: CacheEntry = {
      chain: store !== null ? keys[i] : undefined,
      text: link.text,
      prior,
      state,
      name: link.name,
    };
    cache?.entries.set(key, entry);
    prior = entry;
    opts.onModule?.({
      name: link.name,
      path: link.path,
      blocks: blocks.length,
      ms: performance.now() - t0,
      cached: false,
    });
  }
  return {
    name: chain[0].name,
    path: chain[0].path,
    state,
    scope: stateParts(state).scope,
  };
}

/**
 * Runs every block of `text` in the session (no module header required),
 * stopping at the first failure (a {@linkcode SireError} or Rex syntax error).
 */
export function runText(sess: Session, text: string, file = "<input>"): void {
  for (const b of parseRexBlocks(text, file)) {
    if (b.error) throw b.error;
    sess.runBlock(b.rex, file, text);
  }
}

/**
 * A session ready for a REPL (spec §1.3): the module's final state (or the
 * initial state) switched to the context `REPL`, with all of the module's
 * scope imported.
 */
export function replSession(
  m: SireModule | null,
  opts: { onEvent?: (e: SireEvent) => void } = {},
): Session {
  if (m === null) return new Session(INITIAL_STATE, opts);
  const sess = new Session(switchToContext(m.state, natFromText("REPL")), opts);
  importModule(sess, 0, natFromText(m.name), null);
  return sess;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
