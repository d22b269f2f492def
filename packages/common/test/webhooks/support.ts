import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@videofly/db";
import { Webhook } from "standardwebhooks";

export async function createUser(label = "hook"): Promise<{ id: string; email: string }> {
  const id = `usr_${label}_${randomUUID().slice(0, 8)}`;
  const email = `${id}@example.com`;
  await db().user.create({ data: { id, name: label, email } });
  return { id, email };
}

export interface Received {
  headers: Record<string, string>;
  body: string;
}

/**
 * A real receiver on a loopback port. `answer` picks each response's status (and body) from what
 * came so far; every request is kept with its headers and raw body.
 */
export async function startReceiver(answer: (req: Received, all: Received[]) => number | [number, string] = () => 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const one = { headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(one);
      const reply = answer(one, received);
      const [status, text] = Array.isArray(reply) ? reply : [reply, "ok"];
      res.writeHead(status, { "content-type": "text/plain" }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Verifies with the reference library: throws when the signature or timestamp is wrong. */
    verify: (one: Received, secret: string) => new Webhook(secret).verify(one.body, one.headers),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
