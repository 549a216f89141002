/**
 * The web-note demo (`sire/demo_web_note.sire` on `sire/lib/http.sire`) as
 * a real machine on a free port of 127.0.0.1: fetch GET, POST, GET, restart,
 * GET sees the POSTed note; then every request and response shape over raw
 * sockets — requests split over several writes, pipelined and kept-alive
 * requests, HTTP/1.0 and `Connection: close`, malformed requests (400),
 * oversized heads (431) and bodies (413), unknown routes and methods, and
 * clients that vanish mid-request.
 */

import assert from "node:assert/strict";
import { Pallas, pallas } from "./machine_proc.ts";

const ROOT = new URL("..", import.meta.url).pathname;

/** A temporary directory holding the demo and the http module beside it. */
function demoDir(): string {
  const tmp = Deno.makeTempDirSync({ prefix: "pallas-http-" });
  Deno.copyFileSync(`${ROOT}sire/demo_web_note.sire`, `${tmp}/demo_web_note.sire`);
  Deno.copyFileSync(`${ROOT}sire/lib/http.sire`, `${tmp}/http.sire`);
  return tmp;
}

/** Starts `pallas ...args` and resolves with it and its tcp port. */
async function serve(args: string[]): Promise<{ p: Pallas; port: number }> {
  const p = new Pallas(args);
  const line = await p.waitFor((l) => /^\+\+ \[%http %serving %on %port \d+\]$/.test(l));
  const m = /(\d+)\]$/.exec(line);
  assert.ok(m, `no http line:\n${p.lines.join("\n")}`);
  return { p, port: Number(m[1]) };
}

async function stop(p: Pallas): Promise<void> {
  p.kill("SIGINT");
  assert.equal((await p.status()).code, 0, p.lines.join("\n"));
}

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** One parsed response. */
interface Resp {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** A raw client connection that reads responses one by one. */
class Raw {
  buf = new Uint8Array(0);
  eof = false;
  constructor(readonly conn: Deno.Conn) {}

  static async open(port: number): Promise<Raw> {
    return new Raw(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  async send(s: string): Promise<void> {
    const b = enc(s);
    let off = 0;
    for (let i = 0; i < 1000 && off < b.length; i++) {
      off += await this.conn.write(b.subarray(off));
    }
  }

  async #fill(): Promise<boolean> {
    const chunk = new Uint8Array(65536);
    const n = await this.conn.read(chunk).catch(() => null);
    if (n === null) {
      this.eof = true;
      return false;
    }
    const next = new Uint8Array(this.buf.length + n);
    next.set(this.buf);
    next.set(chunk.subarray(0, n), this.buf.length);
    this.buf = next;
    return true;
  }

  /** Reads one complete response (null if the connection ends first). */
  async response(): Promise<Resp | null> {
    for (let i = 0; i < 10_000; i++) {
      const text = dec(this.buf);
      const end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
        const headers = new Map<string, string>();
        for (const l of lines) {
          const c = l.indexOf(":");
          headers.set(l.slice(0, c).toLowerCase(), l.slice(c + 1).trim());
        }
        const len = Number(headers.get("content-length"));
        const head = enc(text.slice(0, end + 4)).length;
        if (this.buf.length >= head + len) {
          const body = dec(this.buf.subarray(head, head + len));
          this.buf = this.buf.slice(head + len);
          return { status: Number(statusLine.split(" ")[1]), headers, body };
        }
      }
      if (!(await this.#fill())) return null;
    }
    throw new Error("response never completed");
  }

  /** True once the server has closed the connection (after any pending bytes). */
  async closed(): Promise<boolean> {
    for (let i = 0; i < 1000; i++) if (!(await this.#fill())) return true;
    return false;
  }

  close(): void {
    try {
      this.conn.close();
    } catch { /* closed */ }
  }
}

/** Waits a little, so that the next write reaches the server as its own read. */
const pause = () => new Promise((r) => setTimeout(r, 30));

Deno.test("http: the web-note demo keeps its POSTed note across a restart (fetch)", async () => {
  const tmp = demoDir();
  const dir = `${tmp}/m`;
  const { p, port } = await serve(["boot", dir, `${tmp}/demo_web_note.sire`, "--start"]);
  assert.ok(p.lines.some((l) => l === `pallas: tcp: listening on 127.0.0.1:${port}`));
  const base = `http://127.0.0.1:${port}`;
  let r = await fetch(`${base}/note`);
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "Nothing yet.");
  r = await fetch(`${base}/`, { method: "POST", body: "remember <me> & you" });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), "1");
  r = await fetch(`${base}/`);
  assert.equal(r.headers.get("content-type"), "text/html; charset=utf-8");
  const page = await r.text();
  assert.match(page, /<pre id="note">remember &lt;me&gt; &amp; you<\/pre>/);
  // A browser form: the field is decoded and the answer redirects to the page.
  r = await fetch(`${base}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "note=form+note%21",
    redirect: "manual",
  });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), "/");
  await r.body?.cancel();
  assert.equal(await (await fetch(`${base}/note`)).text(), "form note!");
  await stop(p);

  const again = await serve(["start", dir, "--port", "0"]);
  try {
    const b2 = `http://127.0.0.1:${again.port}`;
    assert.equal(await (await fetch(`${b2}/note`)).text(), "form note!");
    assert.equal(await (await fetch(`${b2}/count`)).text(), "2");
    assert.match(await (await fetch(`${b2}/`)).text(), /<span id="count">2<\/span>/);
  } finally {
    await stop(again.p);
  }
});

Deno.test("http: request and response shapes over raw sockets", async (t) => {
  const tmp = demoDir();
  const { p, port } = await serve([
    "boot",
    `${tmp}/m`,
    `${tmp}/demo_web_note.sire`,
    "--start",
  ]);
  try {
    await t.step("a request split over several reads (head and body)", async () => {
      const c = await Raw.open(port);
      const body = "split body ".repeat(500); // 5500 bytes: more than one take
      const req =
        `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
      const cuts = [7, 20, req.length - body.length - 3, req.length - 100, req.length];
      let off = 0;
      for (const cut of cuts) {
        await c.send(req.slice(off, cut));
        off = cut;
        await pause();
      }
      const r = await c.response();
      assert.equal(r?.status, 200);
      assert.equal(r?.headers.get("connection"), "keep-alive");
      c.close();
      assert.equal(await (await fetch(`http://127.0.0.1:${port}/note`)).text(), body);
    });

    await t.step(
      "keep-alive: several requests on one connection, two pipelined",
      async () => {
        const c = await Raw.open(port);
        await c.send("GET /count HTTP/1.1\r\nHost: x\r\n\r\n");
        const a = await c.response();
        assert.equal(a?.status, 200);
        await c.send(
          "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nonePOST / HTTP/1.1\r\ncontent-length: 3\r\n\r\ntwo",
        );
        const b = await c.response();
        const d = await c.response();
        assert.deepEqual([b?.body, d?.body], [
          String(Number(a?.body) + 1),
          String(Number(a?.body) + 2),
        ]);
        await c.send("GET /note HTTP/1.1\r\n\r\n");
        assert.equal((await c.response())?.body, "two");
        c.close();
      },
    );

    await t.step(
      "HTTP/1.0 and Connection: close end the connection after the answer",
      async () => {
        for (
          const req of [
            "GET /note HTTP/1.0\r\n\r\n",
            "GET /note HTTP/1.1\r\nConnection: close\r\n\r\n",
          ]
        ) {
          const c = await Raw.open(port);
          await c.send(req);
          const r = await c.response();
          assert.equal(r?.status, 200);
          assert.equal(r?.headers.get("connection"), "close");
          assert.equal(await c.closed(), true);
          c.close();
        }
        const c = await Raw.open(port);
        await c.send("GET /note HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assert.equal((await c.response())?.headers.get("connection"), "keep-alive");
        c.close();
      },
    );

    await t.step("malformed requests get 400 and a closed connection", async () => {
      for (
        const req of [
          "garbage\r\n\r\n",
          "GET /\r\n\r\n",
          "GET / HTTX/1.1\r\n\r\n",
          "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
          "POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n",
        ]
      ) {
        const c = await Raw.open(port);
        await c.send(req);
        const r = await c.response();
        assert.equal(r?.status, 400, req);
        assert.equal(r?.headers.get("connection"), "close");
        assert.equal(await c.closed(), true);
        c.close();
      }
    });

    await t.step("oversized heads (431) and bodies (413)", async () => {
      let c = await Raw.open(port);
      await c.send("GET / HTTP/1.1\r\nX-Big: " + "a".repeat(20_000));
      assert.equal((await c.response())?.status, 431);
      assert.equal(await c.closed(), true);
      c.close();
      c = await Raw.open(port);
      await c.send("POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n");
      assert.equal((await c.response())?.status, 413);
      assert.equal(await c.closed(), true);
      c.close();
    });

    await t.step("unknown routes and methods", async () => {
      const c = await Raw.open(port);
      await c.send(
        "GET /nope HTTP/1.1\r\n\r\nDELETE / HTTP/1.1\r\n\r\nPOST /x HTTP/1.1\r\n\r\n",
      );
      assert.equal((await c.response())?.status, 404);
      const r = await c.response();
      assert.equal(r?.status, 405);
      assert.equal(r?.body, "Method Not Allowed\r\n");
      assert.equal((await c.response())?.status, 404);
      c.close();
    });

    await t.step("clients that vanish mid-request leave the server serving", async () => {
      for (let i = 0; i < 5; i++) {
        const c = await Raw.open(port);
        await c.send(
          i % 2 ? "POST / HTTP/1.1\r\nContent-Length: 50\r\n\r\nabc" : "GET /no",
        );
        await pause();
        c.close();
      }
      const before = await (await fetch(`http://127.0.0.1:${port}/count`)).text();
      const c = await Raw.open(port);
      await c.send("GET /count HTTP/1.1\r\n\r\n");
      assert.equal((await c.response())?.body, before, "no partial POST was applied");
      c.close();
    });
  } finally {
    await stop(p);
  }
});

Deno.test("http: --port rejects a non-port", async () => {
  const r = await pallas(["start", "/nonexistent-dir", "--port", "70000"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not a port/);
});
