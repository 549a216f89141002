/**
 * The Sire compiler: loads Sire files and module chains into compiler
 * states, runs blocks in a session (for a REPL), and exposes the pieces
 * (AST, inliner, code generator, macro protocol) for tests and tools.
 *
 * ```ts
 * import { loadModule } from "./sire/compiler/mod.ts";
 * const m = loadModule("sire_01_fan");
 * ```
 *
 * @module
 */

export { SireError, type SireErrorKind } from "./errors.ts";
export {
  type BlockContext,
  Session,
  type SessionOptions,
  type SireEvent,
} from "./session.ts";
export {
  denoFiles,
  loadFile,
  loadModule,
  type LoadOptions,
  ModuleCache,
  type ModuleReport,
  replSession,
  runText,
  type SireFiles,
  type SireModule,
} from "./module.ts";
export { execute, importModule, insertBinding, switchToContext } from "./commands.ts";
export {
  type Binding,
  bindingOf,
  INITIAL_STATE,
  lookupBinding,
  lookupValue,
  makeState,
  type StateParts,
  stateParts,
} from "./state.ts";
export { type Ast, decodeAst, encodeAst, type Lam, mkK, T } from "./ast.ts";
export { compile, evalAst } from "./codegen.ts";
export { inlineTop } from "./inline.ts";
export { expandMacro, ON_ERR, ON_OK } from "./macro.ts";
export { readExpr, readKey, showKey, tryReadKey } from "./expr.ts";
export {
  mkEmbd,
  mkLeaf,
  mkNode,
  nounToRex,
  rexToNoun,
  Shape,
  viewRex,
} from "./rexnoun.ts";
export { makeTab, rowItems, tabView } from "./tab.ts";
export {
  chainKey,
  COMPILER_VERSION,
  defaultCachePath,
  encodePinHashes,
  LayeredStateStore,
  type LoadedState,
  loadStateSeed,
  type ReadOnlyStateStore,
  SqliteStateStore,
  type StateStore,
  textDigest,
} from "./state_store.ts";
