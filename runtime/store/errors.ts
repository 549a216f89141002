/**
 * Named errors raised by the machine store.
 *
 * @module
 */

/** Base class of every error the machine store raises. */
export class StoreError extends Error {
  /** The store file (or directory) the error is about. */
  readonly path: string;
  /** Creates the error for `path`. */
  constructor(path: string, message: string) {
    super(message);
    this.name = "StoreError";
    this.path = path;
  }
}

/** There is no machine at the given directory. */
export class StoreMissing extends StoreError {
  /** Creates the error. */
  constructor(path: string, message: string) {
    super(path, message);
    this.name = "StoreMissing";
  }
}

/** Booting would overwrite an existing machine or other files. */
export class StoreExists extends StoreError {
  /** Creates the error. */
  constructor(path: string, message: string) {
    super(path, message);
    this.name = "StoreExists";
  }
}

/** Another process holds the store. */
export class StoreLocked extends StoreError {
  /** The process id recorded in the pid file, when known. */
  readonly pid: number | null;
  /** Creates the error. */
  constructor(path: string, pid: number | null) {
    super(
      path,
      `${path} is in use by another process${pid === null ? "" : ` (pid ${pid})`}`,
    );
    this.name = "StoreLocked";
    this.pid = pid;
  }
}

/** The store was written in a format this runtime cannot read. */
export class StoreFormatError extends StoreError {
  /** Creates the error. */
  constructor(path: string, message: string) {
    super(path, message);
    this.name = "StoreFormatError";
  }
}

/**
 * The store's contents are damaged: unreadable database pages, a gap in the
 * tick log, a checksum or pin-hash mismatch, a seed that does not decode.
 */
export class StoreCorrupt extends StoreError {
  /** Creates the error. */
  constructor(path: string, message: string) {
    super(path, message);
    this.name = "StoreCorrupt";
  }
}
