/**
 * Pallas for Deno: the PLAN evaluator and its text notation, seeds and pin
 * hashes, PLAN ordering, and Rex (the syntax of Sire).
 *
 * ```ts
 * import { force, readPlan, showPlan } from "@pallas/pallas";
 * showPlan(force(readPlan("(3 99)"))); // "%d" (the nat 100)
 * ```
 *
 * @module
 */

export {
  apply,
  arityOf,
  CLO,
  Clo,
  deref,
  type Head,
  LAW,
  Law,
  type Nat,
  nat,
  natFromText,
  PIN,
  Pin,
  THUNK,
  Thunk,
  ThunkState,
  type Val,
} from "./runtime/plan/value.ts";
export { type EvalOptions, force, stats, whnf } from "./runtime/plan/eval.ts";
export { type ReadOptions, readPlan, showNat, showPlan } from "./runtime/plan/text.ts";
export {
  PlanBudgetExceeded,
  PlanCrash,
  PlanError,
  PlanLoop,
  PlanSyntaxError,
} from "./runtime/plan/errors.ts";
export { Catch, FALLBACK, type Jet, Strict } from "./runtime/plan/jet.ts";
export { compare, equal } from "./runtime/plan/compare.ts";
export { hashFromBase58, hashToBase58, pinHash, planHash } from "./runtime/plan/hash.ts";
export {
  type Germ,
  loadGerm,
  type LoadOptions as SeedLoadOptions,
  loadPod,
  loadSeed,
  loadSeedOrPod,
  saveGerm,
  savePod,
  saveSeed,
  SeedError,
} from "./runtime/seed/mod.ts";
export {
  type Embd as RexEmbd,
  type Leaf as RexLeaf,
  type LeafKind as RexLeafKind,
  type Node as RexNode,
  type NodeKind as RexNodeKind,
  parseRex,
  planToRex,
  type Pos as RexPos,
  type PrintOptions as RexPrintOptions,
  printRex,
  type Rex,
  RexError,
  rexToPlan,
} from "./sire/rex/mod.ts";
export {
  bootStore,
  type CogState,
  type Device,
  type DeviceCall,
  Machine,
  MachineError,
  type MachineOptions,
  type MachineStats,
  PumpWorker,
  runMachine,
  type RunOptions,
  TimeDevice,
} from "./runtime/machine/mod.ts";
export { type Replayed } from "./runtime/machine/replay.ts";
export {
  MachineStore,
  type StoreMeta,
  type StoreStats,
  type TickRecord,
} from "./runtime/store/store.ts";
