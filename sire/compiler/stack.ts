/**
 * Binder environments as mutable stacks.
 *
 * Every pass walks terms depth first and only extends its environment for
 * the duration of a sub-walk, so an environment is a stack: push on entering
 * a binder, pop on leaving it. De Bruijn index `i` is the `i`-th entry from
 * the top, read in O(1) — unlike a linked list, deep nesting stays linear.
 *
 * @module
 */

import type { Nat } from "../../runtime/plan/value.ts";

/** A stack of binder entries; index 0 is the innermost (top). */
export class EnvStack<T> {
  /** Entries, outermost first. */
  private readonly items: T[] = [];

  /** Number of entries. */
  get depth(): number {
    return this.items.length;
  }

  /** Pushes one entry (the new index 0). */
  push(x: T): void {
    this.items.push(x);
  }

  /** Pushes `n` copies of `x`. */
  pushN(n: number, x: T): void {
    for (let i = 0; i < n; i++) this.items.push(x);
  }

  /** Pops `n` entries. */
  pop(n = 1): void {
    this.items.length -= n;
  }

  /** Entry `i` (0 = innermost), or `undefined` past the bottom. */
  get(i: number): T | undefined {
    const k = this.items.length - 1 - i;
    return k >= 0 && i >= 0 ? this.items[k] : undefined;
  }
}

/**
 * A stack of binder names (`null` for an unnamed binder) with O(1) lookup
 * of the innermost binder of a name.
 */
export class NameStack {
  /** Names, outermost first. */
  private readonly names: (Nat | null)[] = [];
  /** For each name, the positions (from the bottom) where it is bound. */
  private readonly where = new Map<Nat, number[]>();

  /** Pushes a binder. */
  push(name: Nat | null): void {
    if (name !== null) {
      let ps = this.where.get(name);
      if (!ps) this.where.set(name, ps = []);
      ps.push(this.names.length);
    }
    this.names.push(name);
  }

  /** Pops `n` binders. */
  pop(n = 1): void {
    for (let i = 0; i < n; i++) {
      const name = this.names.pop();
      if (name !== null && name !== undefined) this.where.get(name)!.pop();
    }
  }

  /** The de Bruijn index of the innermost binder named `name`, or -1. */
  indexOf(name: Nat): number {
    const ps = this.where.get(name);
    if (!ps || ps.length === 0) return -1;
    return this.names.length - 1 - ps[ps.length - 1];
  }
}
