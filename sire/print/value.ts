/**
 * The value printer: renders PLAN values in Sire notation (the "Loot" style
 * of the reference implementation) for the REPL, `=?=` failures and traces.
 *
 * A value is turned into a Rex tree of closed forms, then printed with the
 * Rex printer, so the output reads back as the same tree:
 *
 * | value | printed as |
 * |---|---|
 * | nat | `42`, `%abc` (all letters), `{some text}` (other printable ASCII ≥ 256) |
 * | row | `[a b c]`, `[]` |
 * | tab | `#[k=v …]`, `#[]` |
 * | set | `%[a b]` |
 * | bar | `b#name`, `b#{text}`, `x#0aff` |
 * | cow | `C3` |
 * | closure | `(f x y)`, or `f-x` when every part is a word |
 * | law | `(f a b ? body)`, or `(a b & body)` when unnamed |
 * | pin | the law's name (`_1`, `_2` … for different pins of one name), else `(PIN x)` |
 * | Rex node | quoted Rex, `'(f x)` |
 *
 * Law bodies are printed as their PLAN law-body expression: arguments and
 * let-bound slots by generated names (`a`, `b`, …), `(0 f x)` as `(f x)`,
 * `(2 k)` as the constant `k`, and a top-level `(1 v b)` chain as `(@ x v …)`.
 *
 * Everything is iterative (values of any depth are safe), and the output is
 * capped at `maxChars` characters: a value whose printed form is longer (for
 * example a shared DAG, whose tree form can be exponentially large) is cut
 * and ends in `…`. The work done is proportional to the cap, not the value.
 *
 * @module
 */

import {
  CLO,
  type Clo,
  deref,
  LAW,
  type Law,
  type Nat,
  natBytes,
  PIN,
  type Pin,
  THUNK,
  ThunkState,
  type Val,
} from "../../runtime/plan/value.ts";
import {
  barBytes,
  cowSizeNat,
  rowItems,
  setKeys,
  setSize,
  tabKeySet,
  tabSize,
  tabValues,
} from "../../runtime/plan/shapes.ts";
import {
  infx,
  isLeafKind,
  isNodeKind,
  nest,
  pref,
  printRex,
  type Rex,
  type RexKind,
  shut,
  text,
  word,
} from "../rex/mod.ts";

/** Options for {@linkcode showValue}. */
export interface ShowValueOptions {
  /**
   * Stop after this many characters and end the output with `…`
   * (default 100,000). The printer's work is bounded by this cap.
   */
  maxChars?: number;
  /**
   * Target line width, passed to the Rex printer (default 80). Values are
   * built from closed forms only, so they currently print on one line.
   */
  width?: number;
}

/** Default output cap of {@linkcode showValue}. */
export const DEFAULT_MAX_CHARS = 100_000;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME = /^[A-Za-z0-9_]+$/;
const ALPHA = /^[A-Za-z]+$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
/** Printable text for `b#{…}`: no control characters, no whitespace but space. */
const CURL_OK = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u;
const FILLER = "etc";
const DECODER = new TextDecoder("utf-8", { fatal: true });
const RUNE = /^[$!#%&*+,\-./:<=>?@\\^`'|~]+$/;

/** The text of a nat if its bytes are valid UTF-8 (never for 0), else null. */
function natText(n: Nat): string | null {
  if (n === 0) return null;
  if (typeof n === "bigint" && n >= 1n << 8192n) return null;
  try {
    return DECODER.decode(natBytes(n));
  } catch {
    return null;
  }
}

/** True if `s` can be printed as a `{…}` text (balanced braces). */
function curlOk(s: string): boolean {
  let d = 0;
  for (const c of s) {
    if (c === "{") d++;
    else if (c === "}" && --d < 0) return false;
  }
  return d === 0;
}

/** The Rex form of a nat, following the reference printer's choices. */
function natRex(n: Nat): Rex {
  const s = natText(n);
  if (s === null || !PRINTABLE.test(s)) return word(n.toString());
  if (ALPHA.test(s)) return pref("%", word(s));
  if (typeof n === "number" && n < 256) return word(n.toString());
  return text(s);
}

/** The Rex form of a nat used as a tab or set key: a bare word if it is a name. */
function keyRex(n: Nat): Rex {
  const s = natText(n);
  return s !== null && IDENT.test(s) ? word(s) : natRex(n);
}

/** The Rex form of a bar's bytes. */
function barRex(bytes: Uint8Array): Rex {
  let s: string | null = null;
  try {
    s = DECODER.decode(bytes);
  } catch {
    s = null;
  }
  if (s !== null && s.length > 0 && s.length < 40 && NAME.test(s)) {
    return shut("#", [word("b"), word(s)]);
  }
  if (s !== null && CURL_OK.test(s) && curlOk(s)) {
    return shut("#", [word("b"), text(s)]);
  }
  let hex = "";
  for (const b of bytes) hex += (b < 16 ? "0" : "") + b.toString(16);
  return shut("#", [word("x"), word(hex)]);
}

/** Printable text for a quoted Rex text leaf (no control characters). */
const TEXT_OK = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u;

/**
 * The law names of pins in `v` (looking at no more than `limit` nodes and
 * not inside pins), so generated variable names can avoid them.
 */
function pinNamesIn(v: Val, limit: number): Set<string> {
  const out = new Set<string>();
  const seen = new Set<object>();
  const todo: Val[] = [v];
  while (todo.length > 0 && limit-- > 0) {
    const x = deref(todo.pop()!);
    if (typeof x !== "object" || seen.has(x)) continue;
    seen.add(x);
    if (x.t === PIN) {
      const it = deref(x.item);
      if (typeof it === "object" && it.t === LAW) {
        const s = natText(it.name);
        if (s !== null && IDENT.test(s)) out.add(s);
      }
    } else if (x.t === CLO) {
      todo.push(x.head, ...x.args);
    }
  }
  return out;
}

/** Names for generated variables: a … z, then a1 … z1, a2 …. */
function varName(i: number): string {
  const c = String.fromCharCode(97 + (i % 26));
  const k = Math.floor(i / 26);
  return k === 0 ? c : c + k;
}

/** The Rex node kind a value encodes as its constructor, if any. */
function rexKindOf(v: Clo): string | null {
  const h = v.head;
  if (typeof h !== "object" || h.t !== PIN) return null;
  const law = deref(h.item);
  if (typeof law !== "object" || law.t !== LAW || deref(law.body) !== 0) return null;
  const s = natText(law.name);
  if (s === null || !s.startsWith("##")) return null;
  const k = s.slice(2);
  const kind = k as RexKind;
  if (kind !== "EMBD" && !isLeafKind(kind) && !isNodeKind(kind)) return null;
  const ar = kind === "EMBD" ? 2 : isLeafKind(kind) ? 3 : 4;
  return law.ar === ar && v.args.length === ar - 1 ? k : null;
}

type Slot = { out: Rex[]; i: number };
type Task =
  | { k: 0; v: Val; s: Slot } // a value
  | { k: 1; v: Val; s: Slot; law: LawCtx } // a law-body expression
  | { k: 2; v: Val; s: Slot } // a quoted Rex tree (PLAN encoding)
  | { k: 3; f: () => void }; // a finisher, run once the sons are built

interface LawCtx {
  /** Names of slots 0 … maxRef. */
  names: string[];
}

/** Builds the Rex tree of a value, spending at most about `budget` characters. */
class Builder {
  private used = 0;
  private readonly todo: Task[] = [];
  truncated = false;

  /** Printed names of the pins met so far. */
  private readonly pins = new Map<Pin, string>();
  /** How many distinct pins of each law name were met so far. */
  private readonly nameCount = new Map<string, number>();

  constructor(private readonly budget: number) {}

  /**
   * The name a pin prints as: its law's name, with `_1`, `_2` … for the
   * second, third … distinct pin of that name; null if not a named law.
   */
  private pinName(p: Pin): string | null {
    const known = this.pins.get(p);
    if (known !== undefined) return known;
    const it = deref(p.item);
    if (typeof it !== "object" || it.t !== LAW) return null;
    const s = natText(it.name);
    if (s === null || !IDENT.test(s)) return null;
    const k = this.nameCount.get(s) ?? 0;
    this.nameCount.set(s, k + 1);
    const name = k === 0 ? s : `${s}_${k}`;
    this.pins.set(p, name);
    return name;
  }

  build(v: Val): Rex {
    const root: Rex[] = [word(FILLER)];
    this.todo.push({ k: 0, v, s: { out: root, i: 0 } });
    while (this.todo.length > 0) {
      const t = this.todo.pop()!;
      if (t.k === 3) {
        t.f();
        continue;
      }
      if (this.used > this.budget) {
        this.truncated = true;
        continue; // slot keeps its filler
      }
      this.used += 1;
      if (t.k === 0) this.value(t.v, t.s);
      else if (t.k === 1) this.body(t.v, t.s, t.law);
      else this.rex(t.v, t.s);
    }
    return root[0];
  }

  private put(s: Slot, r: Rex): void {
    if ("text" in r) this.used += r.text.length;
    s.out[s.i] = r;
  }

  /** Pushes tasks building `vals` into a fresh son array (in order). */
  private sons(vals: readonly Val[], mk: (v: Val, s: Slot) => Task): Rex[] {
    const out: Rex[] = vals.map(() => word(FILLER));
    for (let i = vals.length - 1; i >= 0; i--) this.todo.push(mk(vals[i], { out, i }));
    return out;
  }

  private valSons(vals: readonly Val[]): Rex[] {
    return this.sons(vals, (v, s) => ({ k: 0, v, s }));
  }

  /**
   * An application: `(f x y)`, or `f-x-y` when every part is a plain word.
   * `mk` pushes the tasks building the parts; the check runs after them.
   */
  private app(s: Slot, mk: () => Rex[]): void {
    let parts: Rex[] = [];
    this.todo.push({
      k: 3,
      f: () => {
        if (
          parts.length > 1 && parts.every((p) => p.kind === "WORD" && p.heir === null)
        ) {
          s.out[s.i] = shut("-", parts);
        }
      },
    });
    parts = mk();
    this.put(s, nest("|", parts));
  }

  private value(v0: Val, s: Slot, quote = true): void {
    const v = deref(v0);
    if (typeof v !== "object") return this.put(s, natRex(v));
    switch (v.t) {
      case PIN: {
        const name = this.pinName(v);
        if (name !== null) return this.put(s, word(name));
        const parts = [word("PIN"), word(FILLER)];
        this.todo.push({ k: 0, v: v.item, s: { out: parts, i: 1 } });
        return this.put(s, nest("|", parts));
      }
      case LAW:
        return this.law(v, s);
      case CLO:
        return this.closure(v, s, quote);
      case THUNK: {
        if (v.s !== ThunkState.Fresh) return this.put(s, word("_HOLE_"));
        const args: Val[] = [];
        let f: Val = v;
        while (typeof f === "object" && f.t === THUNK && f.s === ThunkState.Fresh) {
          args.push(f.x);
          f = deref(f.f);
        }
        args.push(f);
        args.reverse();
        return this.app(s, () => this.valSons(args));
      }
    }
  }

  private closure(v: Clo, s: Slot, quote: boolean): void {
    const items = rowItems(v);
    if (items !== null) return this.put(s, nest(",", this.valSons(items)));
    if (tabSize(v) >= 0) return this.tab(v, s);
    const kind = quote ? rexKindOf(v) : null;
    if (kind !== null && (kind === "EMBD" || rexFields(v, kind) !== null)) {
      const out = [word(FILLER)];
      this.todo.push({ k: 3, f: () => s.out[s.i] = pref("'", out[0]) });
      this.todo.push({ k: 2, v, s: { out, i: 0 } });
      this.put(s, pref("'", out[0]));
      return;
    }
    this.app(s, () => this.valSons([v.head, ...v.args]));
  }

  private tab(v: Val, s: Slot): void {
    const keys = rowItems(setKeys(tabKeySet(v)))!;
    const vals = rowItems(tabValues(v))!;
    if (keys.length === 0) return this.put(s, pref("#", nest(",", [])));
    const pairs: Rex[] = [];
    for (let i = 0; i < keys.length; i++) {
      const kv = [word(FILLER), word(FILLER)];
      pairs.push(shut("=", kv));
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const kv = (pairs[i] as { sons: Rex[] }).sons;
      this.todo.push({ k: 0, v: vals[i], s: { out: kv, i: 1 } });
      this.keyTask(keys[i], { out: kv, i: 0 });
    }
    this.put(s, pref("#", nest(",", pairs)));
  }

  private keyTask(k: Val, s: Slot): void {
    const d = deref(k);
    if (typeof d !== "object") {
      this.used += 1;
      this.put(s, keyRex(d));
    } else this.todo.push({ k: 0, v: d, s });
  }

  private law(v: Law, s: Slot): void {
    const cs = cowSizeNat(v);
    if (cs !== -1) return this.put(s, word("C" + cs.toString()));
    if (rowItems(v) !== null) return this.put(s, nest(",", []));
    const bytes = barBytes(v);
    if (bytes !== null) return this.put(s, barRex(bytes));
    if (setSize(v) >= 0) {
      const keys = rowItems(setKeys(v))!;
      const out: Rex[] = keys.map(() => word(FILLER));
      for (let i = keys.length - 1; i >= 0; i--) this.keyTask(keys[i], { out, i });
      return this.put(s, pref("%", nest(",", out)));
    }
    if (v.ar > 10_000) {
      // Absurd arities: show the raw law.
      const parts = [word("LAW"), natRex(v.name), word(v.arity.toString()), word(FILLER)];
      this.todo.push({ k: 0, v: v.body, s: { out: parts, i: 3 } });
      return this.put(s, nest("|", parts));
    }
    // Top-level let chain.
    const lets: Val[] = [];
    let body = deref(v.body);
    while (
      typeof body === "object" && body.t === CLO && body.head === 1 &&
      body.args.length === 2
    ) {
      lets.push(body.args[0]);
      body = deref(body.args[1]);
    }
    const taken = new Set(this.pins.values());
    for (const n of pinNamesIn(v.body, 4096)) taken.add(n);
    const self = natText(v.name);
    const named = self !== null && IDENT.test(self);
    const names: string[] = [named ? self : "_self"];
    taken.add(names[0]);
    for (let i = 0; names.length <= v.ar + lets.length; i++) {
      const n = varName(i);
      if (!taken.has(n)) names.push(n);
    }
    const ctx: LawCtx = { names };
    const args = names.slice(1, v.ar + 1).map((n) => word(n));
    // Body: `(@ x v (@ y w … body))` for lets.
    const top = [word(FILLER)];
    let slot: Slot = { out: top, i: 0 };
    const tasks: Task[] = [];
    for (let j = 0; j < lets.length; j++) {
      const at = [word(names[v.ar + 1 + j]), word(FILLER), word(FILLER)];
      slot.out[slot.i] = nest("@", at);
      tasks.push({ k: 1, v: lets[j], s: { out: at, i: 1 }, law: ctx });
      slot = { out: at, i: 2 };
    }
    tasks.push({ k: 1, v: body, s: slot, law: ctx });
    const sons: Rex[] = [word(FILLER), top[0]];
    this.todo.push({ k: 3, f: () => sons[1] = top[0] });
    for (let j = tasks.length - 1; j >= 0; j--) this.todo.push(tasks[j]);
    let sig: Rex;
    let rune: string;
    if (named) {
      sig = nest("|", [word(self!), ...args]);
      rune = "?";
    } else {
      sig = args.length === 1 ? args[0] : nest("|", args);
      rune = "&";
    }
    sons[0] = sig;
    this.put(s, infx(rune, sons));
  }

  private body(v0: Val, s: Slot, law: LawCtx): void {
    const v = deref(v0);
    if (typeof v === "number" && v < law.names.length) {
      return this.put(s, word(law.names[v]));
    }
    if (typeof v === "object" && v.t === CLO && v.head === 0 && v.args.length === 2) {
      // Flatten `(0 (0 f x) y)` into `(f x y)`.
      const parts: Val[] = [v.args[1]];
      let f = deref(v.args[0]);
      while (
        typeof f === "object" && f.t === CLO && f.head === 0 && f.args.length === 2
      ) {
        parts.push(f.args[1]);
        f = deref(f.args[0]);
      }
      parts.push(f);
      parts.reverse();
      return this.app(s, () => this.sons(parts, (x, sl) => ({ k: 1, v: x, s: sl, law })));
    }
    if (typeof v === "object" && v.t === CLO && v.head === 2 && v.args.length === 1) {
      return this.value(v.args[0], s);
    }
    this.value(v, s);
  }

  /** A Rex tree in its PLAN encoding; falls back to value printing where malformed. */
  private rex(v0: Val, s: Slot): void {
    const v = deref(v0);
    const kind = typeof v === "object" && v.t === CLO ? rexKindOf(v) : null;
    if (kind === null || kind === "EMBD") {
      const x = kind === "EMBD" ? (v as Clo).args[0] : v;
      return this.value(x, s);
    }
    const n = rexFields(v as Clo, kind);
    if (n === null) return this.value(v, s, false);
    let r: Rex;
    if (n.sons === null) {
      r = kind === "WORD" && NAME.test(n.str) ? word(n.str) : text(n.str);
    } else {
      // OPEN forms are printed as closed (NEST) forms, as the reference does.
      const k = kind === "OPEN" ? "NEST" : kind as "NEST";
      r = { kind: k, rune: n.str, sons: [], heir: null };
    }
    this.put(s, r);
    if (n.heir !== 0) {
      const hv = [word(FILLER)];
      this.todo.push({ k: 3, f: () => (r as { heir: Rex | null }).heir = hv[0] });
      this.todo.push({ k: 2, v: n.heir, s: { out: hv, i: 0 } });
    }
    if (n.sons !== null) {
      (r as { sons: Rex[] }).sons = this.sons(n.sons, (x, sl) => ({ k: 2, v: x, s: sl }));
    }
  }
}

/** The fields of a Rex node or leaf (not an embed), or null if they are malformed. */
function rexFields(
  v: Clo,
  kind: string,
): { str: string; sons: Val[] | null; heir: Val } | null {
  const a = v.args.map(deref);
  const str = typeof a[0] !== "object" ? (a[0] === 0 ? "" : natText(a[0])) : null;
  const heir = a[a.length - 1];
  if (str === null) return null;
  if (kind === "WORD" || kind === "TEXT" || kind === "LINE") {
    if (kind === "WORD" && NAME.test(str)) return { str, sons: null, heir };
    return TEXT_OK.test(str) ? { str, sons: null, heir } : null;
  }
  const sons = rowItems(a[1]);
  if (!RUNE.test(str) || sons === null) return null;
  const k = sons.length;
  if ((kind === "INFX" || kind === "SHUT") && k < 2 || kind === "PREF" && k !== 1) {
    return null;
  }
  return { str, sons, heir };
}

/**
 * Renders a PLAN value in Sire notation (see the module documentation for
 * the forms). Evaluated thunks are followed; unevaluated applications print
 * as applications. Never recurses on the value's depth, and stops after
 * `opts.maxChars` characters (default {@linkcode DEFAULT_MAX_CHARS}),
 * ending a cut output with `…`.
 *
 * @example
 * ```ts
 * showValue(makeRow([1, natFromText("abc")])); // "[1 %abc]"
 * ```
 */
export function showValue(v: Val, opts: ShowValueOptions = {}): string {
  const max = Math.max(1, Math.floor(opts.maxChars ?? DEFAULT_MAX_CHARS));
  const b = new Builder(max + 16);
  const tree = b.build(v);
  let out: string;
  try {
    out = printRex(tree, { width: opts.width ?? 80 });
  } catch {
    // Not expected (every form built is printable); never fail a report.
    out = printRex(tree, { width: opts.width ?? 80, lossy: true });
  }
  if (out.endsWith("\n")) out = out.slice(0, -1);
  if (b.truncated || out.length > max) {
    return out.slice(0, max) + "…";
  }
  return out;
}
