/**
 * The machine store: one SQLite file per machine holding the tick log,
 * snapshots and pins (see `schema.ts` for the format).
 *
 * @module
 */

export {
  checkBootable,
  MachineStore,
  readPidFile,
  type StoreMeta,
  type StoreStats,
  type TickRecord,
} from "./store.ts";
export {
  StoreCorrupt,
  StoreError,
  StoreExists,
  StoreFormatError,
  StoreLocked,
  StoreMissing,
} from "./errors.ts";
export { FORMAT_NAME, FORMAT_VERSION, PID_FILE, STORE_FILE } from "./schema.ts";
export { checksum, type Encoded, encodeValue } from "./codec.ts";
export { PinTable } from "./pins.ts";
