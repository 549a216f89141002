/**
 * A compact rendering of PLAN values for machine diagnostics (trace lines,
 * crash reports), in the spirit of upstream's value printer: `%word` and
 * `{text}` nats, rows `[a b]`, tabs `#[k=v]`, sets `%[a b]`, bars
 * `b#{text}` / `x#hex`, pins of named laws by name, closures `(f a b)`.
 * Deep or huge values are cut short with `…`. Not a contract: only for
 * people reading logs.
 *
 * @module
 */

import {
  CLO,
  deref,
  LAW,
  type Law,
  type Nat,
  natBytes,
  PIN,
  type Val,
} from "../plan/value.ts";
import {
  barBytes,
  rowItems,
  setKeys,
  setSize,
  tabKeySet,
  tabSize,
  tabValues,
} from "../plan/shapes.ts";

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
const MAX_DEPTH = 64;
const MAX_LENGTH = 4000;

function asciiOf(bytes: Uint8Array): string | null {
  let s = "";
  for (const b of bytes) {
    if (b < 0x20 || b > 0x7e) return null;
    s += String.fromCharCode(b);
  }
  return s;
}

/** Renders a nat: `%word`, `{text}` or decimal. */
export function renderNat(n: Nat): string {
  if (n === 0) return "0";
  const text = asciiOf(natBytes(n));
  if (text !== null && WORD.test(text) && !/^[0-9]/.test(text)) {
    if (typeof n === "bigint" || n >= 256 || /^[A-Za-z]$/.test(text)) return "%" + text;
  }
  if (text !== null && (typeof n === "bigint" || n >= 256) && !text.includes("}")) {
    return "{" + text + "}";
  }
  return String(n);
}

function lawName(l: Law): string {
  const text = asciiOf(natBytes(l.name));
  return text !== null && WORD.test(text) ? text : renderNat(l.name);
}

/** Renders a value on one line (see the module comment). */
export function render(v: Val): string {
  const out: string[] = [];
  let length = 0;
  const emit = (s: string) => {
    out.push(s);
    length += s.length;
  };
  const go = (x: Val, depth: number): void => {
    if (length > MAX_LENGTH || depth > MAX_DEPTH) {
      emit("…");
      return;
    }
    x = deref(x);
    if (typeof x !== "object") {
      emit(renderNat(x));
      return;
    }
    const items = rowItems(x);
    if (items !== null) {
      emit("[");
      items.forEach((it, i) => {
        if (i > 0) emit(" ");
        go(it, depth + 1);
      });
      emit("]");
      return;
    }
    const bar = barBytes(x);
    if (bar !== null) {
      const text = new TextDecoder().decode(bar);
      if (PRINTABLE.test(text) && !text.includes("}")) emit(`b#{${text}}`);
      else emit("x#" + [...bar].map((b) => b.toString(16).padStart(2, "0")).join(""));
      return;
    }
    if (x.t === CLO && tabSize(x) >= 0) {
      const keys = rowItems(setKeys(tabKeySet(x)))!;
      const vals = rowItems(tabValues(x))!;
      emit("#[");
      keys.forEach((k, i) => {
        if (i > 0) emit(" ");
        go(k, depth + 1);
        emit("=");
        go(vals[i], depth + 1);
      });
      emit("]");
      return;
    }
    if (x.t === LAW && setSize(x) >= 0) {
      emit("%[");
      rowItems(setKeys(x))!.forEach((k, i) => {
        if (i > 0) emit(" ");
        go(k, depth + 1);
      });
      emit("]");
      return;
    }
    switch (x.t) {
      case PIN: {
        const item = deref(x.item);
        if (typeof item === "object" && item.t === LAW) emit(lawName(item));
        else {
          emit("<");
          go(item, depth + 1);
          emit(">");
        }
        return;
      }
      case LAW:
        emit(`{${lawName(x)} ${renderNat(x.arity)} …}`);
        return;
      case CLO:
        emit("(");
        go(x.head, depth + 1);
        for (const a of x.args) {
          emit(" ");
          go(a, depth + 1);
        }
        emit(")");
        return;
      default:
        emit("…");
    }
  };
  go(v, 0);
  return out.join("");
}
