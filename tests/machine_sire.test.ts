/**
 * A Sire program on the library's kernel as a machine: `pallas boot DIR
 * tally.sire` compiles it (`main` is the cog), `pallas start` runs it with
 * the real time device and store, and after Ctrl-C it continues where it
 * stopped. The pump's DB_WRITE is an RPC whose answer is the new tally.
 */

import assert from "node:assert/strict";
import { MachineStore } from "../runtime/store/store.ts";
import { Pallas, pallas } from "./machine_proc.ts";

const TALLY = `#### tally <- prelude

:| prelude

= (pulse k)
: now < syscall TIME_WHEN
: n < tag_syscall | DB_WRITE now
| trk [{tally} n]
: _ < syscall | TIME_WAIT now
| pulse k

= (note input k)
: st < state
: _ < write (inc st)
| k (inc st)

= (begin k)
: _ < work (EXEC pulse) note
| k 0

(readTally st key query)=st

main=(runCog 0 readTally begin)
`;

function tallyOf(line: string): number | null {
  const m = /^\+\+ \[%tally (\d+|%[A-Za-z])\]$/.exec(line);
  if (!m) return null;
  return m[1].startsWith("%") ? m[1].charCodeAt(1) : Number(m[1]);
}

Deno.test("sire: a kernel cog boots from a .sire file, runs, and resumes after SIGINT", async () => {
  const tmp = Deno.makeTempDirSync({ prefix: "pallas-sire-" });
  Deno.writeTextFileSync(`${tmp}/tally.sire`, TALLY);
  const dir = `${tmp}/m`;
  const boot = await pallas(["boot", dir, `${tmp}/tally.sire`]);
  assert.equal(boot.code, 0, boot.stderr);

  const run1 = new Pallas(["start", dir]);
  await run1.waitFor((l) => (tallyOf(l) ?? 0) >= 5);
  run1.kill("SIGINT");
  assert.equal((await run1.status()).code, 0, run1.lines.join("\n"));
  const seen = run1.lines.map(tallyOf).filter((n) => n !== null) as number[];
  assert.deepEqual(seen, seen.map((_, i) => i + 1));

  const s = MachineStore.open(dir);
  const ticks = s.lastTick;
  s.close();
  const last = seen[seen.length - 1];
  assert.ok(ticks === last || ticks === last + 1, `saw ${last}, committed ${ticks}`);

  const run2 = new Pallas(["start", dir]);
  const first = await run2.waitFor((l) => tallyOf(l) !== null);
  run2.kill("SIGINT");
  assert.equal((await run2.status()).code, 0);
  assert.equal(tallyOf(first), ticks + 1);
});
