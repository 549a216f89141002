/**
 * The tcp device against real sockets on 127.0.0.1: mine, hear (FIFO,
 * cancelled), open (success, refused, out of range), take (data, split
 * reads, end of stream, unknown conn, cancelled take keeps its data), give
 * (partial answer shape, unknown conn, non-bar), shut, malformed requests
 * and closing the device.
 */

import assert from "node:assert/strict";
import { ipNat, ipText, TcpDevice } from "../runtime/machine/devices/tcp.ts";
import { LiveRequest } from "../runtime/machine/request.ts";
import { CLO, deref, type Val } from "../runtime/plan/value.ts";
import { barOf, mkBar } from "../runtime/jets/data.ts";
import { rowItems } from "../runtime/plan/shapes.ts";
import { t } from "./machine_cogs.ts";

const LOOPBACK = 16777343;

/** Sends a request; resolves with its answer. */
function ask(dev: TcpDevice, args: Val[]): Promise<Val> {
  return new Promise((resolve) =>
    dev.call(new LiveRequest(0, args, (_r, v) => resolve(v)))
  );
}

/** Sends a request that the test may cancel. */
function askLive(
  dev: TcpDevice,
  args: Val[],
): { req: LiveRequest; answer: Promise<Val> } {
  let resolve!: (v: Val) => void;
  const answer = new Promise<Val>((r) => (resolve = r));
  const req = new LiveRequest(0, args, (_r, v) => resolve(v));
  dev.call(req);
  return { req, answer };
}

function device(): TcpDevice {
  const d = new TcpDevice({ log: () => {} });
  d.open();
  return d;
}

/** The x of `(0 x)`, or null for anything else. */
function some(v: Val): Val | null {
  v = deref(v);
  if (typeof v !== "object" || v.t !== CLO || v.head !== 0 || v.args.length !== 1) {
    return null;
  }
  return v.args[0];
}

function text(v: Val): string {
  const b = barOf(deref(v));
  assert.ok(b !== null, "a bar");
  return new TextDecoder().decode(b);
}

const enc = (s: string) => new TextEncoder().encode(s);

async function readAll(c: Deno.Conn, n: number): Promise<string> {
  const buf = new Uint8Array(n);
  let got = 0;
  for (let i = 0; i < 1000 && got < n; i++) {
    const k = await c.read(buf.subarray(got));
    if (k === null) break;
    got += k;
  }
  return new TextDecoder().decode(buf.subarray(0, got));
}

Deno.test("tcp: ip nats match the spec's byte order", () => {
  assert.equal(ipNat("127.0.0.1"), LOOPBACK);
  assert.equal(ipText(LOOPBACK), "127.0.0.1");
  assert.equal(ipNat("::1"), 0);
  assert.equal(ipNat("300.0.0.1"), 0);
});

Deno.test("tcp: mine, hear, take, give, shut with a real client", async () => {
  const dev = device();
  try {
    const port = await ask(dev, [t("mine")]);
    assert.equal(port, dev.port);
    assert.ok(dev.port > 0);
    const heard = ask(dev, [t("hear")]);
    const client = await Deno.connect({ hostname: "127.0.0.1", port: dev.port });
    const triple = rowItems(deref(await heard));
    assert.ok(triple !== null && triple.length === 3);
    const [id, ip, peer] = triple;
    assert.equal(id, 0);
    assert.equal(ip, LOOPBACK);
    assert.equal(peer, (client.localAddr as Deno.NetAddr).port);

    await client.write(enc("hello"));
    assert.equal(text(await ask(dev, [t("take"), id])), "hello");

    const sent = some(await ask(dev, [t("give"), id, mkBar(enc("world!"))]));
    assert.equal(sent, 6);
    assert.equal(await readAll(client, 6), "world!");

    // End of stream: an empty bar, and the connection is forgotten.
    client.closeWrite();
    assert.equal(text(await ask(dev, [t("take"), id])), "");
    assert.equal(dev.connections, 0);
    assert.equal(await ask(dev, [t("give"), id, mkBar(enc("x"))]), 0);
    client.close();
  } finally {
    dev.close();
  }
});

Deno.test("tcp: data split over several writes arrives in order; 4096-byte limit", async () => {
  const dev = device();
  try {
    const heard = ask(dev, [t("hear")]);
    const client = await Deno.connect({ hostname: "127.0.0.1", port: dev.port });
    const id = rowItems(deref(await heard))![0];
    const big = new Uint8Array(10_000).map((_, i) => 65 + (i % 26));
    await client.write(big.subarray(0, 5000));
    await client.write(big.subarray(5000));
    client.closeWrite();
    const got: number[] = [];
    for (let i = 0; i < 100; i++) {
      const b = barOf(deref(await ask(dev, [t("take"), id])))!;
      assert.ok(b.length <= 4096);
      if (b.length === 0) break;
      got.push(...b);
    }
    assert.deepEqual(new Uint8Array(got), big);
    client.close();
  } finally {
    dev.close();
  }
});

Deno.test("tcp: hears are served first come first served; a cancelled hear is skipped", async () => {
  const dev = device();
  try {
    const a = askLive(dev, [t("hear")]);
    const b = askLive(dev, [t("hear")]);
    const c = askLive(dev, [t("hear")]);
    b.req.cancel();
    const c1 = await Deno.connect({ hostname: "127.0.0.1", port: dev.port });
    const c2 = await Deno.connect({ hostname: "127.0.0.1", port: dev.port });
    const ra = rowItems(deref(await a.answer))!;
    const rc = rowItems(deref(await c.answer))!;
    assert.equal(ra[2], (c1.localAddr as Deno.NetAddr).port);
    assert.equal(rc[2], (c2.localAddr as Deno.NetAddr).port);
    assert.deepEqual([ra[0], rc[0]], [0, 1]);
    assert.equal(b.req.settled && b.req.cancelled, true);
    c1.close();
    c2.close();
  } finally {
    dev.close();
  }
});

Deno.test("tcp: a cancelled take leaves the data for the next take", async () => {
  const dev = device();
  try {
    const heard = ask(dev, [t("hear")]);
    const client = await Deno.connect({ hostname: "127.0.0.1", port: dev.port });
    const id = rowItems(deref(await heard))![0];
    const first = askLive(dev, [t("take"), id]);
    first.req.cancel();
    await client.write(enc("kept"));
    assert.equal(text(await ask(dev, [t("take"), id])), "kept");
    client.close();
  } finally {
    dev.close();
  }
});

Deno.test("tcp: open connects to a loopback server; give and take both ways", async () => {
  const server = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const dev = device();
  try {
    const port = (server.addr as Deno.NetAddr).port;
    const accepted = server.accept();
    const id = some(await ask(dev, [t("open"), LOOPBACK, port]));
    assert.equal(typeof id, "number");
    const peer = await accepted;
    assert.equal(some(await ask(dev, [t("give"), id!, mkBar(enc("ping"))])), 4);
    assert.equal(await readAll(peer, 4), "ping");
    await peer.write(enc("pong"));
    assert.equal(text(await ask(dev, [t("take"), id!])), "pong");
    // Shut closes our end: the peer sees the end of the stream.
    assert.equal(await ask(dev, [t("shut"), id!]), 0);
    assert.equal(await peer.read(new Uint8Array(8)), null);
    assert.equal(text(await ask(dev, [t("take"), id!])), "");
    peer.close();
  } finally {
    dev.close();
    server.close();
  }
});

Deno.test("tcp: open fails with 0 when refused or out of range", async () => {
  const dev = device();
  try {
    // A port that was just free: bind, note, close.
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (l.addr as Deno.NetAddr).port;
    l.close();
    assert.equal(await ask(dev, [t("open"), LOOPBACK, port]), 0);
    assert.equal(await ask(dev, [t("open"), 2 ** 32, 80]), 0);
    assert.equal(await ask(dev, [t("open"), LOOPBACK, 2 ** 16]), 0);
    assert.equal(dev.connections, 0);
  } finally {
    dev.close();
  }
});

Deno.test("tcp: unknown connections and malformed requests answer 0 or an empty bar", async () => {
  const dev = device();
  try {
    assert.equal(text(await ask(dev, [t("take"), 99])), "");
    assert.equal(await ask(dev, [t("give"), 99, mkBar(enc("x"))]), 0);
    assert.equal(await ask(dev, [t("shut"), 99]), 0);
    assert.equal(await ask(dev, []), 0);
    assert.equal(await ask(dev, [t("mine"), 1]), 0);
    assert.equal(await ask(dev, [t("bogus")]), 0);
    assert.equal(await ask(dev, [t("open"), LOOPBACK]), 0);
    // A give whose payload is not a bar.
    const heard = ask(dev, [t("hear")]);
    const client = await Deno.connect({ hostname: "127.0.0.1", port: dev.port });
    const id = rowItems(deref(await heard))![0];
    assert.equal(await ask(dev, [t("give"), id, 12345]), 0);
    client.close();
  } finally {
    dev.close();
  }
});

Deno.test("tcp: a client that disconnects mid-take yields an empty bar; close ends everything", async () => {
  const dev = device();
  const heard = ask(dev, [t("hear")]);
  const client = await Deno.connect({ hostname: "127.0.0.1", port: dev.port });
  const id = rowItems(deref(await heard))![0];
  const pending = ask(dev, [t("take"), id]);
  client.close();
  assert.equal(text(await pending), "");
  assert.equal(dev.connections, 0);
  const h2 = ask(dev, [t("hear")]);
  const c2 = await Deno.connect({ hostname: "127.0.0.1", port: dev.port });
  const id2 = rowItems(deref(await h2))![0];
  assert.equal(id2, 1, "ids are never reused");
  const stuck = ask(dev, [t("take"), id2]);
  dev.close();
  assert.equal(text(await stuck), "");
  assert.equal(await ask(dev, [t("mine")]), 0, "a closed device answers 0");
  c2.close();
});
