/**
 * The devices a machine started from the command line gets: `time` and
 * `tcp` (listening on 127.0.0.1, on the port asked for; 0 = any free port).
 *
 * @module
 */

import type { Device } from "../device.ts";
import { TcpDevice } from "./tcp.ts";
import { TimeDevice } from "./time.ts";

/** Options of {@linkcode standardDevices}. */
export interface StandardDeviceOptions {
  /** The tcp device's listening port (default 0: any free port). */
  readonly port?: number;
  /** Diagnostics sink (default: standard error). */
  readonly log?: (line: string) => void;
}

/** A fresh set of the standard devices. */
export function standardDevices(opts: StandardDeviceOptions = {}): Device[] {
  return [new TimeDevice(), new TcpDevice({ port: opts.port ?? 0, log: opts.log })];
}
