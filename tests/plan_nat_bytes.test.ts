// Nats to and from little-endian bytes (natFromBytes / natBytes), across
// the number/bigint boundary, the word-by-word and hex paths, trailing
// zero bytes, and a 200 KB nat (which must not take quadratic time).

import assert from "node:assert/strict";
import { natBytes, natFromBytes } from "../runtime/plan/value.ts";
import { Rng } from "./seed_gen.ts";

/** The nat of `bytes` computed the slow, obvious way. */
function reference(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = n * 256n + BigInt(bytes[i]);
  return n;
}

Deno.test("nat bytes: small cases and the number/bigint boundary", () => {
  assert.equal(natFromBytes(new Uint8Array()), 0);
  assert.equal(natFromBytes(Uint8Array.of(0, 0, 0)), 0);
  assert.equal(natFromBytes(Uint8Array.of(1, 1)), 257);
  // 2^53 - 1 is a number; 2^53 and above are bigints.
  assert.equal(
    natFromBytes(Uint8Array.of(255, 255, 255, 255, 255, 255, 31)),
    2 ** 53 - 1,
  );
  assert.equal(natFromBytes(Uint8Array.of(0, 0, 0, 0, 0, 0, 32)), 2n ** 53n);
  assert.deepEqual(natBytes(2n ** 64n), Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1));
});

Deno.test("nat bytes: random lengths 0..300 round-trip and match the reference", () => {
  const r = new Rng(77);
  for (let len = 0; len <= 300; len++) {
    const b = r.bytes(len);
    if (len > 0 && len % 5 === 0) b[len - 1] = 0; // trailing zero: not minimal
    const copy = b.slice();
    const n = natFromBytes(b);
    assert.deepEqual(b, copy, `length ${len}: input left as it was`);
    assert.equal(BigInt(n), reference(b), `length ${len}`);
    let end = b.length;
    while (end > 0 && b[end - 1] === 0) end--;
    assert.deepEqual(natBytes(n), b.subarray(0, end), `length ${len}`);
  }
});

Deno.test("nat bytes: a 200 KB nat converts both ways", () => {
  const b = new Rng(78).bytes(200_000);
  b[b.length - 1] = 1;
  assert.deepEqual(natBytes(natFromBytes(b)), b);
});
