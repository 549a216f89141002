/**
 * A persistent cache of compiled module states in one SQLite file.
 *
 * Each module of a chain is keyed by a chained BLAKE3 hash: the key of the
 * module before it, the module's file bytes and the compiler version. The
 * value is the seed of the module's final state. A second load of the same
 * chain reads the seed instead of running the module. Anything wrong with
 * the cache (unreadable file, corrupt seed, another process holding a lock)
 * makes it miss, never return a wrong state: the module is simply compiled
 * again.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { blake3 } from "../../runtime/plan/blake3.ts";
import { force, makePin } from "../../runtime/plan/eval.ts";
import type { Val } from "../../runtime/plan/value.ts";
import { loadSeed, saveSeed } from "../../runtime/seed/mod.ts";
import { VERSION } from "../../runtime/version.ts";

/** Bumped whenever compiled output or the state layout changes. */
export const COMPILER_VERSION = `sire-compiler/1 pallas/${VERSION}`;

/** Where compiled module states are kept between runs. */
export interface StateStore {
  /** The state stored under `key`, or null. */
  get(key: Uint8Array): Val | null;
  /** Stores `state` under `key` (best effort). */
  put(key: Uint8Array, state: Val): void;
}

const encoder = new TextEncoder();
const VERSION_BYTES = encoder.encode(COMPILER_VERSION);

/** The cache key of a module: BLAKE3(prior key ‖ file text ‖ compiler version). */
export function chainKey(prior: Uint8Array | null, text: string): Uint8Array {
  const body = encoder.encode(text);
  const buf = new Uint8Array(32 + body.length + VERSION_BYTES.length);
  if (prior !== null) buf.set(prior, 0);
  buf.set(body, 32);
  buf.set(VERSION_BYTES, 32 + body.length);
  return blake3(buf);
}

/** The default cache file: `$PALLAS_CACHE`, else under the user's cache directory. */
export function defaultCachePath(): string | null {
  const explicit = Deno.env.get("PALLAS_CACHE");
  if (explicit !== undefined) return explicit === "" ? null : explicit;
  const xdg = Deno.env.get("XDG_CACHE_HOME");
  const home = Deno.env.get("HOME");
  const dir = xdg ? `${xdg}/pallas` : home ? `${home}/.cache/pallas` : null;
  return dir === null ? null : `${dir}/sire-cache.sqlite`;
}

/** A {@linkcode StateStore} in an SQLite file (created on first use). */
export class SqliteStateStore implements StateStore {
  #db: DatabaseSync;

  private constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** Opens (or creates) the cache at `path`; null when that is impossible. */
  static open(path: string): SqliteStateStore | null {
    try {
      const slash = path.lastIndexOf("/");
      if (slash > 0) Deno.mkdirSync(path.slice(0, slash), { recursive: true });
      const db = new DatabaseSync(path);
      db.exec("PRAGMA busy_timeout = 2000");
      db.exec(
        "CREATE TABLE IF NOT EXISTS module_state (key BLOB PRIMARY KEY, seed BLOB NOT NULL)",
      );
      return new SqliteStateStore(db);
    } catch {
      return null;
    }
  }

  /** The cached state under `key`; a corrupt entry is deleted and misses. */
  get(key: Uint8Array): Val | null {
    let row: { seed?: unknown } | undefined;
    try {
      row = this.#db.prepare("SELECT seed FROM module_state WHERE key = ?").get(key) as
        | { seed?: unknown }
        | undefined;
    } catch {
      return null;
    }
    if (!row || !(row.seed instanceof Uint8Array)) return null;
    try {
      return loadSeed(row.seed, { makePin });
    } catch {
      this.#forget(key);
      return null;
    }
  }

  /** Stores the seed of `state` under `key`; failures are ignored. */
  put(key: Uint8Array, state: Val): void {
    try {
      const seed = saveSeed(force(state));
      this.#db.prepare("INSERT OR REPLACE INTO module_state (key, seed) VALUES (?, ?)")
        .run(key, seed);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }

  /** Closes the database. */
  close(): void {
    try {
      this.#db.close();
    } catch {
      // already closed
    }
  }

  #forget(key: Uint8Array): void {
    try {
      this.#db.prepare("DELETE FROM module_state WHERE key = ?").run(key);
    } catch {
      // ignore
    }
  }
}
