/**
 * Conversion between Rex trees and their PLAN encoding (the form macros see).
 *
 * Each shape has a constructor: a pin of the law `{##SHAPE arity 0}` (arity 2
 * for EMBD, 3 for leaves, 4 for nodes). A tree is its constructor applied to
 * one argument fewer than the arity:
 *
 * - node  `(<{##OPEN 4 0}> rune sons heir)`, `sons` a row of trees;
 * - leaf  `(<{##WORD 3 0}> text heir)`;
 * - embed `(<{##EMBD 2 0}> value)`.
 *
 * Texts and runes are nats (UTF-8 bytes, little-endian); a missing heir is 0.
 * A row `[x0 … xk-1]` is the law `{0 k+1 0}` applied to `x(k-1) … x0`.
 *
 * Both directions are iterative (safe on trees of any depth) and preserve
 * sharing: a subtree or value reached twice is converted once.
 *
 * @module
 */

import {
  CLO,
  Clo,
  deref,
  LAW,
  Law,
  type Nat,
  natBytes,
  natFromText,
  PIN,
  Pin,
  type Val,
} from "../../runtime/plan/value.ts";
import { RexError } from "./errors.ts";
import type { Embd, Leaf, LeafKind, Node, NodeKind, Rex, RexKind } from "./tree.ts";

const KINDS: RexKind[] = [
  "EMBD",
  "WORD",
  "TEXT",
  "LINE",
  "OPEN",
  "NEST",
  "INFX",
  "PREF",
  "SHUT",
];

function arityFor(k: RexKind): number {
  return k === "EMBD" ? 2 : k === "WORD" || k === "TEXT" || k === "LINE" ? 3 : 4;
}

/** The constructor pin of each shape (one shared pin per shape). */
export const REX_CONSTRUCTORS: Readonly<Record<RexKind, Pin>> = Object.freeze(
  Object.fromEntries(
    KINDS.map((k) => [k, new Pin(new Law(natFromText("##" + k), arityFor(k), 0))]),
  ) as Record<RexKind, Pin>,
);

/** Shape by constructor-law name (a nat). */
const KIND_BY_NAME = new Map<Nat, RexKind>(
  KINDS.map((k) => [natFromText("##" + k), k]),
);

const ROW_LAWS: Law[] = [];

/** The law `{0 n 0}` that makes rows of length `n - 1` (shared). */
function rowLaw(n: number): Law {
  if (n < 64) return ROW_LAWS[n] ??= new Law(0, n, 0);
  return new Law(0, n, 0);
}

/** Builds the PLAN row `[xs…]` (the empty row is the bare law `{0 1 0}`). */
export function planRow(xs: readonly Val[]): Val {
  const k = xs.length;
  if (k === 0) return rowLaw(1);
  const args = new Array<Val>(k);
  let nf = true;
  for (let i = 0; i < k; i++) {
    const x = xs[k - 1 - i];
    args[i] = x;
    if (nf && !isNf(x)) nf = false;
  }
  const c = new Clo(rowLaw(k + 1), args, 1);
  c.nf = nf;
  return c;
}

function isNf(v: Val): boolean {
  if (typeof v !== "object") return true;
  if (v.t === PIN || v.t === LAW) return true;
  if (v.t === CLO) return v.nf;
  return false;
}

const TEXT_NATS = new Map<string, Nat>();

function textNat(s: string): Nat {
  if (s.length > 16) return natFromText(s);
  let n = TEXT_NATS.get(s);
  if (n === undefined) {
    n = natFromText(s);
    if (TEXT_NATS.size < 4096) TEXT_NATS.set(s, n);
  }
  return n;
}

function apply(kind: RexKind, args: Val[]): Clo {
  const c = new Clo(REX_CONSTRUCTORS[kind], args, 1);
  let nf = true;
  for (const a of args) if (!isNf(a)) nf = false;
  c.nf = nf;
  return c;
}

/**
 * Visits every node reachable from `root` once, children before parents,
 * without recursion. `expand` returns a node's children; `visit` builds it.
 * Throws `onCycle()` if a node is reachable from itself.
 */
function postOrder<T>(
  root: T,
  expand: (x: T) => T[],
  visit: (x: T) => void,
  onCycle: () => Error,
): void {
  const state = new Map<T, boolean>(); // false = in progress, true = done
  const nodes: T[] = [root];
  const expanded: boolean[] = [false];
  while (nodes.length > 0) {
    const x = nodes.pop()!;
    if (expanded.pop()) {
      visit(x);
      state.set(x, true);
      continue;
    }
    const st = state.get(x);
    if (st === true) continue;
    if (st === false) throw onCycle();
    state.set(x, false);
    nodes.push(x);
    expanded.push(true);
    const kids = expand(x);
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i];
      if (state.get(k) !== true) {
        nodes.push(k);
        expanded.push(false);
      }
    }
  }
}

/**
 * Encodes a Rex tree as a PLAN value. Positions are dropped.
 * Iterative; shared subtrees are encoded once.
 *
 * @throws {RexError} if the tree is cyclic
 */
export function rexToPlan(root: Rex): Val {
  const done = new Map<Rex, Val>();
  postOrder<Rex>(
    root,
    (r) => {
      if (r.kind === "EMBD") return [];
      const kids = "sons" in r ? r.sons.slice() : [];
      if (r.heir) kids.push(r.heir);
      return kids;
    },
    (r) => {
      let v: Val;
      if (r.kind === "EMBD") {
        v = apply("EMBD", [r.value]);
      } else {
        const heir = r.heir ? done.get(r.heir)! : 0;
        if ("sons" in r) {
          const sons = r.sons.map((s) => done.get(s)!);
          v = apply(r.kind, [textNat(r.rune), planRow(sons), heir]);
        } else {
          v = apply(r.kind, [textNat(r.text), heir]);
        }
      }
      done.set(r, v);
    },
    () => new RexError("cannot encode a cyclic rex tree"),
  );
  return done.get(root)!;
}

const DECODER = new TextDecoder();

function natText(n: Nat): string {
  if (n === 0) return "";
  if (typeof n === "number" && n < 0x80) return String.fromCharCode(n);
  return DECODER.decode(natBytes(n));
}

function malformed(why: string): RexError {
  return new RexError("malformed rex: " + why);
}

/** Which shape `v` (already dereferenced) is a constructor application of, if any. */
function shapeOf(v: Val): RexKind | null {
  if (typeof v !== "object" || v.t !== CLO || v.ar !== 1) return null;
  const h = v.head;
  if (typeof h !== "object" || h.t !== PIN) return null;
  const law = h.item;
  if (typeof law !== "object" || law.t !== LAW || law.body !== 0) return null;
  const k = KIND_BY_NAME.get(law.name);
  if (k === undefined || law.arity !== arityFor(k) || v.args.length !== law.ar - 1) {
    return null;
  }
  return k;
}

/** The elements of a PLAN row, dereferenced, or null if `v` is not a row. */
function rowItems(v: Val): Val[] | null {
  if (typeof v !== "object") return null;
  if (v.t === LAW) {
    return v.name === 0 && v.arity === 1 && v.body === 0 ? [] : null;
  }
  if (v.t !== CLO || v.ar !== 1) return null;
  const h = v.head;
  if (typeof h !== "object" || h.t !== LAW || h.name !== 0 || h.body !== 0) return null;
  const k = v.args.length;
  if (h.arity !== k + 1) return null;
  const out = new Array<Val>(k);
  for (let i = 0; i < k; i++) out[i] = deref(v.args[k - 1 - i]);
  return out;
}

/**
 * Decodes a PLAN value into a Rex tree. Every value read is passed through
 * `deref`; the caller must pass a forced value (unevaluated parts are
 * rejected). Iterative; shared values decode to shared subtrees.
 *
 * @throws {RexError} `malformed rex: …` if `v` is not a valid encoding
 */
export function planToRex(v: Val): Rex {
  type Shallow = { kind: RexKind; str: string; kids: Val[]; heir: Val; value: Val };
  const info = new Map<Val, Shallow>();
  const done = new Map<Val, Rex>();
  postOrder<Val>(
    deref(v),
    (x) => {
      const kind = shapeOf(x);
      if (kind === null) throw malformed(describe(x));
      const args = (x as Clo).args;
      if (kind === "EMBD") {
        info.set(x, { kind, str: "", kids: [], heir: 0, value: deref(args[0]) });
        return [];
      }
      const nodeLike = args.length === 3;
      const str = deref(args[0]);
      if (typeof str === "object") throw malformed(`${kind} with a non-nat text`);
      const kids = nodeLike ? rowItems(deref(args[1])) : [];
      if (kids === null) throw malformed(`${kind} whose sons are not a row`);
      const heir = deref(args[nodeLike ? 2 : 1]);
      info.set(x, { kind, str: natText(str), kids, heir, value: 0 });
      return heir === 0 ? kids : kids.concat([heir]);
    },
    (x) => {
      const s = info.get(x)!;
      let r: Rex;
      if (s.kind === "EMBD") {
        r = { kind: "EMBD", value: s.value } as Embd;
      } else {
        const heir = s.heir === 0 ? null : done.get(s.heir)!;
        if (s.kind === "WORD" || s.kind === "TEXT" || s.kind === "LINE") {
          r = { kind: s.kind as LeafKind, text: s.str, heir } as Leaf;
        } else {
          r = {
            kind: s.kind as NodeKind,
            rune: s.str,
            sons: s.kids.map((k) => done.get(k)!),
            heir,
          } as Node;
        }
      }
      done.set(x, r);
    },
    () => malformed("cyclic value"),
  );
  return done.get(deref(v))!;
}

function describe(x: Val): string {
  if (typeof x !== "object") return `nat ${x} is not a rex`;
  switch (x.t) {
    case PIN:
      return "a pin is not a rex";
    case LAW:
      return "a law is not a rex";
    case CLO:
      return "closure is not a rex constructor application";
    default:
      return "unevaluated value (force it first)";
  }
}
