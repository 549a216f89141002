/**
 * Machines: a cog (a PLAN closure holding its state, its read function and
 * its workers row), the workers that talk to the world through devices, and
 * the store that logs every tick so the machine resumes exactly where it
 * stopped.
 *
 * ```ts
 * import { bootStore, MachineStore, runMachine } from "./runtime/machine/mod.ts";
 * bootStore("my-machine", cog).close();          // pallas boot
 * await runMachine(MachineStore.open("my-machine")); // pallas start (until SIGINT)
 * ```
 *
 * | file | concept |
 * |---|---|
 * | `cog.ts` | cog accessors and the four cog states |
 * | `protocol.ts` | workers rows, request rows, effects, outputs |
 * | `receipt.ts` | what the log records per tick |
 * | `tick.ts` | one cog transition (live and replay) |
 * | `evaluate.ts` | sliced evaluation with crash, time-out and abort |
 * | `replay.ts` | snapshot + log → state |
 * | `pump.ts`, `request.ts` | EXEC workers and their live requests |
 * | `device.ts`, `devices/` | the device interface; the time device |
 * | `machine.ts` | ticking, group commit, releasing effects after commit |
 * | `host.ts`, `pidfile.ts` | running a machine in this process (signals, trk) |
 * | `boot.ts`, `load_cog.ts` | creating a machine from a seed or Sire file |
 * | `render.ts`, `trace.ts` | diagnostics on standard error |
 *
 * @module
 */

export { bootStore } from "./boot.ts";
export {
  classify,
  cogDb,
  cogReadFn,
  type CogState,
  cogWorkers,
  hasWorkers,
  idxFromEnd,
  stateFromNoun,
  stateNoun,
} from "./cog.ts";
export { type Device, type DeviceCall, DeviceTable } from "./device.ts";
export { type Clock, systemClock } from "./devices/clock.ts";
export { TimeDevice } from "./devices/time.ts";
export { CogFileError, MachineError, MachineFault, ReplayError } from "./errors.ts";
export {
  type EvalLimits,
  evaluate,
  evaluateNow,
  LOOP_OP,
  type Outcome,
} from "./evaluate.ts";
export { prepareProcess, runMachine, type RunOptions } from "./host.ts";
export { loadCog, loadSireMain } from "./load_cog.ts";
export { Machine, type MachineOptions, type MachineStats } from "./machine.ts";
export {
  type Effect,
  type Output,
  parseEffect,
  parseOutputs,
  parseWorker,
  pumpRequests,
  type RequestSpec,
  type WorkerSpec,
} from "./protocol.ts";
export { type PumpHost, PumpWorker } from "./pump.ts";
export { type Receipt, receiptFromNoun, receiptNoun } from "./receipt.ts";
export {
  applyReceipt,
  loadSnapshot,
  replay,
  type Replayed,
  type ReplayOptions,
} from "./replay.ts";
export { LiveRequest } from "./request.ts";
export { type Input, inputRow, tickExpr, type TickResult, tickResult } from "./tick.ts";
export { MachineStore } from "../store/store.ts";
