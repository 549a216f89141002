/**
 * A compiler session: the current state, the block being executed (for
 * error locations) and the listener for what the commands produce.
 *
 * {@linkcode Session.runBlock} executes one top-level block atomically: if it
 * fails, the state is left as it was before the block and the failure is
 * thrown as a {@linkcode SireError}.
 *
 * @module
 */

import type { Nat, Pin, Val } from "../../runtime/plan/value.ts";
import { PlanBudgetExceeded, PlanCrash, PlanError } from "../../runtime/plan/errors.ts";
import { showPlan } from "../../runtime/plan/text.ts";
import { isNode, leaf, node, type Pos, type Rex, text } from "../rex/tree.ts";
import { printRex } from "../rex/print.ts";
import { showRex } from "../rex/show.ts";
import { Fault, SireError, type SireErrorKind } from "./errors.ts";
import { bindingOf, INITIAL_STATE, lookupBinding, stateParts } from "./state.ts";
import { execute } from "./commands.ts";
import { whnf } from "../../runtime/plan/eval.ts";
import { nounToRex, posOf, rexToNoun } from "./rexnoun.ts";

/** Something a command produced, for a REPL or log to show. */
export type SireEvent =
  /** A definition: the name, its new binding pin and value. */
  | {
    readonly kind: "define";
    readonly name: Nat;
    readonly binding: Pin;
    readonly value: Val;
  }
  /** An assertion about to be checked (the `=?=` node, as a rex noun). */
  | { readonly kind: "assert"; readonly rex: Val }
  /** The value of an expression command. */
  | { readonly kind: "value"; readonly value: Val };

/** Where the block being executed comes from. */
export interface BlockContext {
  /** File name (for messages). */
  readonly file: string;
  /** 1-based line of the block's first line. */
  readonly line: number;
  /** The block, as a rex noun. */
  readonly block: Val;
  /** The whole source text, for excerpts (optional). */
  readonly source?: string;
}

/** Options of a {@linkcode Session}. */
export interface SessionOptions {
  /** Called for each definition, assertion and expression value. */
  onEvent?: (e: SireEvent) => void;
}

/** Longest printed value or rex in an error excerpt. */
const MAX_SHOWN = 2000;

/** Truncates long printed text for error messages. */
export function clip(s: string, max = MAX_SHOWN): string {
  return s.length > max ? s.slice(0, max) + "…" : s;
}

/** Replaces embedded values by texts showing them (iterative). */
function showEmbeds(root: Rex): Rex {
  const done = new Map<Rex, Rex>();
  const todo: Rex[] = [root];
  while (todo.length > 0) {
    const r = todo[todo.length - 1];
    if (r.kind === "EMBD") {
      done.set(r, text("<" + clip(showPlan(r.value), 200) + ">"));
      todo.pop();
      continue;
    }
    const kids = isNode(r) ? [...r.sons] : [];
    if (r.heir) kids.push(r.heir);
    const pending = kids.filter((k) => !done.has(k));
    if (pending.length > 0) {
      todo.push(...pending);
      continue;
    }
    todo.pop();
    const heir = r.heir ? done.get(r.heir)! : null;
    done.set(
      r,
      isNode(r)
        ? node(r.kind, r.rune, r.sons.map((k) => done.get(k)!), heir, r.pos)
        : leaf(r.kind, r.text, heir, r.pos),
    );
  }
  return done.get(root)!;
}

/** Prints a rex noun as Rex source for messages (embedded values shown inline). */
export function showRexNoun(noun: Val): string {
  let tree: Rex;
  try {
    tree = showEmbeds(nounToRex(noun));
  } catch {
    return "(unprintable rex)";
  }
  try {
    return clip(printRex(tree, { lossy: true }).trimEnd());
  } catch {
    return clip(showRex(tree));
  }
}

let lastSource = "";
let lastLines: string[] = [];

function sourceLine(source: string, line: number): string | undefined {
  if (source !== lastSource) {
    lastSource = source;
    lastLines = source.split("\n");
  }
  return lastLines[line - 1];
}

/** The compiler: a state plus the context needed to execute blocks. */
export class Session {
  /** The current compiler state (a PLAN row). */
  state: Val;
  /** The block being executed, if any. */
  ctx: BlockContext | null = null;
  /** Listener for definitions, assertions and values. */
  onEvent: ((e: SireEvent) => void) | undefined;

  /** Starts a session from `state` (default: the initial state). */
  constructor(state: Val = INITIAL_STATE, opts: SessionOptions = {}) {
    this.state = state;
    this.onEvent = opts.onEvent;
  }

  /** Reports an event to the listener. */
  emit(e: SireEvent): void {
    if (this.onEvent) this.onEvent(e);
  }

  /** The value of the macro bound to `rune` in scope, if any. */
  macroFor(rune: Nat): Val | undefined {
    const scope = whnf(stateParts(this.state).scope);
    if (scope !== this.macroScope) {
      this.macroScope = scope;
      this.macros.clear();
    }
    let m = this.macros.get(rune);
    if (m === undefined) {
      const b = lookupBinding(this.state, rune);
      m = b === undefined ? null : bindingOf(b).value;
      this.macros.set(rune, m);
    }
    return m === null ? undefined : m;
  }

  /** The scope the macro cache below belongs to. */
  private macroScope: Val = 0;
  /** Macro values (or null for none) by rune, for `macroScope`. */
  private readonly macros = new Map<Nat, Val | null>();

  /**
   * Executes one parsed block (atomically, see {@linkcode Session.inBlock}).
   * `source` (the whole file text) is only used for error excerpts.
   */
  runBlock(rex: Rex, file = "<input>", source?: string): void {
    const noun = rexToNoun(rex);
    const line = rex.pos?.line ?? 0;
    this.inBlock({ file, line, block: noun, source }, () => execute(this, noun));
  }

  /**
   * Runs `body` as the execution of one block: on failure the state is
   * restored and the failure is thrown as a {@linkcode SireError}.
   */
  inBlock<T>(ctx: BlockContext, body: () => T): T {
    const saved = this.state;
    const savedCtx = this.ctx;
    this.ctx = ctx;
    try {
      return body();
    } catch (e) {
      this.state = saved;
      throw this.toSireError(e);
    } finally {
      this.ctx = savedCtx;
    }
  }

  /** Converts anything thrown while executing a block into a SireError. */
  toSireError(e: unknown): SireError {
    if (e instanceof Fault) {
      return this.located(e.kind, e.reason, e.problem, e.detail, e);
    }
    if (e instanceof SireError) return e;
    if (e instanceof PlanCrash) {
      const detail = `op:  ${clip(showPlan(e.op))}\narg: ${clip(showPlan(e.arg))}`;
      return this.located(
        "crash",
        "crash while evaluating the block",
        undefined,
        detail,
        e,
        {
          op: e.op,
          arg: e.arg,
        },
      );
    }
    if (e instanceof PlanBudgetExceeded || e instanceof PlanError) {
      return this.located("crash", e.message, undefined, "", e);
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return this.located("crash", "nesting too deep for the compiler", undefined, "", e);
    }
    const msg = e instanceof Error ? e.message : String(e);
    return this.located("crash", `internal error: ${msg}`, undefined, "", e);
  }

  /** Builds a SireError at `problem` (if it has a source position) or the block. */
  located(
    kind: SireErrorKind,
    reason: string,
    problem: Val | undefined,
    detail: string,
    cause?: unknown,
    crash?: { op: Val; arg: Val },
  ): SireError {
    const ctx = this.ctx;
    let pos: Pos | undefined;
    try {
      pos = problem === undefined ? undefined : posOf(problem);
    } catch {
      pos = undefined;
    }
    const fromSource = pos !== undefined;
    if (!pos && ctx) {
      try {
        pos = posOf(ctx.block);
      } catch {
        pos = undefined;
      }
    }
    const file = pos?.file || ctx?.file || "";
    const line = pos?.line ?? ctx?.line ?? 0;
    const col = pos?.col ?? 1;
    const parts: string[] = [];
    const src = ctx?.source;
    const text = src !== undefined && line > 0 ? sourceLine(src, line) : undefined;
    if (text !== undefined) {
      parts.push("\t" + text, "\t" + " ".repeat(Math.max(0, col - 1)) + "^");
    }
    if (problem !== undefined && !fromSource) {
      parts.push("in: " + showRexNoun(problem));
    }
    if (detail) parts.push(detail);
    return new SireError({
      kind,
      reason,
      file,
      line,
      col,
      excerpt: parts.join("\n"),
      problem,
      cause,
      op: crash?.op,
      arg: crash?.arg,
    });
  }
}
