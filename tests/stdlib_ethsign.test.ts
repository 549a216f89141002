/**
 * The library's Ethereum modules (`keccak`, `ecdsa`, `ethsign`, outside
 * the prelude chain): keccak-256 against `@noble/hashes` on random inputs
 * of every length from 0 to 300 bytes, `verifyEthMsg` on signatures made
 * with `@noble/curves` (fixed vectors below) and on broken ones, and the
 * documentation rules of the stdlib tests (every definition documented and
 * mentioned by some `=?=`).
 *
 * @module
 */

import assert from "node:assert/strict";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { lookupValue } from "../sire/compiler/mod.ts";
import { setTraceLogger } from "../runtime/jets/trace.ts";
import { force } from "../runtime/plan/eval.ts";
import { apply, natFromBytes, type Val } from "../runtime/plan/value.ts";
import { barOf, mkBar } from "../runtime/jets/data.ts";
import { Rng } from "../sire/rex/random.ts";
import { parseModule } from "../tools/stdlib_doc.ts";
import { loadOnLibrary, moduleText } from "../tools/stdlib_common.ts";

const MODULES = ["keccak", "ecdsa", "ethsign"];

const SRC = `#### ethcheck <- ethsign

:| ethsign
`;

/** Loads the modules (running all their `=?=`) from the embedded library. */
function load(): Val {
  setTraceLogger(() => {});
  try {
    return loadOnLibrary(SRC);
  } finally {
    setTraceLogger();
  }
}

const state = load();

function call(name: string, ...args: Val[]): Val {
  const f = lookupValue(state, name);
  if (f === undefined) throw new Error(`no ${name}`);
  return force(apply(f, ...args));
}

const enc = new TextEncoder();
const hex = (b: Uint8Array) =>
  Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (s: string) =>
  Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
/** A text as Sire holds it: the nat of its UTF-8 bytes. */
const text = (s: string): Val => natFromBytes(enc.encode(s));

Deno.test("keccak256 matches @noble/hashes on every length 0..300", () => {
  const rng = new Rng(0xecc4);
  for (let n = 0; n <= 300; n++) {
    const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
    // a zero last byte checks that trailing zero bytes are hashed too
    if (n % 7 === 3) bytes[n - 1] = 0;
    const out = barOf(call("keccak256", mkBar(bytes)));
    assert.ok(out !== null, `length ${n}: not a bar`);
    assert.equal(hex(out), hex(keccak_256(bytes)), `length ${n}`);
  }
});

Deno.test("ethMsgHash is keccak-256 of the EIP-191 prefixed message", () => {
  for (const m of ["", "a", "test", "x".repeat(150), "ünïcode ✓"]) {
    const bytes = enc.encode(m);
    const full = enc.encode(`\x19Ethereum Signed Message:\n${bytes.length}`);
    const want = keccak_256(new Uint8Array([...full, ...bytes]));
    assert.equal(hex(barOf(call("ethMsgHash", text(m)))!), hex(want), JSON.stringify(m));
  }
});

/**
 * Signatures made with @noble/curves 2.4 (`secp256k1.sign(hash, key,
 * { prehash: false, format: "recovered" })`, v = 27 + recovery bit) of the
 * prefixed keccak-256 of msg, with the address of the signing key.
 */
const VECTORS: { key: string; sig: string; addr: string; msg: string }[] = [
  {
    key: "01",
    sig: "0ac02a3eb3039b7a3ebb6a35f1e0dd31a4ed51781205a2c193354752a25edad5" +
      "0593868baf38c519b78bdc61a23c3f55e058c29f8b83d79ae48cc47d931afaed1b",
    addr: "7e5f4552091a69125d5dfcb7b8c2659029395bdf",
    msg: "",
  },
  {
    key: "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01f3f362318",
    sig: "0a803878298cdfd57eb2f5cb384a804c62e7ded00377d3ed5c7fb2842823d53d" +
      "3cb84175635da9f5fd567c30715d2de99409be5fb61dd9a1995b8ea0b6a37a601c",
    addr: "dfb1b35cb0c6c13fc589221c2c7402461dab183a",
    msg: "test",
  },
  {
    key: "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291",
    sig: "782cf60ad8cea559e0ae712e4b491bd6e36bfa130e6354c7f500886c7ee1f173" +
      "41cfa488262592ebae937c9463c7c9dd125faff24141f6d726ec17d34ce90a4c1c",
    addr: "71562b71999873db5b286df957af199ec94617f7",
    msg: "hello pallas",
  },
  {
    key: "8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f",
    sig: "e7f42e25c1be85a26edb9eff6eda8c67db109fe1c9981e0d1e81c3a8fb7cdddb" +
      "697d75214bd09b62be6ae46911abc30f8dd5cd6333d1a99d1b81193ee769b8b21b",
    addr: "63fac9201494f0bd17b9892b9fae4d52fe3bd377",
    msg: "x".repeat(200),
  },
  {
    key: "8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f",
    sig: "9f7723b9a33d31596c06a13036ff894282e414f26c255c5deb178f708dcbfb3e" +
      "46359aef08f9e0f3dc62d483b6d81b25ac40eb864bb11d3401c1e835366c14b41b",
    addr: "63fac9201494f0bd17b9892b9fae4d52fe3bd377",
    msg: "ünïcode ✓ message",
  },
  {
    key: "02",
    sig: "d3d368b178c75099b6170fe991f65cc7f0d8403209cae472f0539346613a3870" +
      "57611251eaf2d73a5cab6f3abff5b31e793f322fc74e5952afc27d11d9d8f9751c",
    addr: "2b5ad5c4795c026514f8317c7a215e218dccd6cf",
    msg: "Sign in: nonce 12345\nline two",
  },
];

const verify = (sig: Uint8Array | Val, addr: Uint8Array | Val, msg: string): Val =>
  call(
    "verifyEthMsg",
    sig instanceof Uint8Array ? mkBar(sig) : sig,
    addr instanceof Uint8Array ? mkBar(addr) : addr,
    text(msg),
  );

Deno.test("verifyEthMsg accepts @noble/curves signatures", () => {
  for (const v of VECTORS) {
    assert.equal(verify(unhex(v.sig), unhex(v.addr), v.msg), 1, `key ${v.key}`);
  }
});

Deno.test("verifyEthMsg rejects wrong addresses, messages and signatures", () => {
  for (const v of VECTORS) {
    const sig = unhex(v.sig), addr = unhex(v.addr);
    const at = `key ${v.key}`;
    const otherAddr = addr.slice();
    otherAddr[19] ^= 1;
    assert.equal(verify(sig, otherAddr, v.msg), 0, `${at}: other address`);
    assert.equal(verify(sig, addr.slice(0, 19), v.msg), 0, `${at}: short address`);
    assert.equal(verify(sig, natFromBytes(addr), v.msg), 0, `${at}: address as a nat`);
    assert.equal(verify(sig, addr, v.msg + "."), 0, `${at}: longer message`);
    assert.equal(verify(sig, addr, "X" + v.msg.slice(1)), 0, `${at}: other message`);
    // the other parity recovers another key; other v values are refused
    for (const bad of [sig[64] ^ 7, 0, 1, 29, 255]) {
      const s = sig.slice();
      s[64] = bad;
      assert.equal(verify(s, addr, v.msg), 0, `${at}: v = ${bad}`);
    }
    for (const i of [0, 31, 32, 63]) {
      const s = sig.slice();
      s[i] ^= 0x10;
      assert.equal(verify(s, addr, v.msg), 0, `${at}: byte ${i} changed`);
    }
    assert.equal(verify(sig.slice(0, 64), addr, v.msg), 0, `${at}: 64 bytes`);
    assert.equal(verify(new Uint8Array([...sig, 0]), addr, v.msg), 0, `${at}: 66 bytes`);
    assert.equal(verify(natFromBytes(sig), addr, v.msg), 0, `${at}: signature as a nat`);
  }
  assert.equal(verify(new Uint8Array(0), unhex(VECTORS[0].addr), ""), 0);
  // r = 0 and r = n have no inverse modulo n
  const n = unhex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
  for (const r of [new Uint8Array(32), n]) {
    const s = unhex(VECTORS[1].sig);
    s.set(r, 0);
    assert.equal(verify(s, unhex(VECTORS[1].addr), VECTORS[1].msg), 0);
  }
});

Deno.test("verifyEthMsg writes key coordinates without leading zero bytes", () => {
  // Private key 153's public x starts with a zero byte: the address is taken
  // over the 63 significant bytes, as in the reference library, so the
  // Ethereum address (keccak of all 64 bytes) does not verify.
  const sig = unhex(
    "0109a3c47d3aa11ece4e73a2a771f3b8fba38317735e6fb0d68a8a566d36904a" +
      "58d0b213fbc152004af522296a870f34a820d70ccecb7d3caae407e0dc96abf11c",
  );
  const pub = unhex(
    "00e3ae1974566ca06cc516d47e0fb165a674a3dabcfca15e722f0e3450f45889" +
      "2aeabe7e4531510116217f07bf4d07300de97e4874f81f533420a72eeb0bd6a4",
  );
  const ethAddr = keccak_256(pub).slice(12);
  assert.equal(hex(ethAddr), "2798ba84d7830c5f60d750f37f87d93277106905");
  const shortAddr = keccak_256(pub.slice(1)).slice(12);
  assert.equal(verify(sig, ethAddr, "lead zero"), 0);
  assert.equal(verify(sig, shortAddr, "lead zero"), 1);
});

Deno.test("ethereum modules: every definition documented and tested", () => {
  for (const m of MODULES) {
    const src = moduleText(m);
    const tests = src.split(/\n\s*\n/).filter((b) => /(^|\n)\s*=\?=/.test(b)).join("\n");
    const words = new Set(tests.split(/[^A-Za-z0-9_]+/));
    for (const e of parseModule(m, src).entries) {
      assert.ok(e.doc.length > 0, `${m}.${e.name} has no doc comment`);
      assert.ok(words.has(e.name), `${m}.${e.name} is not mentioned by a =?=`);
    }
  }
});
