/**
 * The pin table: every pin stored once, as a germ keyed by its hash.
 *
 * Saving walks the pins a value refers to and stores each one not yet in
 * the table together with the pins *it* refers to, so a pin shared by many
 * snapshots and ticks costs its bytes once. Loading rebuilds pins bottom-up
 * with an explicit stack (any pin depth), checks every rebuilt pin's hash
 * against its key, and memoises them.
 *
 * @module
 */

import type { DatabaseSync, StatementSync } from "node:sqlite";
import { makePin } from "../plan/eval.ts";
import { hashToBase58, pinHash } from "../plan/hash.ts";
import type { Pin } from "../plan/value.ts";
import { loadGerm, saveGerm } from "../seed/germ.ts";
import { SeedError } from "../seed/error.ts";
import { hexOf, joinHashes, sameBytes, splitHashes } from "./codec.ts";
import { StoreCorrupt } from "./errors.ts";

interface PinRow {
  refs: Uint8Array[];
  body: Uint8Array;
}

/** Reads and writes the `pin` table of one open store. */
export class PinTable {
  readonly #path: string;
  readonly #has: StatementSync;
  readonly #get: StatementSync;
  readonly #put: StatementSync;
  /** Hashes (hex) known to be in the table, committed. */
  readonly #known = new Set<string>();
  /** Hashes written by the transaction in progress. */
  readonly #pending = new Set<string>();
  /** Pins loaded so far, by hash (hex). */
  readonly #loaded = new Map<string, Pin>();

  /** Prepares the statements for `db`; `path` names the store in errors. */
  constructor(db: DatabaseSync, path: string) {
    this.#path = path;
    this.#has = db.prepare("SELECT 1 AS x FROM pin WHERE hash = ?");
    this.#get = db.prepare("SELECT refs, body FROM pin WHERE hash = ?");
    this.#put = db.prepare("INSERT INTO pin (hash, refs, body) VALUES (?, ?, ?)");
  }

  /**
   * Stores `pins` and every pin they refer to that the table lacks. Must run
   * inside a transaction; call {@linkcode commit} or {@linkcode rollback}
   * when it ends.
   */
  save(pins: readonly Pin[]): void {
    const stk = [...pins];
    while (stk.length > 0) {
      const p = stk.pop()!;
      const hash = pinHash(p);
      const key = hexOf(hash);
      if (this.#known.has(key) || this.#pending.has(key)) continue;
      if (this.#has.get(hash) !== undefined) {
        this.#known.add(key);
        continue;
      }
      const germ = saveGerm(p);
      this.#put.run(hash, joinHashes(germ.refs), germ.bytes);
      this.#pending.add(key);
      this.#loaded.set(key, p);
      for (const r of germ.refs) stk.push(r);
    }
  }

  /** Marks the pins saved since the last commit or rollback as durable. */
  commit(): void {
    for (const k of this.#pending) this.#known.add(k);
    this.#pending.clear();
  }

  /** Forgets the pins saved since the last commit (their transaction failed). */
  rollback(): void {
    for (const k of this.#pending) this.#loaded.delete(k);
    this.#pending.clear();
  }

  /** Loads the pin with the given hash (and, first, every pin it refers to). */
  load(hash: Uint8Array): Pin {
    const top = hexOf(hash);
    const hit = this.#loaded.get(top);
    if (hit) return hit;
    const rows = new Map<string, PinRow>();
    const busy = new Set<string>();
    const stk: Uint8Array[] = [hash];
    while (stk.length > 0) {
      const h = stk[stk.length - 1];
      const key = hexOf(h);
      if (this.#loaded.has(key)) {
        stk.pop();
        continue;
      }
      let row = rows.get(key);
      if (row === undefined) {
        row = this.#fetch(h);
        rows.set(key, row);
      }
      const missing = row.refs.filter((r) => !this.#loaded.has(hexOf(r)));
      if (missing.length > 0) {
        if (busy.has(key)) {
          throw new StoreCorrupt(this.#path, `pin ${hashToBase58(h)} refers to itself`);
        }
        busy.add(key);
        for (const r of missing) stk.push(r);
        continue;
      }
      stk.pop();
      const refs = row.refs.map((r) => this.#loaded.get(hexOf(r))!);
      let pin: Pin;
      try {
        pin = loadGerm(refs, row.body, { makePin });
      } catch (e) {
        if (e instanceof SeedError) {
          throw new StoreCorrupt(
            this.#path,
            `pin ${hashToBase58(h)} does not decode: ${e.message}`,
          );
        }
        throw e;
      }
      if (!sameBytes(pinHash(pin), h)) {
        throw new StoreCorrupt(
          this.#path,
          `pin ${hashToBase58(h)} is damaged (its contents hash to ${
            hashToBase58(pinHash(pin))
          })`,
        );
      }
      this.#loaded.set(key, pin);
      this.#known.add(key);
    }
    return this.#loaded.get(top)!;
  }

  #fetch(hash: Uint8Array): PinRow {
    const r = this.#get.get(hash) as { refs: Uint8Array; body: Uint8Array } | undefined;
    if (r === undefined) {
      throw new StoreCorrupt(this.#path, `pin ${hashToBase58(hash)} is missing`);
    }
    const refs = splitHashes(r.refs);
    if (refs === null) {
      throw new StoreCorrupt(
        this.#path,
        `pin ${hashToBase58(hash)} has a damaged ref list`,
      );
    }
    return { refs, body: r.body };
  }
}
