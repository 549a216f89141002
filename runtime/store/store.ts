/**
 * The machine store: one SQLite file per machine (`DIR/machine.db`), in WAL
 * mode with `synchronous=FULL`, holding the tick log, snapshots and pins
 * (see `schema.ts` for the layout).
 *
 * The connection runs in SQLite's exclusive locking mode and takes the
 * lock when it opens, so two processes can never write one store; the lock
 * dies with the process, even on `kill -9`. Opening an existing store only
 * reads until every check has passed: a damaged or foreign file is
 * reported ({@linkcode StoreCorrupt}, {@linkcode StoreFormatError}) and
 * left exactly as it was.
 *
 * @module
 */

import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { Val } from "../plan/value.ts";
import { decodeSeed } from "../seed/load.ts";
import { SeedError } from "../seed/error.ts";
import { makePin } from "../plan/eval.ts";
import { VERSION } from "../version.ts";
import { type Encoded, encodeValue, sameBytes, splitHashes } from "./codec.ts";
import { checksum } from "./codec.ts";
import {
  StoreCorrupt,
  StoreError,
  StoreExists,
  StoreFormatError,
  StoreLocked,
  StoreMissing,
} from "./errors.ts";
import { PinTable } from "./pins.ts";
import {
  APPLICATION_ID,
  FORMAT_NAME,
  FORMAT_VERSION,
  PID_FILE,
  SCHEMA,
  STORE_FILE,
} from "./schema.ts";

/** One logged tick: its number, when it was written, and its record. */
export interface TickRecord {
  /** Tick number, from 1. */
  readonly n: number;
  /** Wall-clock time of the write, in ms since the Unix epoch. */
  readonly timeMs: number;
  /** The tick's receipt (a PLAN value in normal form). */
  readonly value: Val;
}

/** The metadata of a store. */
export interface StoreMeta {
  /** Always {@linkcode FORMAT_NAME}. */
  readonly format: string;
  /** The format version the store was written with. */
  readonly formatVersion: number;
  /** Version of the runtime that created the store. */
  readonly runtimeVersion: string;
  /** Creation time, ms since the Unix epoch. */
  readonly createdMs: number;
}

/** Sizes reported by {@linkcode MachineStore.stats}. */
export interface StoreStats {
  /** Number of logged ticks. */
  readonly ticks: number;
  /** Number of snapshots. */
  readonly snapshots: number;
  /** Number of stored pins. */
  readonly pins: number;
  /** Bytes of the database file and its WAL. */
  readonly bytes: number;
}

const SQLITE_HEADER = "SQLite format 3\0";

/** Ticks read per query while replaying. */
const TICK_CHUNK = 512;

function joinPath(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** True if `e` is an error raised by SQLite. */
function isSqliteError(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const x = e as { code?: unknown; errcode?: unknown };
  return x.errcode !== undefined ||
    (typeof x.code === "string" && x.code.startsWith("ERR_SQLITE"));
}

/** True if `e` says the database is locked by another connection. */
function isBusy(e: unknown): boolean {
  if (!isSqliteError(e)) return false;
  const c = (e as { errcode?: number }).errcode;
  if (c !== undefined) return (c & 0xff) === 5 || (c & 0xff) === 6;
  return /database (table )?is locked|busy/i.test((e as Error).message);
}

/**
 * Throws {@linkcode StoreExists} unless `dir` is missing or an empty
 * directory (where `boot` may create a machine).
 */
export function checkBootable(dir: string): void {
  if (!exists(dir)) return;
  if (!Deno.statSync(dir).isDirectory) {
    throw new StoreExists(dir, `${dir} exists and is not a directory`);
  }
  if (exists(joinPath(dir, STORE_FILE))) {
    throw new StoreExists(
      dir,
      `${dir} already holds a machine; run it with \`pallas start ${dir}\``,
    );
  }
  for (const _ of Deno.readDirSync(dir)) {
    throw new StoreExists(
      dir,
      `${dir} is not empty; boot needs a new or empty directory`,
    );
  }
}

/** Reads the pid recorded in `DIR/pid`, if any. */
export function readPidFile(dir: string): number | null {
  try {
    const text = Deno.readTextFileSync(joinPath(dir, PID_FILE)).trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

/** An open machine store. Create with {@linkcode MachineStore.create} or `open`. */
export class MachineStore {
  /** The machine directory. */
  readonly dir: string;
  /** The SQLite file. */
  readonly file: string;
  /** The store's metadata. */
  readonly meta: StoreMeta;
  readonly #db: DatabaseSync;
  readonly #pins: PinTable;
  readonly #putTick: StatementSync;
  readonly #putSnap: StatementSync;
  #lastTick: number;
  #closed = false;

  private constructor(dir: string, file: string, db: DatabaseSync, meta: StoreMeta) {
    this.dir = dir;
    this.file = file;
    this.#db = db;
    this.meta = meta;
    this.#pins = new PinTable(db, file);
    this.#putTick = db.prepare(
      "INSERT INTO tick (n, time_ms, refs, body, sum) VALUES (?, ?, ?, ?, ?)",
    );
    this.#putSnap = db.prepare(
      "INSERT OR REPLACE INTO snapshot (n, time_ms, refs, body, sum) VALUES (?, ?, ?, ?, ?)",
    );
    this.#lastTick = 0;
  }

  /**
   * Creates a new store in `dir` (created if missing; it must be empty) with
   * `initial` as snapshot 0. Throws {@linkcode StoreExists} if `dir` holds
   * anything.
   */
  static create(dir: string, initial: Val): MachineStore {
    const file = joinPath(dir, STORE_FILE);
    checkBootable(dir);
    if (!exists(dir)) Deno.mkdirSync(dir, { recursive: true });
    const db = new DatabaseSync(file);
    try {
      lockDb(db, dir);
      db.exec("PRAGMA journal_mode=WAL");
      db.exec("PRAGMA synchronous=FULL");
      const meta: StoreMeta = {
        format: FORMAT_NAME,
        formatVersion: FORMAT_VERSION,
        runtimeVersion: VERSION,
        createdMs: Date.now(),
      };
      db.exec("BEGIN IMMEDIATE");
      for (const s of SCHEMA) db.exec(s);
      db.exec(`PRAGMA application_id=${APPLICATION_ID}`);
      db.exec(`PRAGMA user_version=${FORMAT_VERSION}`);
      const put = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
      put.run("format", meta.format);
      put.run("format_version", String(meta.formatVersion));
      put.run("runtime_version", meta.runtimeVersion);
      put.run("created_ms", String(meta.createdMs));
      const store = new MachineStore(dir, file, db, meta);
      store.#writeSnapshot(0, initial);
      db.exec("COMMIT");
      store.#pins.commit();
      return store;
    } catch (e) {
      try {
        db.close();
      } catch { /* already failed */ }
      throw e;
    }
  }

  /**
   * Opens the store in `dir`, taking its lock and checking its format and
   * the continuity of its tick log. Nothing is written.
   */
  static open(dir: string): MachineStore {
    const file = joinPath(dir, STORE_FILE);
    if (!exists(dir)) throw new StoreMissing(dir, `${dir} does not exist`);
    if (!exists(file)) {
      throw new StoreMissing(
        dir,
        `${dir} holds no machine (no ${STORE_FILE}); create one with \`pallas boot\``,
      );
    }
    checkHeader(file);
    let db: DatabaseSync;
    try {
      db = new DatabaseSync(file);
    } catch (e) {
      throw new StoreCorrupt(file, `${file} cannot be opened: ${(e as Error).message}`);
    }
    try {
      lockDb(db, dir);
      const meta = readMeta(db, file);
      db.exec("PRAGMA synchronous=FULL");
      const store = new MachineStore(dir, file, db, meta);
      store.#lastTick = store.#checkLog();
      return store;
    } catch (e) {
      try {
        db.close();
      } catch { /* already failed */ }
      if (e instanceof StoreError) throw e;
      throw new StoreCorrupt(file, `${file} is damaged: ${(e as Error).message}`);
    }
  }

  /** Number of the last logged tick (0 if none). */
  get lastTick(): number {
    return this.#lastTick;
  }

  /** Tick numbers of the snapshots, ascending. */
  snapshots(): number[] {
    return this.#guard(() =>
      (this.#db.prepare("SELECT n FROM snapshot ORDER BY n").all() as { n: number }[])
        .map((r) => r.n)
    );
  }

  /**
   * Appends ticks (numbered `lastTick + 1`, `+ 2` …, in order) and, when
   * given, a snapshot, all in one durable transaction.
   */
  append(ticks: readonly TickRecord[], snapshot?: { n: number; value: Val }): void {
    this.#check();
    const enc: Encoded[] = ticks.map((t) => encodeValue(t.value));
    let n = this.#lastTick;
    for (const t of ticks) {
      if (t.n !== ++n) {
        throw new RangeError(`tick ${t.n} appended after tick ${n - 1}`);
      }
    }
    if (snapshot && (snapshot.n > n || snapshot.n < 0)) {
      throw new RangeError(`snapshot ${snapshot.n} of a log that ends at tick ${n}`);
    }
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      for (let i = 0; i < ticks.length; i++) {
        const e = enc[i];
        this.#pins.save(e.pins);
        this.#putTick.run(ticks[i].n, ticks[i].timeMs, e.refs, e.body, e.sum);
      }
      if (snapshot) this.#writeSnapshot(snapshot.n, snapshot.value);
      this.#db.exec("COMMIT");
    } catch (e) {
      try {
        this.#db.exec("ROLLBACK");
      } catch { /* the transaction is gone already */ }
      this.#pins.rollback();
      throw e;
    }
    this.#pins.commit();
    this.#lastTick = n;
  }

  /** Writes the snapshot of the state after tick `n` (durably, on its own). */
  snapshot(n: number, value: Val): void {
    this.append([], { n, value });
  }

  /** Reads snapshot `n`. */
  readSnapshot(n: number): Val {
    return this.#guard(() => {
      const r = this.#db.prepare("SELECT refs, body, sum FROM snapshot WHERE n = ?").get(
        n,
      ) as
        | Row
        | undefined;
      if (r === undefined) throw new StoreCorrupt(this.file, `snapshot ${n} is missing`);
      return this.#decodeRow(r, `snapshot ${n}`);
    });
  }

  /**
   * The ticks after tick `after`, in order. Throws {@linkcode StoreCorrupt}
   * at a gap or a damaged record.
   */
  *ticks(after: number): Generator<TickRecord> {
    this.#check();
    const q = this.#db.prepare(
      "SELECT n, time_ms, refs, body, sum FROM tick WHERE n > ? ORDER BY n LIMIT ?",
    );
    let expect = after + 1;
    for (;;) {
      const rows = this.#guard(() => q.all(expect - 1, TICK_CHUNK)) as unknown as (
        & Row
        & { n: number; time_ms: number }
      )[];
      for (const r of rows) {
        if (r.n !== expect) {
          throw new StoreCorrupt(
            this.file,
            `the tick log has a gap: tick ${expect} is missing`,
          );
        }
        expect++;
        yield {
          n: r.n,
          timeMs: r.time_ms,
          value: this.#guard(() => this.#decodeRow(r, `tick ${r.n}`)),
        };
      }
      if (rows.length < TICK_CHUNK) break;
    }
    if (expect - 1 < this.#lastTick) {
      throw new StoreCorrupt(this.file, `the tick log ends early at tick ${expect - 1}`);
    }
  }

  /** Counts of ticks, snapshots and pins, and the bytes on disk. */
  stats(): StoreStats {
    return this.#guard(() => {
      const count = (t: string) =>
        (this.#db.prepare(`SELECT count(*) AS c FROM ${t}`).get() as { c: number }).c;
      let bytes = 0;
      for (const f of [this.file, this.file + "-wal"]) {
        try {
          bytes += Deno.statSync(f).size;
        } catch { /* no WAL */ }
      }
      return {
        ticks: count("tick"),
        snapshots: count("snapshot"),
        pins: count("pin"),
        bytes,
      };
    });
  }

  /** Folds the WAL into the database file (used before measuring sizes). */
  checkpoint(): void {
    this.#check();
    this.#db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  /** Closes the store, releasing its lock. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }

  #writeSnapshot(n: number, value: Val): void {
    const e = encodeValue(value);
    this.#pins.save(e.pins);
    this.#putSnap.run(n, Date.now(), e.refs, e.body, e.sum);
  }

  #decodeRow(r: Row, what: string): Val {
    if (!sameBytes(checksum(r.refs, r.body), r.sum)) {
      throw new StoreCorrupt(this.file, `${what} is damaged (checksum mismatch)`);
    }
    const hashes = splitHashes(r.refs);
    if (hashes === null) {
      throw new StoreCorrupt(this.file, `${what} has a damaged ref list`);
    }
    const pins = hashes.map((h) => this.#pins.load(h));
    try {
      return decodeSeed(r.body, pins, { makePin });
    } catch (e) {
      if (e instanceof SeedError) {
        throw new StoreCorrupt(this.file, `${what} does not decode: ${e.message}`);
      }
      throw e;
    }
  }

  /** Checks that ticks are numbered 1 … max without gaps; returns max. */
  #checkLog(): number {
    const r = this.#db.prepare(
      "SELECT count(*) AS c, coalesce(min(n), 1) AS lo, coalesce(max(n), 0) AS hi FROM tick",
    ).get() as { c: number; lo: number; hi: number };
    if (r.c > 0 && (r.lo !== 1 || r.hi !== r.c)) {
      throw new StoreCorrupt(
        this.file,
        `the tick log has gaps (${r.c} ticks numbered ${r.lo} to ${r.hi})`,
      );
    }
    const s = this.#db.prepare(
      "SELECT count(*) AS c, coalesce(min(n), -1) AS lo, coalesce(max(n), -1) AS hi FROM snapshot",
    ).get() as { c: number; lo: number; hi: number };
    if (s.c === 0) throw new StoreCorrupt(this.file, "the store has no snapshot");
    if (s.hi > r.hi) {
      throw new StoreCorrupt(
        this.file,
        `snapshot ${s.hi} is newer than the last logged tick ${r.hi}`,
      );
    }
    return r.hi;
  }

  #check(): void {
    if (this.#closed) throw new StoreError(this.file, "the store is closed");
  }

  #guard<T>(f: () => T): T {
    this.#check();
    try {
      return f();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      if (isSqliteError(e)) {
        throw new StoreCorrupt(
          this.file,
          `${this.file} is damaged: ${(e as Error).message}`,
        );
      }
      throw e;
    }
  }
}

interface Row {
  refs: Uint8Array;
  body: Uint8Array;
  sum: Uint8Array;
}

/** Takes the exclusive lock on an open database, or throws StoreLocked. */
function lockDb(db: DatabaseSync, dir: string): void {
  try {
    db.exec("PRAGMA busy_timeout=0");
    db.exec("PRAGMA locking_mode=EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
  } catch (e) {
    if (isBusy(e)) throw new StoreLocked(dir, readPidFile(dir));
    throw e;
  }
}

function checkHeader(file: string): void {
  let head: Uint8Array;
  try {
    const f = Deno.openSync(file, { read: true });
    try {
      head = new Uint8Array(16);
      const n = f.readSync(head) ?? 0;
      head = head.subarray(0, n);
    } finally {
      f.close();
    }
  } catch (e) {
    throw new StoreCorrupt(file, `${file}: cannot read: ${(e as Error).message}`);
  }
  if (new TextDecoder("latin1").decode(head) !== SQLITE_HEADER) {
    throw new StoreCorrupt(
      file,
      `${file} is not a machine store (not an SQLite database)`,
    );
  }
}

function readMeta(db: DatabaseSync, file: string): StoreMeta {
  let rows: { key: string; value: string }[];
  try {
    rows = db.prepare("SELECT key, value FROM meta").all() as typeof rows;
  } catch (e) {
    if (/no such table/.test((e as Error).message)) {
      throw new StoreFormatError(file, `${file} is not a machine store (no meta table)`);
    }
    throw e;
  }
  const m = new Map(rows.map((r) => [r.key, r.value]));
  if (m.get("format") !== FORMAT_NAME) {
    throw new StoreFormatError(
      file,
      `${file} is not a machine store (format ${m.get("format")})`,
    );
  }
  const v = Number(m.get("format_version"));
  if (v !== FORMAT_VERSION) {
    throw new StoreFormatError(
      file,
      `${file} has store format version ${m.get("format_version")}, ` +
        `but this pallas (${VERSION}) reads only version ${FORMAT_VERSION}`,
    );
  }
  return {
    format: FORMAT_NAME,
    formatVersion: v,
    runtimeVersion: m.get("runtime_version") ?? "unknown",
    createdMs: Number(m.get("created_ms") ?? 0),
  };
}
