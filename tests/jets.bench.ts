// Native nat jets against raw BigInt: `_Add` and `_Mul` on 64-bit and
// 4096-bit nats, each called through the evaluator as `(pin x y)`, in the
// same run as the bare BigInt operation (the group baseline). deno bench
// prints the ratio.

import { force } from "../runtime/plan/eval.ts";
import {
  Law,
  natFromBig,
  natFromText,
  Pin,
  Thunk,
  type Val,
} from "../runtime/plan/value.ts";
import { nativeJet } from "../runtime/jets/natives.ts";

function jetted(name: string): Pin {
  const p = new Pin(new Law(natFromText(name), 2, 0));
  p.jet = nativeJet(name)!;
  return p;
}

function operand(bits: number, salt: bigint): bigint {
  let x = 1n;
  while (x < 1n << BigInt(bits - 1)) x = x * 6364136223846793005n + salt;
  return BigInt.asUintN(bits, x) | (1n << BigInt(bits - 1));
}

const ADD = jetted("_Add"), MUL = jetted("_Mul");
let sink: Val = 0;

for (const bits of [64, 4096]) {
  const x = operand(bits, 1442695040888963407n), y = operand(bits, 7n);
  const nx = natFromBig(x), ny = natFromBig(y);
  for (
    const [op, pin, raw] of [
      ["add", ADD, (a: bigint, b: bigint) => a + b],
      ["mul", MUL, (a: bigint, b: bigint) => a * b],
    ] as const
  ) {
    const group = `${op} ${bits}-bit`;
    Deno.bench(`BigInt ${op} ${bits}-bit`, { group, baseline: true }, () => {
      sink = raw(x, y);
    });
    Deno.bench(`jet _${op[0].toUpperCase()}${op.slice(1)} ${bits}-bit`, { group }, () => {
      sink = force(new Thunk(new Thunk(pin, nx), ny));
    });
  }
}

Deno.bench("keep results alive", () => {
  if (sink === -1) throw new Error("unreachable");
});
