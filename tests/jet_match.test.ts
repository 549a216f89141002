// Jet matching: the hash table (upstream data, registration), the pin hook
// (match, mismatch as warning / crash / silence, unknown jet-like names)
// and that a matched jet changes nothing but speed.

import assert from "node:assert/strict";
import { force, makePin } from "../runtime/plan/eval.ts";
import { hashToBase58, pinHash } from "../runtime/plan/hash.ts";
import type { Jet } from "../runtime/plan/jet.ts";
import { readPlan, showPlan } from "../runtime/plan/text.ts";
import { Law, natFromText, Pin, Thunk, type Val } from "../runtime/plan/value.ts";
import {
  configureJets,
  FORCE_HASH,
  IF_HASH,
  installJets,
  jetFlags,
  JetMismatch,
  lawNameText,
  matchPin,
  SEQ_HASH,
  uninstallJets,
} from "../runtime/jets/match.ts";
import { NATIVE_JETS } from "../runtime/jets/natives.ts";
import {
  acceptedHashes,
  hasJetName,
  isAcceptedHash,
  jetNameOf,
  jetNames,
  registerJetHash,
} from "../runtime/jets/table.ts";
import { legalPin } from "./jet_cases.ts";

const SEQ = "<{%_Seq 2 (0 (0 (0 (2 2) 2) (0 {0 2 1} 2)) 1)}>";
const IF = "<{%_If 3 (0 (0 (0 (2 2) 3) (0 {0 2 1} 2)) 1)}>";
const FORCE = "<{%_Force 1 (0 (0 (2 (0 0 1)) (0 2 1)) (2 0))}>";

/** Runs `body` with jets installed and report lines captured. */
function withJets(
  flags: Parameters<typeof configureJets>[0],
  body: (lines: string[]) => void,
) {
  const lines: string[] = [];
  const saved = { ...jetFlags };
  installJets({ ...flags, log: (l) => lines.push(l) });
  try {
    body(lines);
  } finally {
    uninstallJets();
    configureJets(saved);
  }
}

const jetName = (p: Val) => ((p as Pin).jet as Jet | null)?.name ?? null;

Deno.test("the table holds upstream's 197 jets and their hashes", () => {
  assert.equal(jetNames().length >= 197, true);
  assert.ok(hasJetName("_Add") && hasJetName("tabSwitch") && hasJetName("iDiv64"));
  assert.ok(!hasJetName("_Nope"));
  assert.deepEqual(acceptedHashes("_Seq"), [
    "7fPzp1b5QXpDDkvpt2oBGUm3w6eCPVKjDnUQ8i8w8mj5",
  ]);
  assert.equal(SEQ_HASH, "7fPzp1b5QXpDDkvpt2oBGUm3w6eCPVKjDnUQ8i8w8mj5");
  assert.equal(IF_HASH, "CGWi51frV26N7KUBbso2WzBad8W2mbix6HaejVem5YaZ");
  assert.equal(FORCE_HASH, "A7ZtnajpFHHJ29VVzZoZ4BENtqNio1LZcG7Pdc9nMFvf");
  assert.equal(jetNameOf(natFromText("_Cmp")), "_Cmp");
  assert.equal(jetNameOf(natFromText("_Cmp2")), undefined);
  assert.ok(isAcceptedHash("_If", IF_HASH));
  assert.ok(!isAcceptedHash("_If", SEQ_HASH));
  // Every native jet is one upstream lists.
  for (const name of NATIVE_JETS.keys()) assert.ok(hasJetName(name), name);
});

Deno.test("pins made by evaluation get their jet when name and hash match", () => {
  withJets({ logMatches: true }, (lines) => {
    assert.equal(jetName(force(readPlan(SEQ))), "_Seq");
    assert.equal(jetName(force(readPlan(IF))), "_If");
    assert.equal(jetName(force(readPlan(FORCE))), "_Force");
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^_Seq +MATCHED 7fPzp1b5/);
    // A jetted _If still computes the same thing.
    assert.equal(showPlan(force(readPlan(`(${IF} 1 %yes %no)`))), "%yes");
  });
});

Deno.test("a jet name with the wrong hash warns NOT MATCHED and runs legal code", () => {
  withJets({ onMismatch: "warn" }, (lines) => {
    const p = force(readPlan("<{%_Add 2 (0 (0 3 2) 1)}>"));
    assert.equal(jetName(p), null);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^_Add +NOT MATCHED [1-9A-HJ-NP-Za-km-z]+$/);
    // The legal body (here: 3 applied to y then x, i.e. a crash-free law) runs.
    assert.equal(
      showPlan(force(new Thunk(new Thunk(p, 1), 2))),
      showPlan(force(readPlan("(3 2 1)"))),
    );
  });
});

Deno.test("mismatch can crash or stay silent", () => {
  withJets({ onMismatch: "crash" }, (lines) => {
    assert.throws(() => force(readPlan("<{%_Mul 2 1}>")), (e) => {
      assert.ok(e instanceof JetMismatch);
      assert.equal(e.jetName, "_Mul");
      return true;
    });
    assert.equal(lines.length, 1);
    // The evaluator is usable afterwards.
    assert.equal(showPlan(force(readPlan("(3 4)"))), "5");
  });
  withJets({ onMismatch: "silent" }, (lines) => {
    assert.equal(jetName(force(readPlan("<{%_Mul 2 1}>"))), null);
    assert.deepEqual(lines, []);
  });
});

Deno.test("unknown _Uppercase names warn only when asked; other names never", () => {
  withJets({ warnUnknown: true }, (lines) => {
    force(readPlan("<{%_Frobnicate 1 1}>"));
    force(readPlan("<{%frobnicate 1 1}>"));
    force(readPlan("<{%_lower 1 1}>"));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^_Frobnicate +NOT MATCHED \(no such jet\)$/);
  });
  withJets({ warnUnknown: false }, (lines) => {
    force(readPlan("<{%_Frobnicate 1 1}>"));
    assert.deepEqual(lines, []);
  });
});

Deno.test("registered hashes are accepted; arity must agree", () => {
  // Our own legal _Add (a different law from upstream's) becomes matchable.
  const ours = legalPin("_Add");
  const hash = pinHash(ours);
  assert.ok(!isAcceptedHash("_Add", hash));
  registerJetHash("_Add", hash);
  assert.ok(isAcceptedHash("_Add", hashToBase58(hash)));
  assert.ok(acceptedHashes("_Add").length >= 2);
  withJets({}, (lines) => {
    const p = makePin(ours.item);
    assert.equal(jetName(p), "_Add");
    assert.deepEqual(lines, []);
    const big = 2n ** 80n;
    assert.equal(force(new Thunk(new Thunk(p, big), big)), 2n ** 81n);
  });
  // A listed name and hash with the wrong arity gets no jet.
  const unary = new Pin(new Law(natFromText("_Mul"), 1, 1));
  registerJetHash("_Mul", pinHash(unary));
  assert.equal(matchPin(unary), false);
  assert.throws(() => registerJetHash("not a name", hash), RangeError);
  assert.throws(() => registerJetHash("_Add", new Uint8Array(31)), RangeError);
});

Deno.test("matchPin matches pins built outside the evaluator (loaders)", () => {
  const p = force(readPlan(SEQ.slice(1, -1))) as Law; // the law alone
  const pin = new Pin(p);
  assert.equal(pin.jet, null);
  assert.equal(matchPin(pin), true);
  assert.equal(jetName(pin), "_Seq");
  assert.equal(matchPin(new Pin(5)), false);
  assert.equal(lawNameText(new Law(natFromText("a b"), 1, 0)), null);
  assert.equal(lawNameText(new Law(natFromText("ok_1"), 1, 0)), "ok_1");
  assert.equal(lawNameText(new Law(0, 1, 0)), null);
});

Deno.test("installJets is idempotent and uninstallJets stops matching", () => {
  withJets({}, () => {
    installJets();
    installJets();
    assert.equal(jetName(force(readPlan(SEQ))), "_Seq");
  });
  assert.equal(jetName(force(readPlan(SEQ))), null);
});
