/**
 * Writes the hand-built counter cog (see `machine_cogs.ts`) as a seed, for
 * trying machines before the Sire kernel exists:
 *
 * ```sh
 * deno run -A tests/machine_counter_seed.ts counter.seed        # one tick a second
 * deno run -A tests/machine_counter_seed.ts counter.seed --fast # as fast as commits go
 * deno task pallas boot my-counter counter.seed --start          # Ctrl-C, then `start` again
 * ```
 *
 * @module
 */

import { counterSeed, I } from "./machine_cogs.ts";

if (import.meta.main) {
  const [out, flag] = Deno.args;
  if (!out || (flag !== undefined && flag !== "--fast")) {
    console.error("usage: machine_counter_seed.ts OUT.seed [--fast]");
    Deno.exit(2);
  }
  Deno.writeFileSync(out, counterSeed(flag === "--fast" ? I : 3));
  console.error(`wrote ${out}`);
}
