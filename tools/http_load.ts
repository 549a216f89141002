/**
 * Load test for the web-note demo: boots it on a free port of 127.0.0.1,
 * runs up to 1000 keep-alive client connections for up to 60 s (one in ten
 * requests is a POST), then checks that the cog counted every successful
 * POST, restarts the machine and checks again. Prints requests/s, p50/p99
 * latency and failures.
 *
 * Usage: `deno run -A tools/http_load.ts [CONNECTIONS=1000] [SECONDS=30]`
 *
 * @module
 */

const ROOT = new URL("..", import.meta.url).pathname;
const MAIN = `${ROOT}cmd/main.ts`;

const conns = Math.min(1000, Math.max(1, Number(Deno.args[0] ?? 1000)));
const seconds = Math.min(60, Math.max(1, Number(Deno.args[1] ?? 30)));

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The machine as a child process; resolves its port from its log. */
function startMachine(
  args: string[],
): { child: Deno.ChildProcess; port: Promise<number> } {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const port = (async () => {
    let buf = "";
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`machine exited:\n${buf}`);
      buf += value;
      const m = /%http %serving %on %port (\d+)\]/.exec(buf);
      if (m) {
        void (async () => {
          for (;;) if ((await reader.read()).done) break;
        })();
        return Number(m[1]);
      }
    }
  })();
  return { child, port };
}

async function stopMachine(child: Deno.ChildProcess): Promise<void> {
  child.kill("SIGINT");
  const s = await child.status;
  if (s.code !== 0) throw new Error(`machine exited with ${s.code}`);
}

/** One keep-alive client connection. */
class Client {
  #buf = new Uint8Array(0);
  constructor(readonly conn: Deno.Conn) {}

  /** Sends a request and reads its response; returns [status, body]. */
  async request(req: string): Promise<[number, string]> {
    const b = enc.encode(req);
    for (let off = 0, i = 0; off < b.length && i < 1000; i++) {
      off += await this.conn.write(b.subarray(off));
    }
    for (let i = 0; i < 100_000; i++) {
      const text = dec.decode(this.#buf);
      const end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        const m = /content-length: (\d+)/i.exec(text.slice(0, end));
        const len = m ? Number(m[1]) : 0;
        if (this.#buf.length >= end + 4 + len) {
          const body = dec.decode(this.#buf.subarray(end + 4, end + 4 + len));
          this.#buf = this.#buf.slice(end + 4 + len);
          return [Number(text.slice(9, 12)), body];
        }
      }
      const chunk = new Uint8Array(16384);
      const n = await this.conn.read(chunk);
      if (n === null) throw new Error("connection closed");
      const next = new Uint8Array(this.#buf.length + n);
      next.set(this.#buf);
      next.set(chunk.subarray(0, n), this.#buf.length);
      this.#buf = next;
    }
    throw new Error("response never completed");
  }
}

async function getCount(port: number): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${port}/count`);
  return Number(await r.text());
}

const tmp = Deno.makeTempDirSync({ prefix: "pallas-load-" });
Deno.copyFileSync(`${ROOT}sire/demo_web_note.sire`, `${tmp}/demo_web_note.sire`);
Deno.copyFileSync(`${ROOT}sire/lib/http.sire`, `${tmp}/http.sire`);
const first = startMachine(["boot", `${tmp}/m`, `${tmp}/demo_web_note.sire`, "--start"]);
const port = await first.port;
console.log(`machine on 127.0.0.1:${port}; ${conns} connections for ${seconds} s`);

const latencies: number[] = [];
let failures = 0;
let posts = 0;
const deadline = performance.now() + seconds * 1000;

async function worker(i: number): Promise<void> {
  let client: Client;
  try {
    client = new Client(await Deno.connect({ hostname: "127.0.0.1", port }));
  } catch {
    failures++;
    return;
  }
  for (let n = 0; n < 1_000_000 && performance.now() < deadline; n++) {
    const post = (n + i) % 10 === 0;
    const body = `note ${i}.${n}`;
    const req = post
      ? `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`
      : "GET /count HTTP/1.1\r\nHost: x\r\n\r\n";
    const t0 = performance.now();
    try {
      const [status] = await client.request(req);
      latencies.push(performance.now() - t0);
      if (status !== 200) failures++;
      else if (post) posts++;
    } catch {
      failures++;
      break;
    }
  }
  client.conn.close();
}

const t0 = performance.now();
await Promise.all(Array.from({ length: conns }, (_, i) => worker(i)));
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
const counted = await getCount(port);
await stopMachine(first.child);
const second = startMachine(["start", `${tmp}/m`]);
const afterRestart = await getCount(await second.port);
await stopMachine(second.child);

console.log(JSON.stringify(
  {
    connections: conns,
    seconds: Number(elapsed.toFixed(1)),
    requests: latencies.length,
    failures,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50ms: Number(pct(0.5)?.toFixed(1)),
    p99ms: Number(pct(0.99)?.toFixed(1)),
    posts,
    countedByCog: counted,
    countedAfterRestart: afterRestart,
    lostState: counted !== posts || afterRestart !== posts,
  },
  null,
  2,
));
Deno.removeSync(tmp, { recursive: true });
