/**
 * The `tcp` device (spec §2.2): one listening socket per run plus the
 * connections it accepts or opens.
 *
 * | request | answer |
 * |---|---|
 * | `[%tcp %mine]` | this run's listening port |
 * | `[%tcp %hear]` | `[conn ip port]`: the next accepted connection (FIFO) |
 * | `[%tcp %open ip port]` | `(0 conn)`, or `0` if the connection fails |
 * | `[%tcp %take conn]` | a bar of up to 4096 bytes; empty at end of stream |
 * | `[%tcp %give conn bar]` | `(0 sent)`, or `0` on error or unknown conn |
 * | `[%tcp %shut conn]` | `0`, after closing the connection |
 *
 * Connection ids are nats from 0, shared by accepted and opened
 * connections, and not persisted. An empty `take` (end of stream, a read
 * error or an unknown conn) forgets the connection, as does a failed
 * `give`. Unlike upstream (which binds 0.0.0.0 on a fresh port), the socket
 * listens on 127.0.0.1 unless told otherwise, on the port asked for (0 =
 * any free port). Malformed requests are answered `0`.
 *
 * Operations are served concurrently; on one connection takes are answered
 * in order and gives are written in order. A take cancelled before data
 * arrives leaves the data for the next take.
 *
 * @module
 */

import { Clo, natFromText, type Val } from "../../plan/value.ts";
import { barOf, mkBar } from "../../jets/data.ts";
import { makeRow } from "../../plan/shapes.ts";
import type { Device, DeviceCall } from "../device.ts";

const MINE = natFromText("mine");
const HEAR = natFromText("hear");
const OPEN = natFromText("open");
const TAKE = natFromText("take");
const GIVE = natFromText("give");
const SHUT = natFromText("shut");

/** Most bytes one `take` answers with. */
export const TAKE_MAX = 4096;

/** Accepted connections held while nobody hears (the listen backlog). */
const BACKLOG = 64;

const EMPTY_BAR = mkBar(new Uint8Array(0));

/** Options of a {@linkcode TcpDevice}. */
export interface TcpOptions {
  /** Address to listen on (default `127.0.0.1`). */
  readonly hostname?: string;
  /** Port to listen on (default 0: any free port). */
  readonly port?: number;
  /** Diagnostics sink; the listening address is reported here at open. */
  readonly log?: (line: string) => void;
}

/** The error raised when the listening socket cannot be bound. */
export class TcpListenError extends Error {
  /** Wraps the system error for `hostname:port`. */
  constructor(hostname: string, port: number, cause: unknown) {
    super(`tcp: cannot listen on ${hostname}:${port}: ${(cause as Error).message}`, {
      cause,
    });
    this.name = "TcpListenError";
  }
}

/** `(0 x)`: the runtime's encoding of "just x". */
function some(x: Val): Val {
  const c = new Clo(0, [x], 2);
  c.nf = typeof x !== "object";
  return c;
}

/** A dotted IPv4 address as the nat a + 256·b + 65536·c + 16777216·d; else 0. */
export function ipNat(host: string): number {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!m) return 0;
  const [a, b, c, d] = m.slice(1).map(Number);
  if ([a, b, c, d].some((x) => x > 255)) return 0;
  return a + 256 * b + 65536 * c + 16777216 * d;
}

/** The dotted form of an IPv4 nat (its little-endian bytes). */
export function ipText(ip: number): string {
  return [ip & 255, (ip >>> 8) & 255, (ip >>> 16) & 255, (ip >>> 24) & 255].join(".");
}

/** One open connection. */
class Connection {
  /** Read results not yet taken (null = end of stream). */
  readonly chunks: (Uint8Array | null)[] = [];
  /** Takes waiting for data, in order. */
  readonly takers: DeviceCall[] = [];
  /** True while a read is in progress. */
  reading = false;
  /** The tail of this connection's chain of writes. */
  writes: Promise<void> = Promise.resolve();
  /** True once closed. */
  closed = false;

  constructor(readonly id: number, readonly conn: Deno.Conn) {}
}

/** The tcp device. */
export class TcpDevice implements Device {
  /** Device name. */
  readonly name = "tcp";
  readonly #hostname: string;
  readonly #askedPort: number;
  readonly #log: (line: string) => void;
  #listener: Deno.Listener | null = null;
  #port = 0;
  #nextId = 0;
  #closed = false;
  readonly #conns = new Map<number, Connection>();
  readonly #hearers: DeviceCall[] = [];
  readonly #accepted: Deno.Conn[] = [];
  #room: (() => void) | null = null;

  /** Creates the device (it listens once opened). */
  constructor(opts: TcpOptions = {}) {
    this.#hostname = opts.hostname ?? "127.0.0.1";
    this.#askedPort = opts.port ?? 0;
    this.#log = opts.log ?? ((l) => console.error(l));
  }

  /** The listening port (0 before `open`). */
  get port(): number {
    return this.#port;
  }

  /** Number of open connections (for tests). */
  get connections(): number {
    return this.#conns.size;
  }

  /** Binds the listening socket and starts accepting. */
  open(): void {
    try {
      this.#listener = Deno.listen({ hostname: this.#hostname, port: this.#askedPort });
    } catch (e) {
      throw new TcpListenError(this.#hostname, this.#askedPort, e);
    }
    this.#port = (this.#listener.addr as Deno.NetAddr).port;
    this.#log(`pallas: tcp: listening on ${this.#hostname}:${this.#port}`);
    void this.#acceptLoop(this.#listener);
  }

  /** Stops listening and closes every connection. */
  close(): void {
    this.#closed = true;
    try {
      this.#listener?.close();
    } catch { /* already closed */ }
    this.#listener = null;
    for (const c of this.#accepted.splice(0)) closeQuietly(c);
    for (const c of [...this.#conns.values()]) this.#forget(c);
    this.#hearers.length = 0;
    this.#room?.();
  }

  /** Handles one request. */
  call(c: DeviceCall): void {
    const a = c.args;
    if (this.#closed || a.length === 0) return c.respond(0);
    const op = a[0];
    if (op === MINE && a.length === 1) return c.respond(this.#port);
    if (op === HEAR && a.length === 1) return this.#hear(c);
    if (op === OPEN && a.length === 3) return this.#open(c, a[1], a[2]);
    if (op === TAKE && a.length === 2) return this.#take(c, a[1]);
    if (op === GIVE && a.length === 3) return this.#give(c, a[1], a[2]);
    if (op === SHUT && a.length === 2) {
      const conn = this.#conn(a[1]);
      if (conn) this.#forget(conn);
      return c.respond(0);
    }
    c.respond(0);
  }

  #conn(id: Val): Connection | undefined {
    return typeof id === "number" ? this.#conns.get(id) : undefined;
  }

  #add(conn: Deno.Conn): Connection {
    const c = new Connection(this.#nextId++, conn);
    this.#conns.set(c.id, c);
    return c;
  }

  #forget(c: Connection): void {
    if (c.closed) return;
    c.closed = true;
    this.#conns.delete(c.id);
    closeQuietly(c.conn);
    for (const t of c.takers.splice(0)) t.respond(EMPTY_BAR);
  }

  // ---- hear -----------------------------------------------------------------

  async #acceptLoop(listener: Deno.Listener): Promise<void> {
    while (!this.#closed) {
      if (this.#accepted.length >= BACKLOG) {
        await new Promise<void>((r) => (this.#room = r));
        this.#room = null;
        continue;
      }
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        if (this.#closed) return;
        continue; // a failed accept (e.g. the peer reset first): keep listening
      }
      if (this.#closed) {
        closeQuietly(conn);
        return;
      }
      this.#accepted.push(conn);
      this.#matchHears();
    }
  }

  #hear(c: DeviceCall): void {
    this.#hearers.push(c);
    c.onCancel(() => {
      const i = this.#hearers.indexOf(c);
      if (i >= 0) this.#hearers.splice(i, 1);
    });
    this.#matchHears();
  }

  #matchHears(): void {
    while (this.#hearers.length > 0 && this.#accepted.length > 0) {
      const h = this.#hearers.shift()!;
      if (h.cancelled) continue;
      const conn = this.#accepted.shift()!;
      const c = this.#add(conn);
      const peer = conn.remoteAddr as Deno.NetAddr;
      h.respond(makeRow([c.id, ipNat(peer.hostname), peer.port]));
    }
    if (this.#accepted.length < BACKLOG) this.#room?.();
  }

  // ---- open -----------------------------------------------------------------

  #open(c: DeviceCall, ip: Val, port: Val): void {
    if (
      typeof ip !== "number" || ip >= 2 ** 32 || typeof port !== "number" ||
      port >= 2 ** 16
    ) {
      return c.respond(0);
    }
    Deno.connect({ hostname: ipText(ip), port }).then(
      (conn) => {
        if (c.cancelled || this.#closed) return closeQuietly(conn);
        c.respond(some(this.#add(conn).id));
      },
      () => c.respond(0),
    );
  }

  // ---- take -----------------------------------------------------------------

  #take(c: DeviceCall, id: Val): void {
    const conn = this.#conn(id);
    if (!conn) return c.respond(EMPTY_BAR);
    conn.takers.push(c);
    this.#serveTakes(conn);
  }

  #serveTakes(conn: Connection): void {
    const t = conn.takers;
    while (t.length > 0 && t[0].cancelled) t.shift();
    while (t.length > 0 && conn.chunks.length > 0) {
      const taker = t.shift()!;
      if (taker.cancelled) continue;
      const chunk = conn.chunks.shift()!;
      if (chunk === null) {
        taker.respond(EMPTY_BAR);
        this.#forget(conn);
        return;
      }
      taker.respond(mkBar(chunk));
      while (t.length > 0 && t[0].cancelled) t.shift();
    }
    if (t.length > 0 && !conn.reading && !conn.closed) void this.#read(conn);
  }

  async #read(conn: Connection): Promise<void> {
    conn.reading = true;
    const buf = new Uint8Array(TAKE_MAX);
    let chunk: Uint8Array | null;
    try {
      const n = await conn.conn.read(buf);
      chunk = n === null || n === 0 ? null : buf.slice(0, n);
    } catch {
      chunk = null; // a read error reads as the end of the stream
    }
    conn.reading = false;
    if (conn.closed) return;
    conn.chunks.push(chunk);
    this.#serveTakes(conn);
  }

  // ---- give -----------------------------------------------------------------

  #give(c: DeviceCall, id: Val, payload: Val): void {
    const conn = this.#conn(id);
    const bytes = barOf(payload);
    if (!conn || bytes === null) return c.respond(0);
    const data = bytes.slice();
    conn.writes = conn.writes.then(async () => {
      if (conn.closed) return c.respond(0);
      try {
        const n = data.length === 0 ? 0 : await conn.conn.write(data);
        c.respond(some(n));
      } catch {
        c.respond(0);
        this.#forget(conn);
      }
    });
  }
}

function closeQuietly(c: Deno.Conn): void {
  try {
    c.close();
  } catch { /* already closed */ }
}
