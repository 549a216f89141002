/**
 * The upstream-compatible HTTP modules (`lib_http`, `proc_http`) load from
 * the embedded library with every `=?=` passing, parse a request that
 * arrives in one or in many chunks the way upstream's do, and serve HTTP
 * from a booted machine.
 *
 * @module
 */

import assert from "node:assert/strict";
import { lookupValue } from "../sire/compiler/mod.ts";
import { force } from "../runtime/plan/eval.ts";
import { apply, CLO, type Clo, type Val } from "../runtime/plan/value.ts";
import { barBytes, makeBar } from "../runtime/plan/shapes.ts";
import { loadOnLibrary } from "../tools/stdlib_common.ts";
import { Pallas } from "./machine_proc.ts";

const state = loadOnLibrary(`#### httplibcheck <- proc_http

:| proc_http
`);

function fn(name: string): Val {
  const v = lookupValue(state, name);
  if (v === undefined) throw new Error(`no ${name}`);
  return v;
}

const ENC = new TextEncoder();
const DEC = new TextDecoder();
const bar = (s: string): Val => makeBar(ENC.encode(s));
const text = (v: Val): string => DEC.decode(barBytes(force(v))!);
const call = (name: string, ...args: Val[]): Val => force(apply(fn(name), ...args));

/** x of (SOME x), the closure (0 x). */
function fromSome(v: Val): Val {
  assert.ok(typeof v === "object" && v.t === CLO, "expected SOME");
  return (v as Clo).args[0];
}

/** Feeds chunks to processHttpChunk, then makeRequest: the Maybe request. */
function parse(chunks: string[]): Val {
  let buf = call("emptyBuffer", 0, 0);
  for (const c of chunks) buf = call("processHttpChunk", buf, bar(c));
  return call("makeRequest", buf);
}

Deno.test("lib_http: a request in one chunk", () => {
  const req = parse([
    "POST /changed HTTP/1.0\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
  ]);
  const r = fromSome(req);
  assert.equal(text(call("getReqMethod", r)), "POST");
  assert.equal(text(call("getReqPath", r)), "/changed");
  assert.equal(text(call("getReqBody", r)), "hello");
});

Deno.test("lib_http: headers split over reads; a body in several reads never completes (as upstream's)", () => {
  const get = parse(["GET /no", "te HTTP/1.0\r\nHo", "st: x\r\n", "\r\n"]);
  assert.equal(text(call("getReqPath", fromSome(get))), "/note");
  assert.equal(parse(["POST / HTTP/1.0\r\nContent-Length: 4\r\n\r\nab", "cd"]), 0);
  // No header line at all: the blank line after the request line is not seen.
  assert.equal(parse(["GET / HTTP/1.0\r\n\r\n"]), 0);
});

Deno.test("proc_http: a handler's answer as bytes", () => {
  const row = call("v4", fn("emptyTab"), bar("hi"), 200, bar("OK"));
  const bytes = text(call("httpResToBar", call("appResponseToHTTP", row)));
  assert.equal(
    bytes,
    "HTTP/1.0 200 OK\r\nServer: Pallas/0.1\r\nContent-Length: 2\r\n\r\nhi",
  );
});

/** A machine serving HTTP with proc_http's httpServer on the cog kernel. */
const ECHO = `#### http_echo <- proc_http

:| proc_http

= (answer req return)
| return [emptyTab (barWeld b#{you asked for } (getReqPath req)) 200 b#OK]

= (start return)
: _ < work (EXEC (httpServer answer)) (msg k & k 0)
| return ()

= (reads st procId query) (query st)

main=(runCog 0 reads start)
`;

Deno.test("proc_http: a booted machine answers HTTP requests", async () => {
  const tmp = Deno.makeTempDirSync({ prefix: "pallas-proc-http-" });
  Deno.writeTextFileSync(`${tmp}/http_echo.sire`, ECHO);
  const p = new Pallas(["boot", `${tmp}/m`, `${tmp}/http_echo.sire`, "--start"]);
  try {
    const line = await p.waitFor((l) =>
      /^\+\+ \[%httpRunning b#\{visit http:\/\/localhost:\d+\}\]$/.test(l)
    );
    const port = Number(/:(\d+)\}\]$/.exec(line)![1]);
    for (const path of ["/hello", "/a/b"]) {
      const r = await fetch(`http://127.0.0.1:${port}${path}`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("server"), "Pallas/0.1");
      assert.equal(await r.text(), `you asked for ${path}`);
    }
  } finally {
    p.kill("SIGINT");
    await p.status();
    Deno.removeSync(tmp, { recursive: true });
  }
});
