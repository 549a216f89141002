/**
 * PLAN values.
 *
 * A value is a nat, a pin, a law, a closure (a partial application in weak
 * head normal form) or a thunk (an application not yet known to be in WHNF).
 *
 * Nats are canonical: a nat is a JS `number` exactly when it is at most
 * `Number.MAX_SAFE_INTEGER`, and a `bigint` otherwise, so `===` is equality on
 * nats and the common case never touches BigInt.
 *
 * Closures are flattened: `Clo(head, args)` is `(head a1 … ak)` with the
 * arguments in application order and a head that is a nat, pin or law. A
 * thunk is a binary application node that is overwritten in place with its
 * WHNF once evaluated (see `runtime/plan/eval.ts`).
 *
 * @module
 */

/** A natural number: `number` when ≤ `Number.MAX_SAFE_INTEGER`, else `bigint`. */
export type Nat = number | bigint;

/** Any PLAN value, possibly unevaluated. */
export type Val = Nat | Pin | Law | Clo | Thunk;

/** A value that can head a closure: a nat, a pin or a law. */
export type Head = Nat | Pin | Law;

/** The largest nat stored as a JS number. */
export const MAX_SMALL = Number.MAX_SAFE_INTEGER;
const MAX_SMALL_BIG = BigInt(MAX_SMALL);

/** Object kind tags, shared by every PLAN object class (field `t`). */
export const PIN = 1, LAW = 2, CLO = 3, THUNK = 4;

/** Thunk states (field `s` of a {@linkcode Thunk}). */
export const enum ThunkState {
  /** Not yet evaluated: `f` applied to `x`. */
  Fresh = 0,
  /** Being evaluated (a black hole): entering it again is a loop. */
  Busy = 1,
  /** Evaluated: `x` holds the WHNF result, `f` is 0. */
  Done = 2,
  /** A let slot not filled yet: entering it is a loop. */
  Hole = 3,
}

/**
 * A pin `<item>`: an immutable, content-addressed box around a value in
 * normal form. Its hash is computed lazily by the hashing module.
 */
export class Pin {
  /** Kind tag. */
  readonly t: typeof PIN = PIN;
  /** The pinned value (always in normal form, never a thunk). */
  readonly item: Val;
  /** Arity of the pin, equal to the arity of its item. */
  readonly arity: number;
  /** BLAKE3 hash of the item's serialisation, once computed. */
  hash: Uint8Array | null = null;
  /** Native implementation attached when the pin matched a jet. */
  jet: unknown = null;
  /**
   * Execution head: for a pin of a law this pin itself; for a pin of anything
   * else, the head of the item's spine once pins of non-laws are unwrapped.
   */
  readonly exHead: Head;
  /** Arguments the item contributes in front of any applied arguments. */
  readonly exArgs: readonly Val[];

  /** Builds a pin; `item` must already be in normal form. */
  constructor(item: Val) {
    this.item = item;
    this.arity = arityOf(item);
    if (item instanceof Law) {
      this.exHead = this;
      this.exArgs = EMPTY;
    } else if (item instanceof Pin) {
      this.exHead = item.exHead;
      this.exArgs = item.exArgs;
    } else if (item instanceof Clo) {
      const h = item.head;
      if (h instanceof Pin && h.exHead !== h) {
        this.exHead = h.exHead;
        this.exArgs = h.exArgs.concat(item.args);
      } else {
        this.exHead = h;
        this.exArgs = item.args;
      }
    } else {
      this.exHead = item as Nat;
      this.exArgs = EMPTY;
    }
  }
}

/** A law `{name arity body}`; arity ≥ 1, body in normal form. */
export class Law {
  /** Kind tag. */
  readonly t: typeof LAW = LAW;
  /** The law's name (a nat, usually text). */
  readonly name: Nat;
  /** The law's arity as a nat (exact). */
  readonly arity: Nat;
  /** The arity as a JS number (`Infinity` for absurdly large arities). */
  readonly ar: number;
  /** The body, in normal form. */
  readonly body: Val;
  /** Compiled body, filled in by the evaluator on first use. */
  code: unknown = null;
  /** Native bytes of a bar `{1 1 p}`, cached by the data-jet layer. */
  cache: unknown = null;

  /** Builds a law; callers guarantee arity ≥ 1 and a normalised body. */
  constructor(name: Nat, arity: Nat, body: Val) {
    this.name = name;
    this.arity = arity;
    this.ar = typeof arity === "number" ? arity : Infinity;
    this.body = body;
  }
}

/**
 * A closure: `head` applied to `args` (application order) with `ar ≥ 1`
 * arguments still missing. Arguments may be thunks until the closure is
 * normalised (`nf`).
 */
export class Clo {
  /** Kind tag. */
  readonly t: typeof CLO = CLO;
  /** The head of the application spine (nat, pin or law). */
  readonly head: Head;
  /** Arguments in application order. */
  readonly args: Val[];
  /** Remaining arity (≥ 1). */
  readonly ar: number;
  /** True once every argument is in normal form. */
  nf = false;
  /** True while the normaliser is inside this closure (cycle detection). */
  busy = false;

  /** Builds a closure; `ar` is the number of arguments still missing. */
  constructor(head: Head, args: Val[], ar: number) {
    this.head = head;
    this.args = args;
    this.ar = ar;
  }
}

/**
 * A thunk: the application `(f x)`, overwritten in place with its WHNF.
 * Only the evaluator changes its fields.
 */
export class Thunk {
  /** Kind tag. */
  readonly t: typeof THUNK = THUNK;
  /** Function part (0 once done). */
  f: Val;
  /** Argument part, or the result once done. */
  x: Val;
  /** Evaluation state. */
  s: ThunkState;

  /** Builds the unevaluated application `(f x)`. */
  constructor(f: Val, x: Val, s: ThunkState = ThunkState.Fresh) {
    this.f = f;
    this.x = x;
    this.s = s;
  }
}

const EMPTY: readonly Val[] = Object.freeze([]);

/** True if `v` is a nat. */
export function isNat(v: Val): v is Nat {
  return typeof v !== "object";
}

/** Canonicalises a bigint as a nat (a number when small). */
export function natFromBig(n: bigint): Nat {
  return n <= MAX_SMALL_BIG ? Number(n) : n;
}

/** Converts a nat to a bigint. */
export function bigOf(n: Nat): bigint {
  return typeof n === "bigint" ? n : BigInt(n);
}

/** Builds a nat from a non-negative integer (number or bigint). */
export function nat(n: number | bigint): Nat {
  if (typeof n === "bigint") {
    if (n < 0n) throw new RangeError("negative nat");
    return natFromBig(n);
  }
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`not a nat: ${n}`);
  }
  return n;
}

/** `n + 1` on nats. */
export function natInc(n: Nat): Nat {
  if (typeof n === "number") {
    return n < MAX_SMALL ? n + 1 : BigInt(n) + 1n;
  }
  return n + 1n;
}

/** `n - 1` on a non-zero nat. */
export function natDec(n: Nat): Nat {
  return typeof n === "number" ? n - 1 : natFromBig(n - 1n);
}

/** The nat whose little-endian bytes are the UTF-8 encoding of `s`. */
export function natFromText(s: string): Nat {
  return natFromBytes(new TextEncoder().encode(s));
}

/** The nat whose little-endian bytes are `b` (trailing zeros ignored). */
export function natFromBytes(b: Uint8Array): Nat {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  if (end <= 6) {
    let n = 0;
    for (let i = end - 1; i >= 0; i--) n = n * 256 + b[i];
    return n;
  }
  // One hex parse, most significant byte first (linear in the length).
  return natFromBig(BigInt("0x" + b.slice(0, end).reverse().toHex()));
}

/** The minimal little-endian bytes of a nat (0 → empty). */
export function natBytes(n: Nat): Uint8Array {
  if (typeof n === "number") {
    const out: number[] = [];
    while (n > 0) {
      out.push(n % 256);
      n = Math.floor(n / 256);
    }
    return Uint8Array.from(out);
  }
  const hex = n.toString(16);
  return Uint8Array.fromHex(hex.length % 2 ? "0" + hex : hex).reverse();
}

/** Number of bits needed to write a nat (0 for 0). */
export function natBitLength(n: Nat): number {
  if (typeof n === "number") {
    return n === 0 ? 0 : n < 2 ** 31 ? 32 - Math.clz32(n) : n.toString(2).length;
  }
  return n.toString(2).length;
}

/**
 * Arity of a value in WHNF (`A` in the spec): `A(0)=3, A(1)=5, A(2)=3`,
 * other nats 1, laws their arity, pins their item's, closures what is missing.
 * Thunks report the arity of their result once done, else 0 (unknown).
 */
export function arityOf(v: Val): number {
  if (typeof v === "number") return v === 0 || v === 2 ? 3 : v === 1 ? 5 : 1;
  if (typeof v === "bigint") return 1;
  switch (v.t) {
    case PIN:
      return v.arity;
    case LAW:
      return v.ar;
    case CLO:
      return v.ar;
    default: {
      const r = deref(v);
      return r === v ? 0 : arityOf(r);
    }
  }
}

/** Follows evaluated thunks to their results (does not evaluate). */
export function deref(v: Val): Val {
  while (typeof v === "object" && v.t === THUNK && v.s === ThunkState.Done) {
    v = v.x;
  }
  return v;
}

/**
 * Applies `f` to `xs` lazily: builds thunks, evaluates nothing.
 * `apply(f)` is `f` itself.
 */
export function apply(f: Val, ...xs: Val[]): Val {
  for (const x of xs) f = new Thunk(f, x);
  return f;
}

const COWS: Law[] = [];

/** The row constructor `{0 n+1 0}` for rows of `n` elements (shared for small n). */
export function cow(n: number): Law {
  if (n < 64) return COWS[n] ??= new Law(0, n + 1, 0);
  return new Law(0, n + 1, 0);
}

/**
 * The row `[x0 … x(k-1)]`: the cow of size k applied to the elements, last
 * element first. The empty row is the bare cow `{0 1 0}`. Pass `nf` only when
 * every item is known to be in normal form: the row is then marked normalised.
 */
export function row(items: readonly Val[], nf = false): Val {
  const k = items.length;
  if (k === 0) return cow(0);
  const args = new Array<Val>(k);
  for (let i = 0; i < k; i++) args[i] = items[k - 1 - i];
  const c = new Clo(cow(k), args, 1);
  c.nf = nf;
  return c;
}
