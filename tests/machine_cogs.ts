/**
 * Hand-built PLAN cogs for the machine tests and benchmarks (no Sire).
 *
 * Law bodies are built as PLAN values with the helpers below: a nat `j` is
 * slot `j`, `lit(v)` a quoted constant `(2 v)`, `ap(f, x…)` applications
 * `(0 f x)`, `lets([v…], body)` a let chain `(1 v (1 … body))`.
 *
 * The counter cog's state is `[n hist]`: `n` counts ticks and `hist` is
 * the list `[input [input …]]` of every input row, newest first. Its one
 * pump loops: `[%time %when]` → `[%time %wait (d t)]` → `[0 %read 0]`
 * (the count `n`) → `[0 %write n]`; the cog answers each tick with the
 * output `[0 3 n']`, which the pump traces as `[%tick n']` before asking
 * the time again. So tick `k` always has the input row `[[0 k-1]]`.
 *
 * @module
 */

import { force, makePin } from "../runtime/plan/eval.ts";
import {
  apply,
  type Law,
  natFromText,
  type Pin,
  row,
  type Val,
} from "../runtime/plan/value.ts";
import { cow } from "../runtime/plan/value.ts";
import { rowItems } from "../runtime/plan/shapes.ts";
import { saveSeed } from "../runtime/seed/save.ts";
import { readPlan } from "../runtime/plan/text.ts";
import { installJets } from "../runtime/jets/match.ts";

installJets();

/** `%text` */
export const t = (s: string): Val => natFromText(s);

/** A quoted constant `(2 v)`. */
export function lit(v: Val): Val {
  return force(apply(2, v));
}

/** The body expression applying `f` to `xs`. */
export function ap(f: Val, ...xs: Val[]): Val {
  let e = f;
  for (const x of xs) e = force(apply(0, e, x));
  return e;
}

/** A let chain binding slots arity+1 … in order. */
export function lets(vs: Val[], body: Val): Val {
  let e = body;
  for (let i = vs.length - 1; i >= 0; i--) e = force(apply(1, vs[i], e));
  return e;
}

/** The body expression building the row of `items` (expressions). */
export function rowE(items: Val[]): Val {
  return ap(lit(cow(items.length)), ...[...items].reverse());
}

/** The pinned law `{name arity body}`. */
export function law(name: string, arity: number, body: Val): Pin {
  return makePin(force(apply(0, t(name), arity, body)) as Law);
}

/** `K a b = a` */
export const K: Pin = law("K", 2, 1);
/** `I a = a` */
export const I: Pin = law("I", 1, 1);
const FST = law("fst", 2, 1);
const SND = law("snd", 2, 2);

/** `last x`: the last applied argument of a closure (`idx 0`). */
export const LAST: Pin = law(
  "last",
  1,
  ap(lit(1), ap(lit(K), lit(0)), ap(lit(K), lit(0)), lit(SND), ap(lit(K), lit(0)), 1),
);
/** `init x`: a closure without its last argument. */
export const INIT: Pin = law(
  "init",
  1,
  ap(lit(1), ap(lit(K), lit(0)), ap(lit(K), lit(0)), lit(FST), ap(lit(K), lit(0)), 1),
);

const SEQ = "<{%_Seq 2 (0 (0 (0 (2 2) 2) (0 {0 2 1} 2)) 1)}>";
const FORCE = "<{%_Force 1 (0 (0 (2 (0 0 1)) (0 2 1)) (2 0))}>";
const DEEPSEQ = `<{%deepseq 2 (0 (0 ${SEQ} (0 ${FORCE} 1)) 2)}>`;
/** `trk x y`: the upstream `_Trace` law (jetted: logs `x`, returns `y`). */
export const TRK: Pin = force(readPlan(`<{%_Trace 2 (0 (0 ${DEEPSEQ} 1) 2)}>`)) as Pin;

const SW2 = law("sw2", 3, ap(lit(2), 1, ap(lit(K), 2), 3));
const SW3 = law("sw3", 4, ap(lit(2), 1, ap(lit(SW2), 2, 3), 4));

/** The counter cog's step function `step s r w i`. */
export const STEP: Pin = law(
  "step",
  4,
  lets(
    [
      ap(lit(3), ap(lit(LAST), 1)), // 5: n' = n + 1
      rowE([5, rowE([4, ap(lit(LAST), ap(lit(INIT), 1))])]), // 6: [n' [i hist]]
    ],
    rowE([ap(0, 6, 2, 3), rowE([rowE([lit(0), lit(3), 5])])]),
  ),
);

/** The counter cog's read function: the count. */
export const READ_COUNT: Pin = law("rd", 3, ap(lit(LAST), 1));

function req(key: number, effect: Val[]): Val {
  return rowE([rowE([lit(key), rowE(effect)])]);
}

/** The counter pump `pump d reqs k v` (see the module comment). */
export const PUMP: Pin = law(
  "pump",
  4,
  ap(
    lit(2),
    ap(0, 1, req(1, [lit(t("time")), lit(t("wait")), ap(1, 4)])), // 0: when → wait
    ap(
      lit(SW3),
      ap(0, 1, req(2, [lit(0), lit(t("read")), lit(0)])), // 1: woke → read
      ap(0, 1, req(9, [lit(0), lit(t("write")), 4])), // 2: count → write
      ap(
        lit(TRK),
        rowE([lit(t("tick")), 4]),
        ap(0, 1, req(0, [lit(t("time")), lit(t("when"))])),
      ), // 3: output → trace, ask the time
    ),
    3,
  ),
);

/**
 * The counter cog. `delay` is applied to the time before waiting: `I`
 * (no wait, tick as fast as the store commits) or `3` (one tick a second).
 */
export function counterCog(delay: Val = I): Val {
  const pump = force(apply(PUMP, delay, row([row([0, row([t("time"), t("when")])])])));
  return force(apply(STEP, row([0, 0]), READ_COUNT, row([row([1, pump])])));
}

/** The counter cog as seed bytes. */
export function counterSeed(delay: Val = I): Uint8Array {
  return saveSeed(counterCog(delay));
}

/** The counter state `[n hist]` of a cog: its count and its input rows, oldest first. */
export function counterOf(cog: Val): { n: number; inputs: Val[] } {
  const st = rowItems(idx(cog, 2))!;
  const inputs: Val[] = [];
  let h = st[1];
  while (h !== 0) {
    const cell = rowItems(h)!;
    inputs.push(cell[0]);
    h = cell[1];
  }
  return { n: st[0] as number, inputs: inputs.reverse() };
}

function idx(v: Val, i: number): Val {
  const a = (v as { args: Val[] }).args;
  return a[a.length - 1 - i];
}

const SWS: Pin[] = [];
/** `sw_k b1 … bk j`: `b(j+1)`, or `bk` past the end (for {@linkcode caseE}). */
function sw(k: number): Pin {
  if (SWS[k]) return SWS[k];
  const body = k === 1 ? 1 : ap(lit(2), 1, ap(lit(sw(k - 1)), ...range(2, k)), k + 1);
  return (SWS[k] = law(`sw${k}`, k + 1, body));
}

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}

/** `case x of 0 → bs[0], 1 → bs[1] …`, the last branch also for larger x. */
export function caseE(x: Val, bs: Val[]): Val {
  if (bs.length === 1) return bs[0];
  return ap(lit(2), bs[0], ap(lit(sw(bs.length - 1)), ...bs.slice(1)), x);
}

/** `spin x = spin x`: never returns. */
export const SPIN: Pin = law("spin", 1, ap(0, 1));

/** The script pump `sp reqs k v`: traces `[%got k v]` and lists no more requests. */
export const SCRIPT: Pin = law(
  "sp",
  3,
  ap(lit(TRK), rowE([lit(t("got")), 2, 3]), ap(0, lit(row([])))),
);

/** A script pump making the given requests `[key effect]` once. */
export function scriptPump(reqs: [number, Val[]][]): Val {
  return force(apply(SCRIPT, row(reqs.map(([k, e]) => row([k, row(e)])))));
}

/** A pump writing each of `cmds` once (request keys 0, 1, …). */
export function writer(cmds: Val[]): Val {
  return scriptPump(cmds.map((c, i) => [i, [0, t("write"), c]]));
}

/** Read function of the command cog: `rd s k q = [s k q]`. */
export const ECHO_READ: Pin = law("erd", 3, rowE([1, 2, 3]));

/**
 * The command cog `cc s r w i`. The first input's payload selects:
 * 0 count (`s+1`, output `[0 5 s+1]`), 1 crash (`%boom s`), 2 loop forever,
 * 3 finish (workers `[0]`), 4 replace the workers with `alt`, else no-op.
 */
export function commandCogLaw(alt: Val): Pin {
  return law(
    "cc",
    4,
    lets(
      [ap(lit(LAST), ap(lit(INIT), ap(lit(LAST), 4)))], // 5: first input's payload
      caseE(5, [
        rowE([ap(0, ap(lit(3), 1), 2, 3), rowE([rowE([lit(0), lit(5), ap(lit(3), 1)])])]),
        ap(lit(t("boom")), 1),
        ap(lit(SPIN), 1),
        rowE([ap(0, 1, 2, lit(row([0]))), lit(0)]),
        rowE([ap(0, 1, 2, lit(alt)), lit(0)]),
        rowE([ap(0, 1, 2, 3), lit(0)]),
      ]),
    ),
  );
}

/** A command cog with count 0, the given workers, and `alt` for command 4. */
export function commandCog(workers: Val[], alt: Val = row([])): Val {
  return force(
    apply(commandCogLaw(alt), 0, ECHO_READ, row(workers.map((p) => row([1, p])))),
  );
}
