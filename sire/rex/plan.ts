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
  cow,
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

/** The arity of the constructor law of a Rex shape (its fields plus one). */
export function rexKindArity(k: RexKind): number {
  return k === "EMBD" ? 2 : k === "WORD" || k === "TEXT" || k === "LINE" ? 3 : 4;
}

/** The constructor pin of each shape (one shared pin per shape). */
export const REX_CONSTRUCTORS: Readonly<Record<RexKind, Pin>> = Object.freeze(
  Object.fromEntries(
    KINDS.map((k) => [k, new Pin(new Law(natFromText("##" + k), rexKindArity(k), 0))]),
  ) as Record<RexKind, Pin>,
);

/** Shape by constructor-law name (a nat). */
const KIND_BY_NAME = new Map<Nat, RexKind>(
  KINDS.map((k) => [natFromText("##" + k), k]),
);

/**
 * The Rex shape whose constructor is `law` (name `##KIND`, the shape's
 * arity, body 0), or undefined.
 */
export function rexKindOfLaw(law: Law): RexKind | undefined {
  const k = KIND_BY_NAME.get(law.name);
  return k !== undefined && law.body === 0 && law.arity === rexKindArity(k)
    ? k
    : undefined;
}

/** Builds the PLAN row `[xs…]` (the empty row is the bare law `{0 1 0}`). */
export function planRow(xs: readonly Val[]): Val {
  const k = xs.length;
  if (k === 0) return cow(0);
  const args = new Array<Val>(k);
  let nf = true;
  for (let i = 0; i < k; i++) {
    const x = xs[k - 1 - i];
    args[i] = x;
    if (nf && !isNf(x)) nf = false;
  }
  const c = new Clo(cow(k), args, 1);
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
 * Encodes a Rex tree as a PLAN value. Positions are dropped.
 * Iterative; shared subtrees are encoded once.
 *
 * @throws {RexError} if the tree is cyclic
 */
export function rexToPlan(root: Rex): Val {
  const memo = new Map<Rex, Val | null>(); // null while the node is open
  const stack: Rex[] = [root];
  const leaving: boolean[] = [false];
  const enter = (x: Rex) => {
    const m = memo.get(x);
    if (m === undefined || m === null) {
      stack.push(x);
      leaving.push(false);
    }
  };
  while (stack.length > 0) {
    const r = stack.pop()!;
    if (!leaving.pop()) {
      const m = memo.get(r);
      if (m === null) throw new RexError("cannot encode a cyclic rex tree");
      if (m !== undefined) continue;
      if (r.kind !== "EMBD" && (r.heir !== null || ("sons" in r && r.sons.length > 0))) {
        memo.set(r, null);
        stack.push(r);
        leaving.push(true);
        if (r.heir !== null) enter(r.heir);
        if ("sons" in r) {
          for (let i = r.sons.length - 1; i >= 0; i--) enter(r.sons[i]);
        }
        continue;
      }
    }
    let v: Val;
    if (r.kind === "EMBD") {
      v = apply("EMBD", [r.value]);
    } else {
      const heir = r.heir === null ? 0 : memo.get(r.heir)!;
      if ("sons" in r) {
        const sons = r.sons;
        const vals = new Array<Val>(sons.length);
        for (let i = 0; i < sons.length; i++) vals[i] = memo.get(sons[i])!;
        v = apply(r.kind, [textNat(r.rune), planRow(vals), heir]);
      } else {
        v = apply(r.kind, [textNat(r.text), heir]);
      }
    }
    memo.set(r, v);
  }
  return memo.get(root)!;
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
  if (k === undefined || law.arity !== rexKindArity(k) || v.args.length !== law.ar - 1) {
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
  // While a value's children are being decoded, `open` holds its fields.
  type Open = { kind: RexKind; str: string; kids: Val[]; heir: Val };
  const memo = new Map<Val, Rex | Open>();
  const root = deref(v);
  const stack: Val[] = [root];
  const leaving: boolean[] = [false];
  const ready = (x: Val) => {
    const m = memo.get(x);
    return m !== undefined && !("kids" in m);
  };
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (!leaving.pop()) {
      const m = memo.get(x);
      if (m !== undefined) {
        if ("kids" in m) throw malformed("cyclic value");
        continue;
      }
      const kind = shapeOf(x);
      if (kind === null) throw malformed(describe(x));
      const args = (x as Clo).args;
      if (kind === "EMBD") {
        memo.set(x, { kind: "EMBD", value: deref(args[0]) } as Embd);
        continue;
      }
      const nodeLike = args.length === 3;
      const str = deref(args[0]);
      if (typeof str === "object") throw malformed(`${kind} with a non-nat text`);
      const kids = nodeLike ? rowItems(deref(args[1])) : [];
      if (kids === null) throw malformed(`${kind} whose sons are not a row`);
      const heir = deref(args[nodeLike ? 2 : 1]);
      memo.set(x, { kind, str: natText(str), kids, heir });
      stack.push(x);
      leaving.push(true);
      if (heir !== 0 && !ready(heir)) {
        stack.push(heir);
        leaving.push(false);
      }
      for (let i = kids.length - 1; i >= 0; i--) {
        if (!ready(kids[i])) {
          stack.push(kids[i]);
          leaving.push(false);
        }
      }
      continue;
    }
    const s = memo.get(x) as Open;
    const heir = s.heir === 0 ? null : memo.get(s.heir) as Rex;
    let r: Rex;
    if (s.kind === "WORD" || s.kind === "TEXT" || s.kind === "LINE") {
      r = { kind: s.kind as LeafKind, text: s.str, heir } as Leaf;
    } else {
      const sons = new Array<Rex>(s.kids.length);
      for (let i = 0; i < sons.length; i++) sons[i] = memo.get(s.kids[i]) as Rex;
      r = { kind: s.kind as NodeKind, rune: s.str, sons, heir } as Node;
    }
    memo.set(x, r);
  }
  return memo.get(root) as Rex;
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
