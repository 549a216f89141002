/**
 * Jets for the named PLAN primitives (upstream `sire_01_fan`, `parallel`):
 * `_Force _Seq _IsPin _IsLaw _IsApp _IsNat _PlanTag _PinItem _LawName
 * _LawArgs _LawBody _Car _Cdr _Eqz par pseq`.
 *
 * Each one forces its argument to weak head normal form and looks at it the
 * way opcode 1 does (`_Force` normalises). `_Car` and `_Cdr` take data jets
 * apart exactly as their PLAN forms: a closure splits into its function part
 * and last argument, a law into `(0 name arity)` and its body, a pin into 4
 * and its item.
 *
 * @module
 */

import type { Jet } from "../plan/jet.ts";
import { CLO, Clo, LAW, type Law, PIN, type Pin, type Val } from "../plan/value.ts";
import { jet } from "./define.ts";

/** The function part of a value in WHNF, as opcode 1 splits it. */
export function car(v: Val): Val {
  if (typeof v !== "object") return 0;
  switch (v.t) {
    case PIN:
      return 4;
    case LAW: {
      const c = new Clo(0, [(v as Law).name, (v as Law).arity], 1);
      c.nf = true;
      return c;
    }
    case CLO: {
      const c = v as Clo, k = c.args.length;
      if (k === 1) return c.head;
      const init = new Clo(c.head, c.args.slice(0, k - 1), c.ar + 1);
      init.nf = c.nf;
      return init;
    }
  }
  return 0;
}

/** The last part of a value in WHNF, as opcode 1 splits it (may be a thunk). */
export function cdr(v: Val): Val {
  if (typeof v !== "object") return 0;
  switch (v.t) {
    case PIN:
      return (v as Pin).item;
    case LAW:
      return (v as Law).body;
    case CLO: {
      const args = (v as Clo).args;
      return args[args.length - 1];
    }
  }
  return 0;
}

/** Opcode 1's view of a value in WHNF: pin 0, law 1, app 2, nat 3. */
export function planTag(v: Val): number {
  return typeof v !== "object" ? 3 : v.t === PIN ? 0 : v.t === LAW ? 1 : 2;
}

function tagIs(name: string, tag: number): Jet {
  return jet(name, 1, "w", (a) => planTag(a[1]) === tag ? 1 : 0);
}

function lawPart(name: string, part: (l: Law) => Val): Jet {
  return jet(name, 1, "w", (a) => {
    const v = a[1];
    return typeof v === "object" && v.t === LAW ? part(v) : 0;
  });
}

/** The primitive jets. */
export const PRIM_JETS: readonly Jet[] = [
  jet("_Force", 1, "n", (a) => a[1]),
  jet("_Seq", 2, "w-", (a) => a[2]),
  tagIs("_IsPin", 0),
  tagIs("_IsLaw", 1),
  tagIs("_IsApp", 2),
  tagIs("_IsNat", 3),
  jet("_PlanTag", 1, "w", (a) => planTag(a[1])),
  jet("_PinItem", 1, "w", (a) => {
    const v = a[1];
    return typeof v === "object" && v.t === PIN ? v.item : 0;
  }),
  lawPart("_LawName", (l) => l.name),
  lawPart("_LawArgs", (l) => l.arity),
  lawPart("_LawBody", (l) => l.body),
  jet("_Car", 1, "w", (a) => car(a[1])),
  jet("_Cdr", 1, "w", (a) => cdr(a[1])),
  jet("_Eqz", 1, "w", (a) => a[1] === 0 ? 1 : 0),
  jet("par", 2, "--", (a) => a[2]),
  jet("pseq", 2, "w-", (a) => a[2]),
];
