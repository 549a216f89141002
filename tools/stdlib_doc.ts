/**
 * Generates `docs/stdlib.md` from the library sources: every top-level
 * definition with its arity (from the compiled value) and the summary line
 * of its doc comment.
 *
 * Doc comment convention: the `;;` lines directly above a top-level `=`
 * form document it, the first line being its summary; `;;;;` lines start a
 * section; the `;;;` lines above a module's `####` header describe it.
 *
 * Usage: `deno run -A tools/stdlib_doc.ts [--check]`.
 *
 * @module
 */

import {
  bindingOf,
  loadFile,
  ModuleCache,
  stateParts,
  tabView,
} from "../sire/compiler/mod.ts";
import { STDLIB_DIR, stdlibLoadOptions } from "../sire/lib/files.ts";
import { EXTRA_MODULES } from "./stdlib_embed.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import { force } from "../runtime/plan/eval.ts";
import {
  arityOf,
  LAW,
  natBytes,
  natFromText,
  PIN,
  type Val,
} from "../runtime/plan/value.ts";
import { rowItems } from "../sire/compiler/tab.ts";
import {
  libraryChain,
  loadLibrary,
  moduleText,
  writeGenerated,
} from "./stdlib_common.ts";

/** Path of the generated document. */
export const DOC_PATH = new URL("../docs/stdlib.md", import.meta.url).pathname;

/** One documented definition. */
export interface DocEntry {
  /** The bound name. */
  name: string;
  /** 1-based line of the definition. */
  line: number;
  /** Doc comment lines (without the `;; ` prefix). */
  doc: string[];
  /** Section title it appears under ("" for none). */
  section: string;
}

/** The parsed documentation of one module. */
export interface ModuleDoc {
  /** Module name. */
  name: string;
  /** Description lines from the `;;;` header comment. */
  about: string[];
  /** Definitions in source order (a name defined twice keeps its last entry). */
  entries: DocEntry[];
}

/** The name a top-level `=` line defines, or null. */
export function definedName(line: string): string | null {
  const keyed = /^= \d+ /.exec(line);
  if (keyed) {
    // `= key props binder body`: skip the key and the props expression
    let i = keyed[0].length, depth = 0;
    do {
      const c = line[i++];
      if (c === "(" || c === "[") depth++;
      else if (c === ")" || c === "]") depth--;
    } while (i < line.length && (depth > 0 || line[i] !== " "));
    return definedName("= " + line.slice(i + 1));
  }
  if (line.startsWith("= [")) return null;
  const m = /^= \(?(?:\*\*)?(\{[^}]*\}|[^\s()]+)/.exec(line);
  if (m === null) return null;
  const n = m[1];
  return n.startsWith("{") ? n.slice(1, -1) : n;
}

/** Parses the doc comments and definitions of a module's source. */
export function parseModule(name: string, text: string): ModuleDoc {
  const lines = text.split("\n");
  const about: string[] = [];
  const entries = new Map<string, DocEntry>();
  let i = 0;
  while (i < lines.length && !lines[i].startsWith("####")) {
    const m = /^;;;(?!;) ?(.*)$/.exec(lines[i]);
    if (m) about.push(m[1]);
    i++;
  }
  let section = "";
  let doc: string[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i];
    const sec = /^;;;;\s*(.*)$/.exec(l);
    if (sec) {
      section = sec[1];
      doc = [];
      continue;
    }
    const d = /^;;(?!;) ?(.*)$/.exec(l);
    if (d) {
      doc.push(d[1]);
      continue;
    }
    const n = l.startsWith("= ") ? definedName(l) : null;
    if (n !== null) {
      entries.delete(n);
      entries.set(n, { name: n, line: i + 1, doc, section });
    }
    doc = [];
  }
  return { name, about, entries: [...entries.values()] };
}

function text(n: Val): string {
  return typeof n === "object" ? "" : new TextDecoder().decode(natBytes(n));
}

/** Arity column: a number, `c` for constants, with `inl` for inlined functions. */
function arityText(binding: Val): string {
  const b = bindingOf(binding);
  const v = force(b.value);
  const code = rowItems(force(b.code));
  const inline = code !== null && code.length === 7 && text(force(code[0])) === "F" &&
    force(code[2]) === 1;
  let ar: string;
  if (typeof v !== "object") ar = "c";
  else if (v.t === PIN && !(typeof v.item === "object" && v.item.t === LAW)) ar = "c";
  else ar = String(arityOf(v));
  if (typeof v === "object" && v.t !== PIN && v.t !== LAW) {
    // rows, tabs and other data are constants, not functions
    const items = rowItems(v);
    if (items !== null) ar = "c";
  }
  return inline ? `${ar} inl` : ar;
}

/** The scope tab of each loaded module, by module name. */
function moduleScopes(state: Val): Map<string, Val> {
  const out = new Map<string, Val>();
  const mods = tabView(stateParts(state).modules);
  mods?.keys.forEach((k, i) => {
    const p = force(mods.vals[i]);
    if (typeof p === "object" && p.t === PIN) out.set(text(k), p.item);
  });
  out.set(text(force(stateParts(state).context)), stateParts(state).scope);
  return out;
}

function lookup(scope: Val, name: string): Val | undefined {
  const t = tabView(scope);
  if (t === null) return undefined;
  const key = natFromText(name);
  const i = t.keys.findIndex((k) => k === key);
  return i < 0 ? undefined : t.vals[i];
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|");
}

/** Renders the whole document (loads the library). */
export function renderDoc(): string {
  const chain = libraryChain();
  const scopes = moduleScopes(loadLibrary().state);
  const out: string[] = [
    "# Sire standard library",
    "",
    "Generated by `deno run -A tools/stdlib_doc.ts` from `sire/lib/*.sire`; do not edit.",
    "",
    "Modules load in this order, each continuing from the one before it; " +
    "`:| prelude` imports all of them:",
    "",
    chain.map((m) => `[${m}](#${m})`).join(" → "),
    "",
    "Arity: `c` = a constant; `inl` = always inlined when fully applied.",
    "",
  ];
  setTraceLogger(() => {});
  const extraScopes = new Map<string, Val>();
  // One cache for all of them, so the library under them compiles once.
  const cache = new ModuleCache();
  for (const name of EXTRA_MODULES) {
    const m = loadFile(
      `${STDLIB_DIR}/${name}.sire`,
      stdlibLoadOptions({ cache, store: null, onEvent: () => {} }),
    );
    extraScopes.set(name, stateParts(m.state).scope);
  }
  for (const name of [...chain, ...EXTRA_MODULES]) {
    if (name === EXTRA_MODULES[0]) {
      out.push(
        "## Modules outside the prelude",
        "",
        "Built in too; a program imports them by name (`:| lib_http`):",
        "",
        EXTRA_MODULES.map((m) => `[${m}](#${m})`).join(" · "),
        "",
      );
    }
    const doc = parseModule(name, moduleText(name));
    out.push(`## ${name}`, "");
    if (doc.about.length) out.push(doc.about.join("\n").trim(), "");
    let section: string | null = null;
    for (const e of doc.entries) {
      if (e.section !== section) {
        section = e.section;
        if (section) out.push("", `### ${name}: ${section}`, "");
        out.push("| name | arity | description |", "|---|---|---|");
      }
      const b = lookup(extraScopes.get(name) ?? scopes.get(name) ?? 0, e.name);
      // A module with an export list (`^-^`) hides its helpers.
      if (b === undefined && extraScopes.has(name)) continue;
      const ar = b === undefined ? "?" : arityText(b);
      out.push(`| \`${cell(e.name)}\` | ${ar} | ${cell(e.doc[0] ?? "")} |`);
    }
    out.push("");
  }
  return out.join("\n");
}

/** Names defined but never mentioned by an `=?=` test anywhere in the library. */
export function untestedNames(): { module: string; name: string }[] {
  const chain = libraryChain();
  const tests = chain.map((m) =>
    moduleText(m).split(/\n\s*\n/).filter((b) => /^\s*=\?=|\n\s*=\?=/.test(b)).join("\n")
  ).join("\n");
  const words = new Set(
    tests.split(/[\s()\[\],]+/).flatMap((w) => w.split(/[^A-Za-z0-9_#%'@:,<>+\\-]/)),
  );
  const aliases = new Map<string, string[]>();
  for (const m of chain) {
    for (const l of moduleText(m).split("\n")) {
      const a = /^= ([^\s()]+) ([^\s()]+)\s*$/.exec(l);
      if (a) aliases.set(a[2], [...(aliases.get(a[2]) ?? []), a[1]]);
    }
  }
  const tested = (n: string): boolean =>
    words.has(n) || (aliases.get(n) ?? []).some((a) => words.has(a));
  const missing: { module: string; name: string }[] = [];
  for (const m of chain) {
    for (const e of parseModule(m, moduleText(m)).entries) {
      if (tested(e.name)) continue;
      if (/[^A-Za-z0-9_]/.test(e.name)) continue; // macros are tested by their syntax
      missing.push({ module: m, name: e.name });
    }
  }
  return missing;
}

/** Definitions without a doc comment. */
export function undocumentedNames(): { module: string; name: string }[] {
  return libraryChain().flatMap((m) =>
    parseModule(m, moduleText(m)).entries.filter((e) => e.doc.length === 0).map((e) => ({
      module: m,
      name: e.name,
    }))
  );
}

if (import.meta.main) {
  const text = renderDoc();
  writeGenerated(DOC_PATH, text, "tools/stdlib_doc.ts");
  for (const u of undocumentedNames()) {
    console.error(`undocumented: ${u.module}.${u.name}`);
  }
  for (const u of untestedNames()) console.error(`untested: ${u.module}.${u.name}`);
}
