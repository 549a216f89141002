/**
 * Named errors raised by the machine layer.
 *
 * @module
 */

/** Base class of the machine layer's errors. */
export class MachineError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "MachineError";
  }
}

/** The file given to `boot` cannot provide a cog. */
export class CogFileError extends MachineError {
  /** The file. */
  readonly path: string;
  /** Creates the error. */
  constructor(path: string, message: string) {
    super(message);
    this.name = "CogFileError";
    this.path = path;
  }
}

/**
 * Replaying the log did not reproduce the recorded history: a tick that
 * succeeded when it ran failed on replay, or the log does not fit the cog's
 * state (e.g. a tick recorded for a cog that had already stopped).
 */
export class ReplayError extends MachineError {
  /** The tick at which replay failed. */
  readonly tick: number;
  /** Creates the error. */
  constructor(tick: number, message: string) {
    super(`replay failed at tick ${tick}: ${message}`);
    this.name = "ReplayError";
    this.tick = tick;
  }
}

/**
 * The runtime itself failed while evaluating a tick (not a PLAN crash: an
 * internal error such as running out of memory). The tick is not logged;
 * the machine stops.
 */
export class MachineFault extends MachineError {
  /** The underlying error. */
  override readonly cause: unknown;
  /** Creates the error. */
  constructor(message: string, cause: unknown) {
    super(message);
    this.name = "MachineFault";
    this.cause = cause;
  }
}
