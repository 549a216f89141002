/**
 * Writing seeds (spec §3), byte-identical to upstream's writer.
 *
 * The value is viewed as a binary tree (nat → leaf; closure → left-nested
 * cells; law `{n a b}` → the tree of `(0 n a b)`; pin `<i>` → `(4 i)`, or a
 * hole leaf when it is one of the given holes). Cells are deduplicated by
 * structure. A cell becomes a fragment when it is the root or occurs in more
 * than one (parent, side) position of the deduplicated tree — exactly when
 * its occurrence count in the expanded tree exceeds its parent's — and
 * fragments are numbered in head-first post-order.
 *
 * Every walk is a loop over an explicit stack, and JS objects met twice are
 * only visited once, so depth and sharing cost nothing extra.
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
  type Val,
} from "../plan/value.ts";
import { pinHash } from "../plan/hash.ts";
import { atomClass, bigWords, compareAtoms, HEADER_BYTES, refWidth } from "./format.ts";

/** Serialises a normal value as a plain seed (no holes). */
export function saveSeed(v: Val): Uint8Array {
  return encodeSeed(v, []);
}

/** `hd` of an atom leaf (its `tl` is the atom's index in `atoms`). */
const ATOM = -1;
/** `hd` of a hole leaf (its `tl` is the hole's index). */
const HOLE = -2;

/** Growable Int32 column. */
class Column {
  a = new Int32Array(1024);
  n = 0;
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
}

/** The deduplicated tree of a value: nodes are numbered from 0. */
class Tree {
  /** Head node of a cell, or ATOM / HOLE for leaves. */
  readonly hd = new Column();
  /** Tail node of a cell; atom index or hole index of a leaf. */
  readonly tl = new Column();
  /** Number of (parent, side) positions of a node, capped at 2. */
  readonly pos = new Column();
  /** Distinct atoms, in order of first appearance. */
  readonly atoms: Nat[] = [];
  private readonly atomNode = new Map<Nat, number>();
  private readonly byteNode = new Int32Array(256).fill(-1);
  // Open-addressed (head, tail) → cell table.
  private keys = new Int32Array(2 * 1024).fill(-1);
  private vals = new Int32Array(1024);
  private mask = 1023;
  private count = 0;

  private node(h: number, t: number): number {
    const id = this.hd.n;
    this.hd.push(h);
    this.tl.push(t);
    this.pos.push(0);
    return id;
  }

  leaf(n: Nat): number {
    if (typeof n === "number" && n < 256) {
      let id = this.byteNode[n];
      if (id < 0) {
        id = this.byteNode[n] = this.node(ATOM, this.atoms.length);
        this.atoms.push(n);
      }
      return id;
    }
    let id = this.atomNode.get(n);
    if (id === undefined) {
      id = this.node(ATOM, this.atoms.length);
      this.atoms.push(n);
      this.atomNode.set(n, id);
    }
    return id;
  }

  hole(i: number): number {
    return this.node(HOLE, i);
  }

  cons(h: number, t: number): number {
    const k = this.keys, m = this.mask;
    let x = Math.imul(h, 0x9e3779b1) ^ Math.imul(t ^ (t >>> 15), 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    let i = (x ^ (x >>> 16)) & m;
    for (;; i = (i + 1) & m) {
      const kh = k[2 * i];
      if (kh === -1) break;
      if (kh === h && k[2 * i + 1] === t) return this.vals[i];
    }
    const id = this.node(h, t);
    k[2 * i] = h;
    k[2 * i + 1] = t;
    this.vals[i] = id;
    if (2 * ++this.count > m) this.grow();
    // A new cell is a new position for each child.
    const pos = this.pos.a;
    if (pos[h] < 2) pos[h]++;
    if (pos[t] < 2) pos[t]++;
    return id;
  }

  private grow(): void {
    const ok = this.keys, ov = this.vals, n = ov.length;
    const k = this.keys = new Int32Array(4 * n).fill(-1);
    const v = this.vals = new Int32Array(2 * n);
    const m = this.mask = 2 * n - 1;
    for (let j = 0; j < n; j++) {
      const h = ok[2 * j];
      if (h === -1) continue;
      const t = ok[2 * j + 1];
      let x = Math.imul(h, 0x9e3779b1) ^ Math.imul(t ^ (t >>> 15), 0x85ebca6b);
      x ^= x >>> 13;
      x = Math.imul(x, 0xc2b2ae35);
      let i = (x ^ (x >>> 16)) & m;
      while (k[2 * i] !== -1) i = (i + 1) & m;
      k[2 * i] = h;
      k[2 * i + 1] = t;
      v[i] = ov[j];
    }
  }
}

/** Builds the tree of `root`, with `holes` standing for themselves. */
function buildTree(root: Val, holes: readonly Pin[]): { tree: Tree; top: number } {
  const tree = new Tree();
  const memo = new Map<object, number>();
  const holeOf = new Map<string, number>();
  for (let i = 0; i < holes.length; i++) {
    const id = tree.hole(i);
    memo.set(holes[i], id);
    holeOf.set(pinHash(holes[i]).toHex(), id);
  }
  // The node of `x` if known without descending, else -1.
  const quick = (x: Val): number => {
    if (typeof x !== "object") return tree.leaf(x);
    const id = memo.get(x);
    if (id !== undefined) return id;
    if (x.t === PIN && holes.length > 0) {
      const h = holeOf.get(pinHash(x).toHex());
      if (h !== undefined) {
        memo.set(x, h);
        return h;
      }
    }
    return -1;
  };
  // Frames: the object being built, the next part wanted (closures: 0 =
  // head, i = argument i; laws and pins: 0 = body or item) and the node
  // built so far.
  const fObj: (Pin | Law | Clo)[] = [];
  const fStage: number[] = [], fAcc: number[] = [];
  const enter = (x: Val): number => {
    const v = deref(x);
    const id = quick(v);
    if (id >= 0) return id;
    if (typeof v !== "object") return id; // unreachable: nats are quick
    switch (v.t) {
      case PIN:
        fObj.push(v);
        fStage.push(0);
        fAcc.push(tree.leaf(4));
        return -1;
      case LAW: {
        const zn = tree.cons(tree.leaf(0), tree.leaf(v.name));
        fObj.push(v);
        fStage.push(0);
        fAcc.push(tree.cons(zn, tree.leaf(v.arity)));
        return -1;
      }
      case CLO:
        fObj.push(v);
        fStage.push(0);
        fAcc.push(-1);
        return -1;
      default:
        throw new TypeError("saveSeed: value is not in normal form");
    }
  };
  let ret = enter(root);
  if (ret >= 0) return { tree, top: ret };
  ret = -1; // result of the frame that just finished, if any
  for (;;) {
    const k = fObj.length - 1;
    const o = fObj[k];
    let acc = fAcc[k];
    if (o.t === CLO) {
      const args = o.args, n = args.length;
      let s = fStage[k];
      let descended = false;
      while (s <= n) {
        let id = ret;
        ret = -1;
        if (id < 0) {
          id = enter(s === 0 ? o.head : args[s - 1]);
          if (id < 0) {
            descended = true;
            break;
          }
        }
        acc = s === 0 ? id : tree.cons(acc, id);
        s++;
      }
      fStage[k] = s;
      fAcc[k] = acc;
      if (descended) continue;
    } else {
      let id = ret;
      ret = -1;
      if (id < 0) {
        id = enter(o.t === PIN ? o.item : o.body);
        if (id < 0) continue;
      }
      acc = tree.cons(acc, id);
    }
    memo.set(o, acc);
    fObj.pop();
    fStage.pop();
    fAcc.pop();
    if (k === 0) return { tree, top: acc };
    ret = acc;
  }
}

/** Fragments of `tree` in head-first post-order; `frag[node]` = index or -1. */
function shatter(tree: Tree, top: number): { frags: number[]; frag: Int32Array } {
  const hd = tree.hd.a, tl = tree.tl.a, pos = tree.pos.a;
  const frag = new Int32Array(tree.hd.n).fill(-1);
  const frags: number[] = [];
  const stk: number[] = [top];
  while (stk.length > 0) {
    const x = stk.pop()!;
    if (x >= 0) {
      if (hd[x] < 0 || frag[x] >= 0) continue;
      stk.push(~x, tl[x], hd[x]);
    } else {
      const c = ~x;
      if (c === top || pos[c] >= 2) {
        frag[c] = frags.length;
        frags.push(c);
      }
    }
  }
  return { frags, frag };
}

/** Powers of two up to 2^53, so the bit writer never calls `Math.pow`. */
const POW2 = Float64Array.from({ length: 54 }, (_, i) => 2 ** i);

/** Little-endian bit stream appended to a byte buffer. */
class BitWriter {
  buf: Uint8Array;
  len: number;
  private cur = 0; // pending bits (fewer than 8 between calls)
  private used = 0;

  constructor(buf: Uint8Array, len: number) {
    this.buf = buf;
    this.len = len;
  }

  /** Writes the low `n` bits of `v` (0 ≤ v < 2^n, n ≤ 40). */
  write(v: number, n: number): void {
    let cur = this.cur + v * POW2[this.used];
    let used = this.used + n;
    if (used >= 8) {
      if (this.len + 8 > this.buf.length) {
        const nb = new Uint8Array(this.buf.length * 2 + 16);
        nb.set(this.buf);
        this.buf = nb;
      }
      const b = this.buf;
      do {
        b[this.len++] = cur % 256;
        cur = Math.floor(cur / 256);
        used -= 8;
      } while (used >= 8);
    }
    this.cur = cur;
    this.used = used;
  }

  /** Flushes a partial byte and zero-pads to a multiple of 8 bytes. */
  finish(): Uint8Array {
    if (this.used > 0) this.write(0, 8 - this.used);
    while (this.len % 8 !== 0) this.write(0, 8);
    return this.buf.subarray(0, this.len);
  }
}

/** The atoms of `tree` in file order: bigs, words, bytes. */
function sortAtoms(atoms: readonly Nat[]): { order: Nat[]; nBig: number; nWord: number } {
  const bigs: bigint[] = [], bigWordsList: bigint[] = [], small: number[] = [];
  const bytes = new Uint8Array(256);
  for (const a of atoms) {
    if (typeof a === "number") {
      if (a < 256) bytes[a] = 1;
      else small.push(a);
    } else if (atomClass(a) === 0) bigs.push(a);
    else bigWordsList.push(a);
  }
  bigs.sort(compareAtoms);
  bigWordsList.sort((x, y) => (x > y ? -1 : x < y ? 1 : 0));
  const words = Float64Array.from(small).sort().reverse();
  const order: Nat[] = [...bigs, ...bigWordsList];
  for (const w of words) order.push(w);
  for (let b = 255; b >= 0; b--) if (bytes[b]) order.push(b);
  return { order, nBig: bigs.length, nWord: bigWordsList.length + words.length };
}

/**
 * Serialises a normal value as a seed in which the given pins are holes
 * (found by hash, and not entered). Holes not reachable from the value are
 * still counted in the header. A value that is itself a leaf (a nat or a
 * hole) must be the last entry of the reference table.
 */
export function encodeSeed(v: Val, holes: readonly Pin[]): Uint8Array {
  const { tree, top } = buildTree(v, holes);
  const hd = tree.hd.a, tl = tree.tl.a;
  const { frags, frag } = shatter(tree, top);
  const { order, nBig, nWord } = sortAtoms(tree.atoms);
  const nHole = holes.length, nAtom = order.length, leaves = nHole + nAtom;

  // Reference of each atom, by its index in `tree.atoms`.
  const rankOf = new Map<Nat, number>();
  for (let r = 0; r < nAtom; r++) rankOf.set(order[r], nHole + r);
  const atomRef = new Int32Array(nAtom);
  for (let i = 0; i < nAtom; i++) atomRef[i] = rankOf.get(tree.atoms[i])!;

  if (frags.length === 0) {
    // A leaf value is read back as the last entry of the reference table.
    const ref = hd[top] === HOLE ? tl[top] : atomRef[tl[top]];
    if (ref !== leaves - 1) {
      throw new RangeError("encodeSeed: a leaf value must be the last table entry");
    }
  }

  let bigBytes = 0;
  for (let r = 0; r < nBig; r++) bigBytes += 8 * bigWords(order[r] as bigint);
  const fixed = HEADER_BYTES + 8 * nBig + bigBytes + 8 * nWord + (nAtom - nBig - nWord);
  const out = new Uint8Array(fixed + 64 + (frags.length > 0 ? 4 * tree.hd.n : 0));
  const dv = new DataView(out.buffer);
  const u64 = (off: number, n: number) => {
    dv.setUint32(off, n >>> 0, true);
    dv.setUint32(off + 4, Math.floor(n / 0x100000000), true);
  };
  u64(0, nHole);
  u64(8, nBig);
  u64(16, nWord);
  u64(24, nAtom - nBig - nWord);
  u64(32, frags.length);
  let off = HEADER_BYTES;
  for (let r = 0; r < nBig; r++, off += 8) u64(off, bigWords(order[r] as bigint));
  for (let r = 0; r < nBig; r++) {
    const a = order[r] as bigint;
    out.set(natBytes(a), off);
    off += 8 * bigWords(a);
  }
  for (let r = nBig; r < nBig + nWord; r++, off += 8) {
    const a = order[r];
    if (typeof a === "number") u64(off, a);
    else dv.setBigUint64(off, a, true);
  }
  for (let r = nBig + nWord; r < nAtom; r++) out[off++] = order[r] as number;

  const bits = new BitWriter(out, off);
  const stk: number[] = [];
  for (let i = 0; i < frags.length; i++) {
    const width = refWidth(leaves + i);
    const c = frags[i];
    stk.push(tl[c], hd[c]);
    while (stk.length > 0) {
      const x = stk.pop()!;
      const h = hd[x];
      if (h >= 0 && frag[x] < 0) {
        bits.write(1, 1);
        stk.push(tl[x], h);
        continue;
      }
      const ref = h === ATOM ? atomRef[tl[x]] : h === HOLE ? tl[x] : leaves + frag[x];
      // A 0 tag bit, then the reference.
      bits.write(2 * ref, width + 1);
    }
  }
  return bits.finish().slice();
}
