/**
 * The `pid` file of a running machine (`DIR/pid`): written once the store's
 * lock is held, removed at exit. It is informational — the lock itself is
 * the store's (see `runtime/store/store.ts`) — and a stale file left by a
 * killed process is simply overwritten.
 *
 * @module
 */

import { PID_FILE } from "../store/schema.ts";

function pidPath(dir: string): string {
  return dir.endsWith("/") ? dir + PID_FILE : `${dir}/${PID_FILE}`;
}

/** Writes this process's pid to `DIR/pid`. */
export function writePidFile(dir: string): void {
  Deno.writeTextFileSync(pidPath(dir), `${Deno.pid}\n`);
}

/** Removes `DIR/pid` if it names this process. */
export function removePidFile(dir: string): void {
  try {
    if (Deno.readTextFileSync(pidPath(dir)).trim() === String(Deno.pid)) {
      Deno.removeSync(pidPath(dir));
    }
  } catch { /* already gone */ }
}
