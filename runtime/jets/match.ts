/**
 * Jet matching: attaching native jets to the pins they may replace.
 *
 * A pin gets a jet when its item is a law whose name spells a jet name
 * (`[A-Za-z0-9_]` text) listed in the hash table, the pin's hash is one the
 * table accepts for that name, and a native implementation of that name
 * exists. A listed name that has a native implementation, with a hash the
 * table does not accept, is a mismatch: by default a "NOT MATCHED" warning,
 * and the legal code runs.
 * {@linkcode installJets} makes the evaluator match every pin it creates;
 * loaders call {@linkcode matchPin} on the pins they build.
 *
 * @module
 */

import { setPinHook } from "../plan/eval.ts";
import { PlanError } from "../plan/errors.ts";
import { hashToBase58, pinHash } from "../plan/hash.ts";
import { LAW, type Law, natBytes, type Pin } from "../plan/value.ts";
import { nativeJet } from "./natives.ts";
import { acceptedHashes, isAcceptedHash, jetNameOf } from "./table.ts";

/** How matching reports what it finds. */
export interface JetFlags {
  /**
   * A law named like a listed jet whose pin hash is not accepted: `"warn"`
   * (log "NOT MATCHED", run the legal code), `"crash"` (also throw
   * {@linkcode JetMismatch}) or `"silent"`.
   */
  onMismatch: "warn" | "crash" | "silent";
  /** Also warn about pins named `_` + uppercase that no jet is listed for. */
  warnUnknown: boolean;
  /** Log a "MATCHED" line for every jetted pin. */
  logMatches: boolean;
  /** Where report lines go (default: standard error). */
  log: (line: string) => void;
}

/** The current matching flags; change them with {@linkcode configureJets}. */
export const jetFlags: JetFlags = {
  onMismatch: "warn",
  warnUnknown: false,
  logMatches: false,
  log: (line) => console.error(line),
};

/** Updates the matching flags. */
export function configureJets(flags: Partial<JetFlags>): void {
  Object.assign(jetFlags, flags);
}

/** Thrown on a jet mismatch when `onMismatch` is `"crash"`. */
export class JetMismatch extends PlanError {
  /** The jet name the law carries. */
  readonly jetName: string;
  /** The pin's hash (base58), not one the table accepts for that name. */
  readonly hash: string;
  /** Creates the error. */
  constructor(jetName: string, hash: string) {
    super(`jet ${jetName} NOT MATCHED: pin hash ${hash} is not an accepted hash`);
    this.name = "JetMismatch";
    this.jetName = jetName;
    this.hash = hash;
  }
}

/** The text of a law name if it is a non-empty `[A-Za-z0-9_]` word, else null. */
export function lawNameText(law: Law): string | null {
  const bytes = natBytes(law.name);
  if (bytes.length === 0 || bytes.length > 256) return null;
  let s = "";
  for (const b of bytes) {
    const ok = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) ||
      b === 95;
    if (!ok) return null;
    s += String.fromCharCode(b);
  }
  return s;
}

function pad(name: string): string {
  return name.length >= 20 ? name + " " : name + " ".repeat(20 - name.length);
}

/**
 * Matches one pin against the jet table and attaches the native jet when it
 * matches. Returns true if the pin now has a jet. Reports per
 * {@linkcode jetFlags}.
 */
export function matchPin(p: Pin): boolean {
  const item = p.item;
  if (typeof item !== "object" || item.t !== LAW) return false;
  const name = jetNameOf(item.name);
  if (name === undefined) {
    if (jetFlags.warnUnknown) {
      const text = lawNameText(item);
      if (text !== null && /^_[A-Z]/.test(text)) {
        jetFlags.log(`${pad(text)}NOT MATCHED (no such jet)`);
      }
    }
    return false;
  }
  // A name with no native implementation has nothing to attach or lose.
  const jet = nativeJet(name);
  if (jet === undefined) return false;
  const hash = hashToBase58(pinHash(p));
  if (!isAcceptedHash(name, hash)) {
    if (jetFlags.onMismatch !== "silent") jetFlags.log(`${pad(name)}NOT MATCHED ${hash}`);
    if (jetFlags.onMismatch === "crash") throw new JetMismatch(name, hash);
    return false;
  }
  if (jet.arity !== item.ar) return false;
  p.jet = jet;
  if (jetFlags.logMatches) jetFlags.log(`${pad(name)}MATCHED ${hash}`);
  return true;
}

let installed = false;

/**
 * Makes the evaluator match every pin it creates (idempotent). Optionally
 * updates the flags first.
 */
export function installJets(flags?: Partial<JetFlags>): void {
  if (flags) configureJets(flags);
  if (installed) return;
  setPinHook(matchPin);
  installed = true;
}

/** Stops matching pins the evaluator creates (pins already jetted stay so). */
export function uninstallJets(): void {
  setPinHook(null);
  installed = false;
}

/** The accepted pin hash (base58) of upstream's `_Seq`. */
export const SEQ_HASH: string = acceptedHashes("_Seq")[0];
/** The accepted pin hash (base58) of upstream's `_If`. */
export const IF_HASH: string = acceptedHashes("_If")[0];
/** The accepted pin hash (base58) of upstream's `_Force`. */
export const FORCE_HASH: string = acceptedHashes("_Force")[0];
