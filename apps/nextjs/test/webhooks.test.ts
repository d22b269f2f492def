import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { signUp } from "./support/http";
import { createKey } from "./support/keys";
import { sdk } from "./support/sdk";

// Outbound webhooks end to end: the built app, the real worker delivering, and a real receiver
// that checks every delivery with the reference Standard Webhooks library.

interface Delivery {
  headers: Record<string, string>;
  body: string;
  verified: boolean;
}

/** What the receiver answers: per event id, by how many times that id came. */
let answer: (id: string, seen: number) => number = () => 200;
const deliveries: Delivery[] = [];
let secret = "";
let receiver: Server;
let receiverUrl: string;

async function startReceiver() {
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const body = Buffer.concat(chunks).toString("utf8");
    let verified = true;
    try {
      new Webhook(secret).verify(body, headers);
    } catch {
      verified = false;
    }
    deliveries.push({ headers, body, verified });
    const id = headers["webhook-id"] ?? "";
    const status = answer(id, deliveries.filter((d) => d.headers["webhook-id"] === id).length);
    res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "thanks" : `no (${status})`);
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
}

const ofEvent = (id: string) => deliveries.filter((d) => d.headers["webhook-id"] === id);

let app: AppServer;
let worker: ChildProcess;
let databaseUrl: string;
let cookie: string;

const env = {
  WEBHOOK_ALLOW_LOOPBACK: "true",
  OUTBOUND_ALLOW_HTTP: "true",
  // The schedule in milliseconds: 20 ms, then 1.2 s, …
  WEBHOOK_RETRY_BASE_MS: "20",
};

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_webhooks");
  await startReceiver();
  app = await startAppServer({ DATABASE_URL: databaseUrl, ...env });
  // The same worker `pnpm worker` runs, on the same database.
  worker = spawn(process.execPath, ["--import", "tsx", "src/jobs/worker-main.ts"], {
    cwd: path.resolve(import.meta.dirname, "../../../packages/common"),
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      APP_URL: app.baseUrl,
      // Signing secrets are encrypted under a key derived from it: the worker needs the app's.
      BETTER_AUTH_SECRET: TEST_SECRETS.BETTER_AUTH_SECRET,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  ({ cookie } = await signUp("hooks@example.com", undefined, app.baseUrl));
}, 90_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill("SIGTERM");
    await new Promise((r) => worker.once("exit", r));
  }
  await app?.stop();
  await new Promise((r) => receiver?.close(r));
  await dropDatabase(databaseUrl);
});

const client = () => sdk({ cookie }, app.baseUrl);

async function createEndpoint() {
  const { data, response } = await client().POST("/webhooks", {
    body: { url: receiverUrl, events: ["video.completed", "batch.completed"], description: "test receiver" },
  });
  expect(response.status).toBe(201);
  if (!data) throw new Error("no endpoint");
  return data.data;
}

async function ping(id: string) {
  const { data, response } = await client().POST("/webhooks/{id}/test", { params: { path: { id } } });
  expect(response.status).toBe(202);
  if (!data) throw new Error("no ping");
  return data.data;
}

async function deliveriesOf(id: string) {
  const { data } = await client().GET("/webhooks/{id}/deliveries", { params: { path: { id }, query: { limit: 50 } } });
  return data?.data.items ?? [];
}

describe("outbound webhooks over HTTP", () => {
  it("delivers a ping signed per Standard Webhooks; the library rejects a forged or expired one", async () => {
    const endpoint = await createEndpoint();
    secret = endpoint.secret;
    expect(secret).toMatch(/^whsec_/);
    // The secret is shown once: neither the list nor the endpoint carries it.
    const { data: listed } = await client().GET("/webhooks");
    expect(JSON.stringify(listed)).not.toContain(secret);

    const sent = await ping(endpoint.id);
    await expect.poll(() => ofEvent(sent.eventId).length, { timeout: 15_000 }).toBe(1);
    const [delivery] = ofEvent(sent.eventId) as [Delivery];
    expect(delivery.verified).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: "ping", data: { endpointId: endpoint.id } });
    expect(delivery.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);

    const wh = new Webhook(secret);
    const forgedBody = delivery.body.replace('"ping"', '"video.completed"');
    expect(() => wh.verify(forgedBody, delivery.headers)).toThrow(WebhookVerificationError);
    const otherSecret = new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`);
    const forgedSignature = otherSecret.sign(sent.eventId, new Date(), delivery.body);
    expect(() => wh.verify(delivery.body, { ...delivery.headers, "webhook-signature": forgedSignature })).toThrow(
      WebhookVerificationError,
    );
    // Correctly signed, but ten minutes old: a replay.
    const old = new Date(Date.now() - 10 * 60_000);
    const replay = {
      ...delivery.headers,
      "webhook-timestamp": String(Math.floor(old.getTime() / 1000)),
      "webhook-signature": wh.sign(sent.eventId, old, delivery.body),
    };
    expect(() => wh.verify(delivery.body, replay)).toThrow(/timestamp/i);
  });

  it("retries an event the receiver refuses twice with the same id; the log shows each attempt; a manual retry sends it again", async () => {
    const [endpoint] = (await client().GET("/webhooks")).data?.data ?? [];
    if (!endpoint) throw new Error("no endpoint");
    answer = (_id, seen) => (seen <= 2 ? 500 : 200);
    const sent = await ping(endpoint.id);
    await expect.poll(() => ofEvent(sent.eventId).length, { timeout: 20_000 }).toBe(3);
    answer = () => 200;
    const arrived = ofEvent(sent.eventId);
    expect(arrived.every((d) => d.verified)).toBe(true);
    expect(new Set(arrived.map((d) => d.body)).size).toBe(1);

    await expect
      .poll(async () => (await deliveriesOf(endpoint.id)).find((d) => d.id === sent.deliveryId)?.status, {
        timeout: 10_000,
      })
      .toBe("SUCCEEDED");
    const logged = (await deliveriesOf(endpoint.id)).find((d) => d.id === sent.deliveryId);
    expect(logged).toMatchObject({ eventId: sent.eventId, eventType: "ping", attempts: 3, lastStatusCode: 200 });
    expect(logged?.attemptLog.map((a) => [a.attempt, a.statusCode, a.responseBody])).toEqual([
      [1, 500, "no (500)"],
      [2, 500, "no (500)"],
      [3, 200, "thanks"],
    ]);
    expect(logged?.attemptLog.every((a) => a.durationMs >= 0 && a.error === null)).toBe(true);

    const { data: retried, response } = await client().POST("/webhooks/{id}/deliveries/{deliveryId}/retry", {
      params: { path: { id: endpoint.id, deliveryId: sent.deliveryId } },
    });
    expect(response.status).toBe(202);
    expect(retried?.data.attempt).toBe(4);
    await expect.poll(() => ofEvent(sent.eventId).length, { timeout: 15_000 }).toBe(4);
    expect(ofEvent(sent.eventId).at(-1)?.verified).toBe(true);
  });

  it("disables the endpoint when the receiver answers 410", async () => {
    const [endpoint] = (await client().GET("/webhooks")).data?.data ?? [];
    if (!endpoint) throw new Error("no endpoint");
    answer = () => 410;
    const sent = await ping(endpoint.id);
    await expect
      .poll(async () => (await client().GET("/webhooks/{id}", { params: { path: { id: endpoint.id } } })).data?.data, {
        timeout: 15_000,
      })
      .toMatchObject({ enabled: false, disabledReason: "gone" });
    expect(ofEvent(sent.eventId)).toHaveLength(1);
    answer = () => 200;
    // A disabled endpoint takes no test and no replay until it is turned on again.
    const { response } = await client().POST("/webhooks/{id}/test", { params: { path: { id: endpoint.id } } });
    expect(response.status).toBe(409);
    const replay = await client().POST("/webhooks/{id}/deliveries/{deliveryId}/retry", {
      params: { path: { id: endpoint.id, deliveryId: sent.deliveryId } },
    });
    expect(replay.response.status).toBe(409);
    const { data: on } = await client().PATCH("/webhooks/{id}", {
      params: { path: { id: endpoint.id } },
      body: { enabled: true },
    });
    expect(on?.data).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it("validates the URL and the events, naming the field", async () => {
    for (const url of ["http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "ftp://example.com/x"]) {
      const { error, response } = await client().POST("/webhooks", { body: { url, events: ["video.completed"] } });
      expect(response.status, url).toBe(400);
      expect(error?.error.details).toMatchObject({ fields: [{ field: "body.url" }] });
    }
    const { error, response } = await client().POST("/webhooks", {
      body: { url: receiverUrl, events: ["video.exploded" as "video.completed"] },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(error?.error.details)).toContain("body.events");
  });

  it("keeps endpoints to their owner and to the key's scopes", async () => {
    const [endpoint] = (await client().GET("/webhooks")).data?.data ?? [];
    if (!endpoint) throw new Error("no endpoint");
    const stranger = await signUp("stranger@example.com", undefined, app.baseUrl);
    const theirs = sdk({ cookie: stranger.cookie }, app.baseUrl);
    expect((await theirs.GET("/webhooks/{id}", { params: { path: { id: endpoint.id } } })).response.status).toBe(404);
    expect(
      (await theirs.GET("/webhooks/{id}/deliveries", { params: { path: { id: endpoint.id } } })).response.status,
    ).toBe(404);
    expect((await theirs.DELETE("/webhooks/{id}", { params: { path: { id: endpoint.id } } })).response.status).toBe(
      404,
    );
    const readOnly = await createKey(cookie, { scopes: ["webhooks:read"] }, app.baseUrl);
    const keyClient = sdk({ apiKey: readOnly.key }, app.baseUrl);
    expect((await keyClient.GET("/webhooks")).response.status).toBe(200);
    const refused = await keyClient.POST("/webhooks", { body: { url: receiverUrl, events: ["video.completed"] } });
    expect(refused.response.status).toBe(403);
  });
});
