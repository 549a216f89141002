/**
 * The on-disk format of a machine store: one SQLite file per machine.
 *
 * | table | rows |
 * |---|---|
 * | `meta(key, value)` | `format`, `format_version`, `runtime_version`, `created_ms` |
 * | `tick(n, time_ms, refs, body, sum)` | one per tick, `n` = 1, 2, 3 … without gaps |
 * | `snapshot(n, time_ms, refs, body, sum)` | the cog state after tick `n` (0 = boot) |
 * | `pin(hash, refs, body)` | every pin the ticks and snapshots refer to, once |
 *
 * A tick's or snapshot's value is stored as a seed whose holes are the pins
 * it refers to directly (`refs` = their 32-byte hashes, concatenated);
 * `sum` is the first 8 bytes of BLAKE3(refs ‖ body). A pin is stored as a
 * germ keyed by its hash, so pins are shared by every snapshot and tick.
 *
 * @module
 */

/** Name of the SQLite file inside a machine directory. */
export const STORE_FILE = "machine.db";

/** Name of the pid file inside a machine directory. */
export const PID_FILE = "pid";

/** Value of the `format` meta key. */
export const FORMAT_NAME = "pallas-machine";

/** The store format version this runtime reads and writes. */
export const FORMAT_VERSION = 1;

/** SQLite `application_id` of machine stores ("PLAS"). */
export const APPLICATION_ID = 0x504c4153;

/** Length of the per-row checksum in bytes. */
export const SUM_BYTES = 8;

/** Statements creating the schema (run once, at boot). */
export const SCHEMA: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE tick (
     n INTEGER PRIMARY KEY,
     time_ms INTEGER NOT NULL,
     refs BLOB NOT NULL,
     body BLOB NOT NULL,
     sum BLOB NOT NULL)`,
  `CREATE TABLE snapshot (
     n INTEGER PRIMARY KEY,
     time_ms INTEGER NOT NULL,
     refs BLOB NOT NULL,
     body BLOB NOT NULL,
     sum BLOB NOT NULL)`,
  `CREATE TABLE pin (
     hash BLOB PRIMARY KEY,
     refs BLOB NOT NULL,
     body BLOB NOT NULL) WITHOUT ROWID`,
];
