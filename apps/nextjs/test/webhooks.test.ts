import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { signUp } from "./support/http";
import { createKey } from "./support/keys";
import { sdk } from "./support/sdk";
import { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";
import { startWorker, type WorkerProcess } from "./support/worker";

// Outbound webhooks end to end: the built app, the real worker delivering, and a real receiver
// that checks every delivery with the reference Standard Webhooks library.

interface Delivery extends ReceivedWebhook {
  verified: boolean;
}

/** What the receiver answers: per event id, by how many times that id came. */
let answer: (id: string, seen: number) => number = () => 200;
/** Whether each delivery verified with the endpoint's secret when it arrived. */
const verifiedOnArrival = new WeakMap<ReceivedWebhook, boolean>();
let secret = "";
let receiver: WebhookReceiver;

function verifies(one: ReceivedWebhook): boolean {
  try {
    new Webhook(secret).verify(one.body, one.headers);
    return true;
  } catch {
    return false;
  }
}

const ofEvent = (id: string): Delivery[] =>
  receiver.received
    .filter((d) => d.headers["webhook-id"] === id)
    .map((d) => ({ ...d, verified: verifiedOnArrival.get(d) ?? false }));

let app: AppServer;
let worker: WorkerProcess;
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
  receiver = await startWebhookReceiver((one, seen) => {
    verifiedOnArrival.set(one, verifies(one));
    return answer(one.headers["webhook-id"] ?? "", seen);
  });
  app = await startAppServer({ DATABASE_URL: databaseUrl, ...env });
  worker = startWorker(app, { ...env, DATABASE_URL: databaseUrl });
  ({ cookie } = await signUp("hooks@example.com", undefined, app.baseUrl));
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  await app?.stop();
  await receiver?.stop();
  await dropDatabase(databaseUrl);
});

const client = () => sdk({ cookie }, app.baseUrl);

async function createEndpoint() {
  const { data, response } = await client().POST("/webhooks", {
    body: { url: receiver.url, events: ["video.completed", "batch.completed"], description: "test receiver" },
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
      body: { url: receiver.url, events: ["video.exploded" as "video.completed"] },
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
    const refused = await keyClient.POST("/webhooks", { body: { url: receiver.url, events: ["video.completed"] } });
    expect(refused.response.status).toBe(403);
  });
});
