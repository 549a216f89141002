/**
 * The PLAN evaluator: lazy graph reduction with in-place thunk update
 * (spec §1.4–1.6).
 *
 * Evaluation is one loop over an explicit stack of frames, so no PLAN depth
 * (deep recursion, long spines, nested pins) ever grows the JS call stack.
 * A frame is its payload followed by its kind (see `FRAME_SIZE`). The loop
 * alternates between descending into a thunk's function part and handing a
 * value in weak head normal form to the frame on top of the stack.
 *
 * @module
 */

import {
  CLO,
  Clo,
  type Head,
  LAW,
  Law,
  type Nat,
  natDec,
  natInc,
  PIN,
  Pin,
  THUNK,
  Thunk,
  ThunkState,
  type Val,
} from "./value.ts";
import { bindLets, buildsApp, lawCode } from "./law.ts";
import { Catch, FALLBACK, type Jet } from "./jet.ts";
import { PlanBudgetExceeded, PlanCrash, PlanLoop } from "./errors.ts";

/** Options for one evaluation. */
export interface EvalOptions {
  /** Maximum number of reduction steps before `PlanBudgetExceeded`. */
  budget?: number;
}

/** Cumulative evaluator counters. */
export const stats = {
  /** Reduction steps (saturated applications executed) since start-up. */
  steps: 0,
};

// Frame kinds. Payload sizes are in FRAME_SIZE; the first payload entry of
// every frame that owns a thunk under evaluation is that thunk.
const K_APPLY = 0; // [t]          cur = WHNF of t.f; apply it to t.x
const K_UPDATE = 1; // [t]         cur = result of t
const K_OP0A = 2; // [t, a, b]     cur = WHNF of name
const K_OP0B = 3; // [t, n, b]     cur = WHNF of arity
const K_OP0C = 4; // [t, n, a]     cur = NF of body
const K_OP1 = 5; // [t, p, l, a, n] cur = WHNF of x
const K_OP2 = 6; // [t, z, p]      cur = WHNF of x
const K_OP3 = 7; // [t]            cur = WHNF of x
const K_OP4 = 8; // [t]            cur = NF of x
const K_CRASH = 9; // [t, op]      cur = NF of the argument
const K_FORCE = 10; // []          normalise cur
const K_FARG = 11; // [clo, i]     cur = NF of clo.args[i]
const K_JET = 12; // [t, args, i]  cur = prepared args[i]
const K_CATCH = 13; // [t, req]    cur = NF of req.expr; crashes stop here
const FRAME_SIZE = [1, 1, 3, 3, 3, 5, 3, 1, 1, 2, 0, 2, 3, 2];

const stk: any[] = [];

/** Called on every pin created by evaluation (jet matching hooks in here). */
let pinHook: ((p: Pin) => void) | null = null;

/** Installs the function called on every pin that opcode 4 creates. */
export function setPinHook(hook: ((p: Pin) => void) | null): void {
  pinHook = hook;
}

/**
 * Makes the pin of a normalised value, running the pin hook. A `hash`
 * already known for the item (from a trusted cache) is recorded first, so
 * the hook need not compute it.
 */
export function makePin(item: Val, hash?: Uint8Array): Pin {
  const p = new Pin(item);
  if (hash !== undefined) p.hash = hash;
  if (pinHook !== null) pinHook(p);
  return p;
}

/** Evaluates `v` to weak head normal form (never returns a thunk). */
export function whnf(v: Val, opts?: EvalOptions): Val {
  if (typeof v !== "object" || v.t !== THUNK) return v;
  return run(v, false, opts?.budget ?? Infinity);
}

/** Evaluates `v` to normal form. */
export function force(v: Val, opts?: EvalOptions): Val {
  if (typeof v !== "object") return v;
  if (v.t === PIN || v.t === LAW || (v.t === CLO && v.nf)) return v;
  return run(v, true, opts?.budget ?? Infinity);
}

function natOr0(v: Val): Nat {
  return typeof v === "object" ? 0 : v;
}

function run(root: Val, normalise: boolean, limit: number): Val {
  const base = stk.length;
  let steps = 0;
  let cur = root;
  if (normalise) stk.push(K_FORCE);
  for (;;) {
    try {
      for (;;) {
        // Descend: evaluate cur to WHNF, pushing the spine.
        while (typeof cur === "object" && cur.t === THUNK) {
          const s = cur.s;
          if (s === ThunkState.Done) {
            cur = cur.x;
          } else if (s === ThunkState.Fresh) {
            cur.s = ThunkState.Busy;
            stk.push(cur, K_APPLY);
            cur = cur.f;
          } else {
            throw new PlanLoop();
          }
        }
        if (stk.length === base) {
          stats.steps += steps;
          return cur;
        }
        switch (stk.pop() as number) {
          case K_APPLY: {
            let t = stk.pop() as Thunk;
            const f = cur as Head | Clo;
            let head: Head;
            let ar: number;
            let pre: Val[] | null = null;
            if (typeof f === "object" && f.t === CLO) {
              head = f.head;
              pre = f.args;
              ar = f.ar;
            } else {
              head = f as Head;
              ar = typeof f === "number"
                ? (f === 0 || f === 2 ? 3 : f === 1 ? 5 : 1)
                : typeof f === "bigint"
                ? 1
                : f.t === PIN
                ? f.arity
                : (f as Law).ar;
            }
            // Count the arguments waiting on the spine (up to the arity), so a
            // call with all its arguments builds no intermediate closures.
            let take = 1;
            let probe = t;
            for (let n = stk.length; take < ar; n -= 2, take++) {
              if (n - base < 2 || stk[n - 1] !== K_APPLY || stk[n - 2].f !== probe) break;
              probe = stk[n - 2] as Thunk;
            }
            const np = pre === null ? 0 : pre.length;
            const args = new Array<Val>(1 + np + take);
            args[0] = 0;
            for (let i = 0; i < np; i++) args[i + 1] = pre![i];
            let j = np + 1;
            args[j++] = t.x;
            for (let i = 1; i < take; i++) {
              t.s = ThunkState.Fresh; // an intermediate partial application
              t = stk[stk.length - 2] as Thunk;
              stk.length -= 2;
              args[j++] = t.x;
            }
            ar -= take;
            if (ar > 0) {
              const c = new Clo(head, args.slice(1), ar);
              t.s = ThunkState.Done;
              t.f = 0;
              t.x = c;
              cur = c;
              continue;
            }
            if (++steps > limit) {
              t.s = ThunkState.Fresh;
              throw new PlanBudgetExceeded(limit);
            }
            cur = exec(t, head, args);
            continue;
          }
          case K_UPDATE: {
            const t = stk.pop() as Thunk;
            t.s = ThunkState.Done;
            t.f = 0;
            t.x = cur;
            continue;
          }
          case K_OP0A: {
            const b = stk.pop();
            const a = stk.pop();
            stk.push(natOr0(cur), b, K_OP0B);
            cur = a;
            continue;
          }
          case K_OP0B: {
            const b = stk.pop();
            stk.push(natOr0(cur), K_OP0C, K_FORCE);
            cur = b;
            continue;
          }
          case K_OP0C: {
            const arity = stk.pop() as Nat;
            const name = stk.pop() as Nat;
            const t = stk.pop() as Thunk;
            if (arity === 0) {
              t.s = ThunkState.Fresh;
              throw new PlanCrash(0, 0, "law with arity 0");
            }
            cur = done(t, new Law(name, arity, cur));
            continue;
          }
          case K_OP1: {
            const n = stk.pop();
            const a = stk.pop();
            const l = stk.pop();
            const p = stk.pop();
            const t = stk.pop() as Thunk;
            const x = cur;
            if (typeof x !== "object") {
              t.f = n;
              t.x = x;
            } else if (x.t === PIN) {
              t.f = p;
              t.x = x.item;
            } else if (x.t === LAW) {
              t.f = new Thunk(new Thunk(l, x.name), x.arity);
              t.x = x.body;
            } else {
              const c = x as Clo;
              const k = c.args.length;
              let init: Val = c.head;
              if (k > 1) {
                const ic = new Clo(c.head, c.args.slice(0, k - 1), c.ar + 1);
                ic.nf = c.nf;
                init = ic;
              }
              t.f = new Thunk(a, init);
              t.x = c.args[k - 1];
            }
            stk.push(t, K_APPLY);
            cur = t.f;
            continue;
          }
          case K_OP2: {
            const p = stk.pop();
            const z = stk.pop();
            const t = stk.pop() as Thunk;
            const k = natOr0(cur);
            if (k === 0) {
              cur = finish(t, z, false);
            } else {
              t.f = p;
              t.x = natDec(k);
              stk.push(t, K_APPLY);
              cur = p;
            }
            continue;
          }
          case K_OP3: {
            cur = done(stk.pop() as Thunk, natInc(natOr0(cur)));
            continue;
          }
          case K_OP4: {
            cur = done(stk.pop() as Thunk, makePin(cur));
            continue;
          }
          case K_CRASH: {
            const op = stk.pop();
            const t = stk.pop() as Thunk;
            t.s = ThunkState.Fresh;
            throw new PlanCrash(op, cur);
          }
          case K_FORCE: {
            if (typeof cur === "object" && cur.t === CLO && !cur.nf) {
              if (cur.busy) throw new PlanLoop("<<loop>>: normalising a cyclic value");
              cur.busy = true;
              stk.push(cur, 0, K_FARG, K_FORCE);
              cur = cur.args[0];
            }
            continue;
          }
          case K_FARG: {
            let i = stk.pop() as number;
            const c = stk.pop() as Clo;
            c.args[i++] = cur;
            if (i < c.args.length) {
              stk.push(c, i, K_FARG, K_FORCE);
              cur = c.args[i];
            } else {
              c.busy = false;
              c.nf = true;
              cur = c;
            }
            continue;
          }
          case K_CATCH: {
            const req = stk.pop() as Catch;
            cur = finish(stk.pop() as Thunk, req.ok(cur), false);
            continue;
          }
          case K_JET: {
            const i = stk.pop() as number;
            const args = stk.pop() as Val[];
            const t = stk.pop() as Thunk;
            args[i] = cur;
            cur = jetStep(t, args, i + 1);
            continue;
          }
        }
      }
    } catch (e) {
      const t = e instanceof PlanCrash ? unwindToCatch(base) : null;
      if (t === null) {
        unwind(base);
        stats.steps += steps;
        steps = 0;
        throw e;
      }
      const req = stk.pop() as Catch;
      stk.pop();
      const crash = e as PlanCrash;
      cur = finish(t, req.crashed(crash.op, crash.arg), false);
    }
  }
}

/** Marks `t` evaluated to the WHNF value `r` and returns `r`. */
function done(t: Thunk, r: Val): Val {
  t.s = ThunkState.Done;
  t.f = 0;
  t.x = r;
  return r;
}

/**
 * Makes `r` the result of `t`. A freshly built application is written into
 * `t` and evaluated there (so tail calls do not grow the stack); a shared
 * thunk is evaluated with an update frame; a WHNF value finishes `t`.
 */
function finish(t: Thunk, r: Val, fresh: boolean): Val {
  if (typeof r === "object" && r.t === THUNK) {
    if (fresh) {
      t.f = r.f;
      t.x = r.x;
      stk.push(t, K_APPLY);
      return t.f;
    }
    while (r.s === ThunkState.Done) {
      r = r.x;
      if (typeof r !== "object" || r.t !== THUNK) return done(t, r);
    }
    stk.push(t, K_UPDATE);
    return r;
  }
  return done(t, r);
}

/** Executes a saturated call; `args[0]` is free for self. */
function exec(t: Thunk, head: Head, args: Val[]): Val {
  if (typeof head === "object") {
    if (head.t === PIN) {
      const p = head;
      if (p.exHead !== p) {
        if (p.exArgs.length > 0) args = [0, ...p.exArgs, ...args.slice(1)];
        return exec(t, p.exHead, args);
      }
      args[0] = p;
      if (p.jet !== null) return jetStep(t, args, 1);
      return runLaw(t, p.item as Law, args);
    }
    args[0] = head;
    return runLaw(t, head, args);
  }
  switch (head) {
    case 0:
      stk.push(t, args[2], args[3], K_OP0A);
      return args[1];
    case 1:
      stk.push(t, args[1], args[2], args[3], args[4], K_OP1);
      return args[5];
    case 2:
      stk.push(t, args[1], args[2], K_OP2);
      return args[3];
    case 3:
      stk.push(t, K_OP3);
      return args[1];
    case 4:
      stk.push(t, K_OP4, K_FORCE);
      return args[1];
    default:
      stk.push(t, head, K_CRASH, K_FORCE);
      return args[1];
  }
}

function runLaw(t: Thunk, law: Law, env: Val[]): Val {
  const code = lawCode(law);
  if (code.lets > 0) bindLets(code, env, env.length);
  return finish(t, code.bodyFn(env), buildsApp(code.body));
}

/**
 * Prepares jet arguments from index `i` on (pushing a frame for the next
 * one that needs evaluation) and calls the jet once all are ready.
 */
function jetStep(t: Thunk, args: Val[], i: number): Val {
  const pin = args[0] as Pin;
  const jet = pin.jet as Jet;
  const strict = jet.strict;
  for (; i < args.length; i++) {
    const mode = strict[i - 1];
    if (mode === 0) continue;
    const a = args[i];
    if (typeof a !== "object") continue;
    if (mode === 1 && a.t !== THUNK) continue;
    if (a.t === PIN || a.t === LAW || (a.t === CLO && a.nf)) continue;
    stk.push(t, args, i, K_JET);
    if (mode === 2) stk.push(K_FORCE);
    return a;
  }
  let r: Val | Catch | typeof FALLBACK;
  try {
    r = jet.run(args);
  } catch (e) {
    t.s = ThunkState.Fresh;
    throw e;
  }
  if (r === FALLBACK) return runLaw(t, pin.item as Law, args);
  if (r instanceof Catch) {
    stk.push(t, r, K_CATCH, K_FORCE);
    return r.expr;
  }
  return finish(t, r, false);
}

/**
 * Unwinds frames above the nearest catch frame (above `base`) and returns the
 * thunk that frame owns, leaving `[t, req, K_CATCH]` with the kind popped;
 * returns null (unwinding nothing) when there is none.
 */
function unwindToCatch(base: number): Thunk | null {
  let i = stk.length;
  while (i > base) {
    const k = stk[i - 1] as number;
    if (k === K_CATCH) {
      unwind(i);
      stk.pop();
      return stk[stk.length - 2] as Thunk;
    }
    i -= 1 + FRAME_SIZE[k];
  }
  return null;
}

function unwind(base: number): void {
  while (stk.length > base) {
    const k = stk.pop() as number;
    const n = FRAME_SIZE[k];
    if (n > 0) {
      const first = stk[stk.length - n];
      if (k === K_FARG) (first as Clo).busy = false;
      else if (first instanceof Thunk && first.s === ThunkState.Busy) {
        first.s = ThunkState.Fresh;
      }
      stk.length -= n;
    }
  }
}
