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
  deref,
  LAW,
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

const ATOM = -1, HOLE = -2;
const CONS = -1, MEMO = -2;

/** Open-addressed table from cell (head, tail) to node id. */
class CellTable {
  private keys = new Int32Array(2 * 1024).fill(-1);
  private vals = new Int32Array(1024);
  private mask = 1023;
  private count = 0;

  private static slot(h: number, t: number, mask: number): number {
    let x = Math.imul(h, 0x9e3779b1) ^ Math.imul(t ^ (t >>> 15), 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    return (x ^ (x >>> 16)) & mask;
  }

  /** The node of (h, t), or -1. */
  get(h: number, t: number): number {
    const k = this.keys, m = this.mask;
    for (let i = CellTable.slot(h, t, m);; i = (i + 1) & m) {
      const kh = k[2 * i];
      if (kh === -1) return -1;
      if (kh === h && k[2 * i + 1] === t) return this.vals[i];
    }
  }

  /** Records (h, t) → id; (h, t) must be absent. */
  set(h: number, t: number, id: number): void {
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    const k = this.keys, m = this.mask;
    let i = CellTable.slot(h, t, m);
    while (k[2 * i] !== -1) i = (i + 1) & m;
    k[2 * i] = h;
    k[2 * i + 1] = t;
    this.vals[i] = id;
    this.count++;
  }

  private grow(): void {
    const ok = this.keys, ov = this.vals, n = ov.length;
    this.keys = new Int32Array(4 * n).fill(-1);
    this.vals = new Int32Array(2 * n);
    this.mask = 2 * n - 1;
    this.count = 0;
    for (let i = 0; i < n; i++) {
      if (ok[2 * i] !== -1) this.set(ok[2 * i], ok[2 * i + 1], ov[i]);
    }
  }
}

/** The deduplicated tree of a value. */
class Tree {
  /** Head node of a cell, or ATOM / HOLE for leaves. */
  readonly hd: number[] = [];
  /** Tail node of a cell; atom index or hole index of a leaf. */
  readonly tl: number[] = [];
  /** Number of (parent, side) positions of a node, capped at 2. */
  readonly pos: number[] = [];
  /** Distinct atoms, in order of first appearance. */
  readonly atoms: Nat[] = [];
  private readonly atomNode = new Map<Nat, number>();
  private readonly cells = new CellTable();

  leaf(n: Nat): number {
    let id = this.atomNode.get(n);
    if (id === undefined) {
      id = this.hd.length;
      this.hd.push(ATOM);
      this.tl.push(this.atoms.length);
      this.pos.push(0);
      this.atoms.push(n);
      this.atomNode.set(n, id);
    }
    return id;
  }

  hole(i: number): number {
    const id = this.hd.length;
    this.hd.push(HOLE);
    this.tl.push(i);
    this.pos.push(0);
    return id;
  }

  cons(h: number, t: number): number {
    let id = this.cells.get(h, t);
    if (id >= 0) return id;
    id = this.hd.length;
    this.hd.push(h);
    this.tl.push(t);
    this.pos.push(0);
    this.cells.set(h, t, id);
    // A new cell is a new position for each child.
    if (this.pos[h] < 2) this.pos[h]++;
    if (this.pos[t] < 2) this.pos[t]++;
    return id;
  }
}

function hex(h: Uint8Array): string {
  let s = "";
  for (const b of h) s += (b < 16 ? "0" : "") + b.toString(16);
  return s;
}

/** Builds the tree of `root`, with `holes` standing for themselves. */
function buildTree(root: Val, holes: readonly Pin[]): { tree: Tree; top: number } {
  const tree = new Tree();
  const memo = new Map<object, number>();
  const holeOf = new Map<string, number>();
  for (let i = 0; i < holes.length; i++) {
    const id = tree.hole(i);
    memo.set(holes[i], id);
    holeOf.set(hex(pinHash(holes[i])), id);
  }
  const todo: Val[] = [root];
  const res: number[] = [];
  while (todo.length > 0) {
    const op = todo.pop()!;
    if (op === CONS) {
      const t = res.pop()!;
      res.push(tree.cons(res.pop()!, t));
      continue;
    }
    if (op === MEMO) {
      memo.set(todo.pop() as object, res[res.length - 1]);
      continue;
    }
    const x = deref(op as Val);
    if (typeof x !== "object") {
      res.push(tree.leaf(x));
      continue;
    }
    const known = memo.get(x);
    if (known !== undefined) {
      res.push(known);
      continue;
    }
    switch (x.t) {
      case PIN: {
        if (holes.length > 0) {
          const h = holeOf.get(hex(pinHash(x)));
          if (h !== undefined) {
            memo.set(x, h);
            res.push(h);
            break;
          }
        }
        todo.push(x, MEMO, CONS, x.item, 4);
        break;
      }
      case LAW:
        todo.push(x, MEMO, CONS, x.body, CONS, x.arity, CONS, x.name, 0);
        break;
      case CLO: {
        todo.push(x, MEMO);
        const args = x.args;
        for (let j = args.length - 1; j >= 0; j--) todo.push(CONS, args[j]);
        todo.push(x.head);
        break;
      }
      default:
        throw new TypeError("saveSeed: value is not in normal form");
    }
  }
  return { tree, top: res[0] };
}

/** Fragments of `tree` in head-first post-order; `frag[node]` = index or -1. */
function shatter(tree: Tree, top: number): { frags: number[]; frag: Int32Array } {
  const { hd, tl, pos } = tree;
  const frag = new Int32Array(hd.length).fill(-1);
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

/** Little-endian bit stream appended to a byte buffer. */
class BitWriter {
  buf: Uint8Array;
  len: number;
  private cur = 0;
  private used = 0;

  constructor(buf: Uint8Array, len: number) {
    this.buf = buf;
    this.len = len;
  }

  private push(b: number): void {
    if (this.len === this.buf.length) {
      const nb = new Uint8Array(this.buf.length * 2);
      nb.set(this.buf);
      this.buf = nb;
    }
    this.buf[this.len++] = b;
  }

  /** Writes the low `n` bits of `v` (a non-negative safe integer). */
  write(v: number, n: number): void {
    while (n > 0) {
      const take = Math.min(8 - this.used, n);
      this.cur |= (v % (1 << take)) << this.used;
      v = Math.floor(v / (1 << take));
      n -= take;
      this.used += take;
      if (this.used === 8) {
        this.push(this.cur);
        this.cur = 0;
        this.used = 0;
      }
    }
  }

  /** Flushes a partial byte and zero-pads to a multiple of 8 bytes. */
  finish(): Uint8Array {
    if (this.used > 0) this.push(this.cur);
    while (this.len % 8 !== 0) this.push(0);
    return this.buf.subarray(0, this.len);
  }
}

/**
 * Serialises a normal value as a seed in which the given pins are holes
 * (found by hash, and not entered). Holes not reachable from the value are
 * still counted in the header. The value must not itself be a hole or a nat
 * unless it is the last entry of the reference table.
 */
export function encodeSeed(v: Val, holes: readonly Pin[]): Uint8Array {
  const { tree, top } = buildTree(v, holes);
  const { hd, tl } = tree;
  const { frags, frag } = shatter(tree, top);

  // Atoms, in file order, and each one's rank.
  const order = tree.atoms.map((_, i) => i);
  order.sort((i, j) => compareAtoms(tree.atoms[i], tree.atoms[j]));
  const rank = new Int32Array(order.length);
  let nBig = 0, nWord = 0, nByte = 0, bigBytes = 0;
  for (let r = 0; r < order.length; r++) {
    const a = tree.atoms[order[r]];
    rank[order[r]] = r;
    const c = atomClass(a);
    if (c === 0) {
      nBig++;
      bigBytes += 8 * bigWords(a as bigint);
    } else if (c === 1) nWord++;
    else nByte++;
  }
  const nHole = holes.length, nAtom = order.length;
  const leaves = nHole + nAtom;
  if (frags.length === 0) {
    // A leaf value is read back as the last entry of the reference table.
    const ref = hd[top] === HOLE ? tl[top] : nHole + rank[tl[top]];
    if (ref !== leaves - 1) {
      throw new RangeError("encodeSeed: a leaf value must be the last table entry");
    }
  }

  const fixed = HEADER_BYTES + 8 * nBig + bigBytes + 8 * nWord + nByte;
  const out = new Uint8Array(Math.max(64, fixed * 2));
  const dv = new DataView(out.buffer);
  const u64 = (off: number, n: number) => {
    dv.setUint32(off, n >>> 0, true);
    dv.setUint32(off + 4, Math.floor(n / 0x100000000), true);
  };
  u64(0, nHole);
  u64(8, nBig);
  u64(16, nWord);
  u64(24, nByte);
  u64(32, frags.length);
  let off = HEADER_BYTES;
  for (let r = 0; r < nBig; r++) {
    u64(off, bigWords(tree.atoms[order[r]] as bigint));
    off += 8;
  }
  for (let r = 0; r < nBig; r++) {
    const a = tree.atoms[order[r]] as bigint;
    out.set(natBytes(a), off);
    off += 8 * bigWords(a);
  }
  for (let r = nBig; r < nBig + nWord; r++) {
    const a = tree.atoms[order[r]];
    if (typeof a === "number") u64(off, a);
    else dv.setBigUint64(off, a, true);
    off += 8;
  }
  for (let r = nBig + nWord; r < nAtom; r++) out[off++] = tree.atoms[order[r]] as number;

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
      const ref = h === ATOM
        ? nHole + rank[tl[x]]
        : h === HOLE
        ? tl[x]
        : leaves + frag[x];
      bits.write(0, 1);
      bits.write(ref, width);
    }
  }
  return bits.finish().slice();
}
