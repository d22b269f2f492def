import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  stop(): Promise<void>;
}

/**
 * A real HTTP receiver on a loopback port that keeps every request; `answer` picks each
 * response's status from the request and how many times its webhook-id came so far (it is called
 * as the request arrives, so it may also look at it then). The body says "thanks" or "no (<status>)".
 */
export async function startWebhookReceiver(
  answer: (one: ReceivedWebhook, seen: number) => number = () => 200,
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const one = { headers, body: Buffer.concat(chunks).toString("utf8") };
    received.push(one);
    const seen = received.filter((r) => r.headers["webhook-id"] === headers["webhook-id"]).length;
    const status = answer(one, seen);
    res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "thanks" : `no (${status})`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
