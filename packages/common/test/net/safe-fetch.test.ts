import { createServer, type RequestListener } from "node:http";
import net, { type AddressInfo } from "node:net";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundError, type OutboundPolicy, safeGet, safeRequest } from "../../src/net/index.ts";

// Real HTTP servers on this machine's loopback. The guard's policy is passed explicitly: "strict"
// is production's (https, public addresses), "local" lets tests reach their own servers.
const strict: OutboundPolicy = { allowHttp: false, allowPrivate: false };
const httpPublic: OutboundPolicy = { allowHttp: true, allowPrivate: false };
const local: OutboundPolicy = { allowHttp: true, allowPrivate: true };

interface TestServer {
  port: number;
  origin: string;
  hits: number;
  /** Set when the server saw a connection close before it finished answering. */
  closedEarly: boolean;
  close(): Promise<void>;
}

async function listen(handler: RequestListener): Promise<TestServer> {
  const state = { hits: 0, closedEarly: false };
  const server = createServer((req, res) => {
    state.hits += 1;
    res.on("close", () => {
      if (!res.writableFinished) state.closedEarly = true;
    });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    get hits() {
      return state.hits;
    },
    get closedEarly() {
      return state.closedEarly;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let target: TestServer;
let hops: TestServer;

beforeAll(async () => {
  target = await listen((_req, res) => res.end("the target"));
  hops = await listen((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
    if (chain) {
      const left = Number(chain[1]);
      if (left === 0) return res.end("end of the chain");
      return res.writeHead(302, { location: `/chain/${left - 1}` }).end();
    }
    const to = url.searchParams.get("to");
    if (to) return res.writeHead(307, { location: to }).end();
    res.end("hops");
  });
});

afterAll(async () => {
  await Promise.all([target.close(), hops.close()]);
});

async function refusal(promise: Promise<unknown>): Promise<OutboundError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(OutboundError);
  return caught as OutboundError;
}

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe("safeGet: where it connects", () => {
  it("refuses a hostname that resolves to loopback (localhost), before connecting", async () => {
    const before = target.hits;
    const error = await refusal(safeGet(`http://localhost:${target.port}/`, { timeoutMs: 5000, policy: httpPublic }));
    expect(error.code).toBe("address_not_allowed");
    expect(error.message).toMatch(/localhost resolves to .*loopback/);
    expect(target.hits).toBe(before);
  });

  it.each([
    "http://127.0.0.1:9/",
    "http://[::1]:9/",
    "http://[::ffff:127.0.0.1]:9/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://[fe80::1]/",
    "http://0.0.0.0:9/",
    "http://2130706433/",
    "http://0x7f.1/",
  ])("refuses %s (the address in the URL is checked too)", async (url) => {
    expect((await refusal(safeGet(url, { timeoutMs: 5000, policy: httpPublic }))).code).toBe("address_not_allowed");
  });

  it("refuses a redirect from an allowed origin to loopback, by address or by name, without asking it", async () => {
    const before = target.hits;
    const options = { timeoutMs: 5000, policy: httpPublic, trustedOrigins: [hops.origin] };
    for (const to of [`http://127.0.0.1:${target.port}/`, `http://localhost:${target.port}/`]) {
      const error = await refusal(safeGet(`${hops.origin}/?to=${encodeURIComponent(to)}`, options));
      expect(error.code).toBe("address_not_allowed");
    }
    expect(target.hits).toBe(before);
    // The allowed origin itself answers.
    expect(await text((await safeGet(`${hops.origin}/`, options)).body)).toBe("hops");
  });

  it("reaches private addresses only when the policy allows them, through every redirect", async () => {
    const res = await safeGet(`${hops.origin}/?to=${encodeURIComponent(`http://localhost:${target.port}/`)}`, {
      timeoutMs: 5000,
      policy: local,
    });
    expect([res.status, res.url, await text(res.body)]).toEqual([
      200,
      `http://localhost:${target.port}/`,
      "the target",
    ]);
    // Still never the metadata service.
    const metadata = encodeURIComponent("http://169.254.169.254/latest/meta-data/");
    const error = await refusal(safeGet(`${hops.origin}/?to=${metadata}`, { timeoutMs: 5000, policy: local }));
    expect(error.code).toBe("address_not_allowed");
  });

  it("follows at most 5 redirects", async () => {
    const res = await safeGet(`${hops.origin}/chain/5`, { timeoutMs: 5000, policy: local });
    expect(await text(res.body)).toBe("end of the chain");
    const error = await refusal(safeGet(`${hops.origin}/chain/6`, { timeoutMs: 5000, policy: local }));
    expect(error.code).toBe("too_many_redirects");
  });

  it("takes https only when plain http is not allowed (production), and never another scheme", async () => {
    expect((await refusal(safeGet(`${target.origin}/`, { timeoutMs: 5000, policy: strict }))).code).toBe(
      "scheme_not_allowed",
    );
    // A redirect cannot step down to http either.
    const down = `${hops.origin}/?to=${encodeURIComponent(`${target.origin}/`)}`;
    const trusted = { timeoutMs: 5000, policy: strict, trustedOrigins: [hops.origin] };
    expect((await refusal(safeGet(down, trusted))).code).toBe("scheme_not_allowed");
    for (const url of ["file:///etc/passwd", "ftp://example.com/x", "data:text/plain,hi", "gopher://x/"]) {
      expect((await refusal(safeGet(url, { timeoutMs: 5000, policy: local }))).code, url).toBe("scheme_not_allowed");
    }
    expect((await refusal(safeGet("not a url", { timeoutMs: 5000, policy: local }))).code).toBe("bad_url");
  });
});

describe("safeGet: how much it reads", () => {
  it("refuses a body whose Content-Length is over the cap before reading it", async () => {
    const big = await listen((_req, res) => {
      res.writeHead(200, { "content-length": String(10 * 1024 * 1024) });
      res.write(Buffer.alloc(64 * 1024));
    });
    try {
      const error = await refusal(safeGet(`${big.origin}/`, { timeoutMs: 5000, policy: local, maxBytes: 1024 * 1024 }));
      expect(error.code).toBe("too_large");
    } finally {
      await big.close();
    }
  });

  it("cuts a body that declares no length (read until close) at the cap, and closes the connection", async () => {
    let written = 0;
    let connectionClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      connectionClosed = resolve;
    });
    // A raw server: headers without a length, then bytes for as long as anyone reads.
    const endless = net.createServer((socket) => {
      socket.once("data", () => {
        socket.write("HTTP/1.1 200 OK\r\ncontent-type: video/mp4\r\nconnection: close\r\n\r\n");
        const chunk = Buffer.alloc(64 * 1024, 7);
        const pump = () => {
          while (!socket.destroyed && socket.write(chunk)) written += chunk.length;
          if (!socket.destroyed) socket.once("drain", pump);
        };
        pump();
      });
      socket.on("error", () => {});
      socket.on("close", () => connectionClosed());
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    const { port } = endless.address() as AddressInfo;
    const cap = 2 * 1024 * 1024;
    try {
      const res = await safeGet(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000, policy: local, maxBytes: cap });
      expect(res.contentLength).toBeUndefined();
      let received = 0;
      const error = await refusal(
        (async () => {
          for await (const chunk of res.body) received += (chunk as Buffer).length;
        })(),
      );
      expect(error.code).toBe("too_large");
      expect(received).toBeLessThanOrEqual(cap);
      // The reader gave up at the cap, so the connection closes (else this waits until the test times out).
      await closed;
      // The server stopped soon after the cap: it wrote at most what the socket buffers held.
      expect(written).toBeLessThan(cap + 16 * 1024 * 1024);
    } finally {
      endless.close();
    }
  });
});

describe("safeRequest: a POST that follows nothing (webhooks)", () => {
  it("sends the body, and answers a redirect as it is instead of following it", async () => {
    const echo = await listen(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (req.url === "/moved") return res.writeHead(308, { location: `${target.origin}/` }).end();
      res.end(`${req.method} ${Buffer.concat(chunks).toString("utf8")}`);
    });
    try {
      const options = { timeoutMs: 5000, policy: local, method: "POST" as const, body: "{}", followRedirects: false };
      expect(await text((await safeRequest(`${echo.origin}/`, options)).body)).toBe("POST {}");
      const before = target.hits;
      const moved = await safeRequest(`${echo.origin}/moved`, options);
      moved.body.resume();
      expect(moved.status).toBe(308);
      expect(target.hits).toBe(before);
    } finally {
      await echo.close();
    }
  });

  it("reaches loopback, and only loopback, when the policy allows loopback", async () => {
    const loopbackOnly: OutboundPolicy = { allowHttp: true, allowPrivate: false, allowLoopback: true };
    const res = await safeRequest(`${target.origin}/`, { timeoutMs: 5000, policy: loopbackOnly });
    expect(await text(res.body)).toBe("the target");
    const error = await refusal(safeRequest("http://10.0.0.1/", { timeoutMs: 5000, policy: loopbackOnly }));
    expect(error.code).toBe("address_not_allowed");
  });
});
