/**
 * A persistent cache of compiled module states in one SQLite file.
 *
 * Each module of a chain is keyed by a chained BLAKE3 hash: the key of the
 * module before it, the module's file bytes and the compiler version. The
 * value is the seed of the module's final state. A second load of the same
 * chain reads the seed instead of running the module. The hashes of the
 * pins that jet matching hashed while loading a seed are stored beside it
 * (by the pin's position in load order), so later loads skip hashing them.
 * Anything wrong with
 * the cache (unreadable file, corrupt seed, another process holding a lock)
 * makes it miss, never return a wrong state: the module is simply compiled
 * again.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { blake3 } from "../../runtime/plan/blake3.ts";
import { force, makePin } from "../../runtime/plan/eval.ts";
import type { Pin, Val } from "../../runtime/plan/value.ts";
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

/** BLAKE3 of a module's text (UTF-8), the part of its key that names its source. */
export function textDigest(text: string): Uint8Array {
  return blake3(encoder.encode(text));
}

/**
 * The cache key of a module: BLAKE3(prior key ‖ BLAKE3(file text) ‖ compiler
 * version). Pass `digest` when the text's digest is already known (the
 * embedded library ships its digests), saving the hash of the text.
 */
export function chainKey(
  prior: Uint8Array | null,
  text: string,
  digest: Uint8Array = textDigest(text),
): Uint8Array {
  const buf = new Uint8Array(64 + VERSION_BYTES.length);
  if (prior !== null) buf.set(prior, 0);
  buf.set(digest, 32);
  buf.set(VERSION_BYTES, 64);
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
      // A cache may lose its last writes in a crash: it only costs a rebuild.
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = OFF");
      const v = db.prepare("PRAGMA user_version").get() as { user_version?: number };
      if (v?.user_version !== SCHEMA_VERSION) {
        db.exec(
          `BEGIN;
           DROP TABLE IF EXISTS module_state;
           CREATE TABLE module_state (
             key BLOB PRIMARY KEY,
             seed BLOB NOT NULL,
             pin_hashes BLOB
           );
           PRAGMA user_version = ${SCHEMA_VERSION};
           COMMIT;`,
        );
      }
      return new SqliteStateStore(db);
    } catch {
      return null;
    }
  }

  /** The cached state under `key`; a corrupt entry is deleted and misses. */
  get(key: Uint8Array): Val | null {
    let row: { seed?: unknown; pin_hashes?: unknown } | undefined;
    try {
      row = this.#db.prepare("SELECT seed, pin_hashes FROM module_state WHERE key = ?")
        .get(key) as typeof row;
    } catch {
      return null;
    }
    if (!row || !(row.seed instanceof Uint8Array)) return null;
    let loaded: LoadedState;
    try {
      const hashes = row.pin_hashes instanceof Uint8Array ? row.pin_hashes : null;
      loaded = loadStateSeed(row.seed, hashes);
    } catch {
      this.#forget(key);
      return null;
    }
    if (row.pin_hashes === null) this.#rememberPinHashes(key, loaded.pins);
    return loaded.state;
  }

  /** Stores the seed of `state` under `key`; failures are ignored. */
  put(key: Uint8Array, state: Val): void {
    try {
      const seed = saveSeed(force(state));
      this.#db.prepare(
        "INSERT OR REPLACE INTO module_state (key, seed, pin_hashes) VALUES (?, ?, NULL)",
      ).run(key, seed);
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

  /** Records the hashes the pins of a fresh load acquired (best effort). */
  #rememberPinHashes(key: Uint8Array, pins: readonly Pin[]): void {
    try {
      this.#db.prepare("UPDATE module_state SET pin_hashes = ? WHERE key = ?")
        .run(encodePinHashes(pins), key);
    } catch {
      // ignore
    }
  }
}

/** Layout of the `module_state` table (PRAGMA user_version). */
const SCHEMA_VERSION = 2;
const HASH_RECORD = 36;

/** Pin hashes by load ordinal, with the largest ordinal present. */
interface PinHashes {
  get(ordinal: number): Uint8Array | undefined;
  readonly lastOrdinal: number;
}

/**
 * Encodes `[u32 ordinal][32-byte hash]` records for every pin of `pins`
 * (in load order) that has its hash computed.
 */
export function encodePinHashes(pins: readonly Pin[]): Uint8Array {
  let n = 0;
  for (const p of pins) if (p.hash !== null) n++;
  const out = new Uint8Array(n * HASH_RECORD);
  const dv = new DataView(out.buffer);
  let off = 0;
  for (let i = 0; i < pins.length; i++) {
    const h = pins[i].hash;
    if (h === null) continue;
    dv.setUint32(off, i, true);
    out.set(h, off + 4);
    off += HASH_RECORD;
  }
  return out;
}

/** Decodes {@linkcode encodePinHashes}' records; throws on a malformed blob. */
function decodePinHashes(blob: Uint8Array): PinHashes {
  if (blob.length % HASH_RECORD !== 0) throw new RangeError("bad pin hash records");
  const map = new Map<number, Uint8Array>();
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  let last = -1;
  for (let off = 0; off < blob.length; off += HASH_RECORD) {
    const ord = dv.getUint32(off, true);
    if (ord <= last) throw new RangeError("pin hash records out of order");
    last = ord;
    map.set(ord, blob.slice(off + 4, off + HASH_RECORD));
  }
  return { get: (i) => map.get(i), lastOrdinal: last };
}

/** A state read back from its seed, with its pins in load order. */
export interface LoadedState {
  /** The state. */
  readonly state: Val;
  /** Every pin the loader made, in order (the ordinals of pin hash records). */
  readonly pins: readonly Pin[];
}

/**
 * Loads a stored state: its seed, and optionally the pin hash records from
 * an earlier load of the same seed, which spare jet matching from hashing
 * those pins again. Throws on a malformed seed or records.
 */
export function loadStateSeed(
  seed: Uint8Array,
  pinHashes: Uint8Array | null,
): LoadedState {
  const known = pinHashes === null ? null : decodePinHashes(pinHashes);
  const pins: Pin[] = [];
  const state = loadSeed(seed, {
    makePin: (item) => {
      const p = makePin(item, known?.get(pins.length));
      pins.push(p);
      return p;
    },
  });
  if (known !== null && known.lastOrdinal >= pins.length) {
    throw new RangeError("pin hashes beyond the seed's pins");
  }
  return { state, pins };
}

/**
 * A store that reads from `primary` and then `fallback` (a read-only set of
 * states, such as those shipped with the library), and writes to `primary`
 * only what `fallback` does not already hold.
 */
export class LayeredStateStore implements StateStore {
  readonly #primary: StateStore | null;
  readonly #fallback: ReadOnlyStateStore;

  /** Layers `primary` (may be null: read-only) over `fallback`. */
  constructor(primary: StateStore | null, fallback: ReadOnlyStateStore) {
    this.#primary = primary;
    this.#fallback = fallback;
  }

  /** The state under `key` in the primary store, else in the fallback. */
  get(key: Uint8Array): Val | null {
    return this.#primary?.get(key) ?? this.#fallback.get(key);
  }

  /** Stores in the primary store unless the fallback has the key. */
  put(key: Uint8Array, state: Val): void {
    if (!this.#fallback.has(key)) this.#primary?.put(key, state);
  }
}

/** A read-only {@linkcode StateStore} that can say what it holds. */
export interface ReadOnlyStateStore {
  /** The state under `key`, or null. */
  get(key: Uint8Array): Val | null;
  /** True when `get(key)` would find a state. */
  has(key: Uint8Array): boolean;
}
