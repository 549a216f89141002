/**
 * Pallas for Deno: the PLAN evaluator and its text notation, seeds and pin
 * hashes, PLAN ordering, Rex (the syntax of Sire), the Sire compiler with
 * its standard library, and machines with their stores.
 *
 * ```ts
 * import { force, readPlan, showPlan } from "@pallas/pallas";
 * showPlan(force(readPlan("(3 99)"))); // "%d" (the nat 100)
 * ```
 *
 * Compiling Sire (the standard library is built in, so `:| prelude` works
 * from any directory):
 *
 * ```ts
 * import { compileSire, evalSire, saveSeed, showPlan, sireValue } from "@pallas/pallas";
 * const mod = compileSire("#### demo <- prelude\n\n:| prelude\n\n= (double x) | add x x\n");
 * showPlan(evalSire(mod, "double 21")[0]); // "42"
 * const seed = saveSeed(sireValue(mod, "double")!); // bytes for `pallas show`
 * ```
 *
 * @module
 */

import { installJets } from "./runtime/jets/match.ts";
import { force as forceVal } from "./runtime/plan/eval.ts";
import type { Val as PlanVal } from "./runtime/plan/value.ts";
import { natFromText as textNat } from "./runtime/plan/value.ts";
import {
  bindingOf,
  denoFiles as fsFiles,
  loadFile as loadSireFile,
  type LoadOptions as SireLoadOptions,
  lookupBinding,
  type ModuleReport as SireModuleReport,
  replSession as sireRepl,
  runText as runSireText,
  type SireEvent,
  type SireFiles,
  type SireModule as LoadedModule,
} from "./sire/compiler/mod.ts";
import { stdlibLoadOptions } from "./sire/lib/files.ts";
import { withShippedStates } from "./sire/lib/shipped.ts";

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
export {
  type ReadOptions,
  readPlan,
  showNat,
  type ShowOptions,
  showPlan,
} from "./runtime/plan/text.ts";
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
  type EvalJob,
  EvalPool,
  EvalPoolClosed,
  type EvalPoolOptions,
} from "./runtime/machine/eval_worker_pool.ts";
export {
  MachineStore,
  type StoreMeta,
  type StoreStats,
  type TickRecord,
} from "./runtime/store/store.ts";
export {
  type BlockContext as SireBlockContext,
  denoFiles,
  type ModuleReport as SireModuleReport,
  replSession,
  runText,
  Session as SireSession,
  SireError,
  type SireErrorKind,
  type SireEvent,
  type SireFiles,
  type SireModule,
} from "./sire/compiler/mod.ts";

/** Options for {@linkcode compileSireFile} and {@linkcode compileSire}. */
export interface SireCompileOptions {
  /** Extra module directories, searched before the standard library. */
  searchPath?: readonly string[];
  /** Where source files are read from (default: the file system). */
  files?: SireFiles;
  /** Listener for definitions, assertions and values. */
  onEvent?: (e: SireEvent) => void;
  /** Called after each module of the chain is loaded. */
  onModule?: (r: SireModuleReport) => void;
  /**
   * Start from the library state shipped with pallas when the chain reaches
   * the built-in prelude (default true); false compiles the library.
   */
  shipped?: boolean;
}
export { STDLIB_DIR, STDLIB_MODULES, stdlibFiles } from "./sire/lib/files.ts";

/** The virtual path {@linkcode compileSire} serves its source text under. */
const INPUT_PATH = "input.sire";

/**
 * Compiles the Sire file at `path` with its module chain and returns the
 * loaded module. Library modules (`prelude`, `kern`, …) are found after the
 * file's own directory, `./sire/` and `opts.searchPath`; jets are installed.
 * Throws {@linkcode SireError} (or {@linkcode RexError}) on failure.
 */
export function compileSireFile(
  path: string,
  opts: SireCompileOptions = {},
): LoadedModule {
  installJets({ onMismatch: "silent" });
  return loadSireFile(path, withStdlib(opts));
}

/** Load options for the API: the library's files, and its shipped state. */
function withStdlib(opts: SireCompileOptions): SireLoadOptions {
  const { shipped, ...rest } = opts;
  return stdlibLoadOptions({
    ...rest,
    store: shipped === false ? null : withShippedStates(null),
  });
}

/**
 * Compiles Sire source text: a module that starts with its header
 * (`#### name` or `#### name <- prior`, usually `<- prelude`). Its prior
 * modules are looked up like {@linkcode compileSireFile}'s, from the current
 * directory. Throws {@linkcode SireError} (or {@linkcode RexError}).
 */
export function compileSire(source: string, opts: SireCompileOptions = {}): LoadedModule {
  installJets({ onMismatch: "silent" });
  const lib = withStdlib(opts);
  const files = lib.files ?? fsFiles;
  return loadSireFile(INPUT_PATH, {
    ...lib,
    cache: null,
    files: {
      readText: (p) => (p === INPUT_PATH ? source : files.readText(p)),
      digest: (p) => (p === INPUT_PATH ? null : files.digest?.(p) ?? null),
      fixed: (p) => p !== INPUT_PATH && (files.fixed?.(p) ?? false),
    },
  });
}

/**
 * The value bound to `name` at the top level of a compiled module (in
 * normal form), or `undefined` when the module does not define it.
 */
export function sireValue(mod: LoadedModule, name: string): PlanVal | undefined {
  const b = lookupBinding(mod.state, textNat(name));
  return b === undefined ? undefined : forceVal(bindingOf(b).value);
}

/**
 * Runs Sire `text` (expressions and definitions, as typed at `pallas sire`)
 * in the scope of `mod` (or the empty scope for `null`) and returns the
 * values of its expressions, in order. Throws {@linkcode SireError}.
 */
export function evalSire(mod: LoadedModule | null, text: string): PlanVal[] {
  installJets({ onMismatch: "silent" });
  const values: PlanVal[] = [];
  const sess = sireRepl(mod, {
    onEvent: (e) => {
      if (e.kind === "value") values.push(e.value);
    },
  });
  runSireText(sess, text, "<eval>");
  return values;
}
