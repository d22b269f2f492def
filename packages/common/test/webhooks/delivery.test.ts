import { pool, transaction } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "../../src/account/index.ts";
import { mailsTo, type SmtpCapture, startSmtpCapture } from "../../src/testing/index.ts";
import {
  createWebhookEndpoint,
  deliveryBoss,
  drainWebhookDeliveries,
  emitWebhookEvent,
  getWebhookEndpoint,
  listWebhookDeliveries,
  rotateWebhookSecret,
} from "../../src/webhooks/index.ts";
import { createUser, type Received, startReceiver, until } from "./support.ts";

// Config is read on first use: the schedule runs in milliseconds and the receivers live on loopback.
process.env.WEBHOOK_RETRY_BASE_MS = "5";
process.env.WEBHOOK_ALLOW_LOOPBACK = "true";

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
});
afterAll(() => smtp.stop());

async function jobsOfQueue(): Promise<number> {
  await deliveryBoss(); // installs pg-boss's schema and the queue
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook-delivery'`,
  );
  return rows[0]?.n ?? 0;
}

async function deliveryOf(endpointId: string) {
  const page = await listWebhookDeliveries((await ownerOf(endpointId)) as string, endpointId, { limit: 10 });
  return page.items;
}

async function ownerOf(endpointId: string) {
  const { rows } = await pool().query<{ userId: string }>(`SELECT "userId" FROM webhook_endpoint WHERE id = $1`, [
    endpointId,
  ]);
  return rows[0]?.userId;
}

/** Runs the cron path until `check` holds. */
const deliverUntil = (check: () => Promise<boolean> | boolean) =>
  until(async () => {
    await drainWebhookDeliveries(2000);
    return check();
  });

describe("emitWebhookEvent", () => {
  it("writes nothing and queues nothing when the caller's transaction rolls back", async () => {
    const user = await createUser();
    const receiver = await startReceiver();
    await createWebhookEndpoint(user.id, { url: receiver.url, events: ["video.completed"] });
    const before = await jobsOfQueue();
    await expect(
      transaction(async (client) => {
        await emitWebhookEvent(client, { userId: user.id, type: "video.completed", data: { uuid: "x" } });
        throw new Error("the caller fails after emitting");
      }),
    ).rejects.toThrow("the caller fails");
    expect(await drainWebhookDeliveries(500)).toEqual({ attempts: 0 });
    expect(await jobsOfQueue()).toBe(before);
    const { rows } = await pool().query(`SELECT 1 FROM webhook_event WHERE "userId" = $1`, [user.id]);
    expect(rows).toHaveLength(0);
    expect(receiver.received).toHaveLength(0);
    await receiver.stop();
  });

  it("sends nothing before the caller commits, then delivers once, signed, to subscribed endpoints only", async () => {
    const user = await createUser();
    const receiver = await startReceiver();
    const other = await startReceiver();
    const endpoint = await createWebhookEndpoint(user.id, { url: receiver.url, events: ["video.completed"] });
    await createWebhookEndpoint(user.id, { url: other.url, events: ["credits.low"] });
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      await emitWebhookEvent(client, { userId: user.id, type: "video.completed", data: { uuid: "v1" } });
      // Another connection, as a worker would be: the job is not visible yet.
      expect(await drainWebhookDeliveries(500)).toEqual({ attempts: 0 });
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    await deliverUntil(() => receiver.received.length === 1);
    const one = receiver.received[0] as Received;
    expect(receiver.verify(one, endpoint.secret)).toMatchObject({ type: "video.completed", data: { uuid: "v1" } });
    expect(other.received).toHaveLength(0);
    await Promise.all([receiver.stop(), other.stop()]);
  });
});

describe("delivery", () => {
  it("retries a failing receiver on the schedule with the same event id, and logs every attempt", async () => {
    const user = await createUser();
    const receiver = await startReceiver((_req, all) => (all.length <= 2 ? [500, "down"] : 200));
    const endpoint = await createWebhookEndpoint(user.id, { url: receiver.url, events: ["credits.granted"] });
    await transaction((c) => emitWebhookEvent(c, { userId: user.id, type: "credits.granted", data: { credits: 5 } }));
    await deliverUntil(async () => (await deliveryOf(endpoint.id))[0]?.status === "SUCCEEDED");
    expect(receiver.received).toHaveLength(3);
    const ids = new Set(receiver.received.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    for (const r of receiver.received) receiver.verify(r, endpoint.secret);
    const [delivery] = await deliveryOf(endpoint.id);
    expect(delivery?.attempts).toBe(3);
    expect(delivery?.attemptLog.map((a) => [a.attempt, a.statusCode, a.responseBody])).toEqual([
      [1, 500, "down"],
      [2, 500, "down"],
      [3, 200, "ok"],
    ]);
    // Each retry waited at least its step of the schedule (base 5 ms: 5 ms, then 300 ms, less 10 %).
    const [a1, a2, a3] = delivery?.attemptLog ?? [];
    expect((a3?.createdAt.getTime() ?? 0) - (a2?.createdAt.getTime() ?? 0)).toBeGreaterThanOrEqual(270);
    expect(a1?.statusCode).toBe(500);
    expect((await getWebhookEndpoint(user.id, endpoint.id)).failingSince).toBeNull();
    await receiver.stop();
  });

  it("disables the endpoint when the receiver answers 410, and stops retrying", async () => {
    const user = await createUser();
    const receiver = await startReceiver(() => 410);
    const endpoint = await createWebhookEndpoint(user.id, { url: receiver.url, events: ["video.failed"] });
    await transaction((c) => emitWebhookEvent(c, { userId: user.id, type: "video.failed", data: {} }));
    await deliverUntil(async () => (await deliveryOf(endpoint.id))[0]?.status === "FAILED");
    const after = await getWebhookEndpoint(user.id, endpoint.id);
    expect(after).toMatchObject({ enabled: false, disabledReason: "gone" });
    expect(receiver.received).toHaveLength(1);
    // A later event creates no delivery for a disabled endpoint.
    await transaction((c) => emitWebhookEvent(c, { userId: user.id, type: "video.failed", data: {} }));
    expect(await deliveryOf(endpoint.id)).toHaveLength(1);
    await receiver.stop();
  });

  it("disables an endpoint failing for longer than the window and mails its owner", async () => {
    const user = await createUser();
    const receiver = await startReceiver(() => 503);
    const endpoint = await createWebhookEndpoint(user.id, { url: receiver.url, events: ["batch.completed"] });
    // Failing for four days already (the window is three).
    await pool().query(`UPDATE webhook_endpoint SET "failingSince" = now() - interval '4 days' WHERE id = $1`, [
      endpoint.id,
    ]);
    await transaction((c) => emitWebhookEvent(c, { userId: user.id, type: "batch.completed", data: {} }));
    await deliverUntil(async () => (await deliveryOf(endpoint.id))[0]?.status === "FAILED");
    expect(await getWebhookEndpoint(user.id, endpoint.id)).toMatchObject({ enabled: false, disabledReason: "failing" });
    expect(receiver.received).toHaveLength(1);
    await until(async () => (await mailsTo(smtp.dir, user.email)).length === 1);
    const [mail] = await mailsTo(smtp.dir, user.email);
    expect(mail?.subject).toMatch(/disabled/);
    expect(mail?.text).toContain(receiver.url);
    await receiver.stop();
  });

  it("signs with the old and the new secret for a day after a rotation", async () => {
    const user = await createUser();
    const receiver = await startReceiver();
    const endpoint = await createWebhookEndpoint(user.id, { url: receiver.url, events: ["credits.low"] });
    const rotated = await rotateWebhookSecret(user.id, endpoint.id);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previousSecretExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    await transaction((c) => emitWebhookEvent(c, { userId: user.id, type: "credits.low", data: { available: 3 } }));
    await deliverUntil(() => receiver.received.length === 1);
    const one = receiver.received[0] as Received;
    expect(one.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(receiver.verify(one, endpoint.secret)).toBeTruthy();
    expect(receiver.verify(one, rotated.secret)).toBeTruthy();
    // Once the overlap is over, only the new secret signs.
    await pool().query(
      `UPDATE webhook_endpoint SET "previousSecretExpiresAt" = now() - interval '1 second' WHERE id = $1`,
      [endpoint.id],
    );
    await transaction((c) => emitWebhookEvent(c, { userId: user.id, type: "credits.low", data: { available: 2 } }));
    await deliverUntil(() => receiver.received.length === 2);
    const second = receiver.received[1] as Received;
    expect(() => receiver.verify(second, endpoint.secret)).toThrow();
    expect(receiver.verify(second, rotated.secret)).toBeTruthy();
    await receiver.stop();
  });
});

describe("endpoints", () => {
  it("stores the secret encrypted, never in plain text", async () => {
    const user = await createUser();
    const endpoint = await createWebhookEndpoint(user.id, { url: "http://127.0.0.1:9/x", events: ["video.completed"] });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { rows } = await pool().query<{ s: string }>(
      `SELECT "secretEncrypted" AS s FROM webhook_endpoint WHERE id = $1`,
      [endpoint.id],
    );
    expect(rows[0]?.s).not.toContain(endpoint.secret.slice(6, 20));
  });

  it("refuses private, metadata and non-http targets, naming url", async () => {
    const user = await createUser();
    for (const url of [
      "http://10.0.0.1/x",
      "http://169.254.169.254/latest",
      "ftp://example.com/",
      "http://[fd00::1]/",
    ]) {
      const error = await createWebhookEndpoint(user.id, { url, events: ["video.completed"] }).catch((e: unknown) => e);
      expect(error, url).toMatchObject({ status: 400, details: { fields: [{ field: "body.url" }] } });
    }
  });
});

describe("account deletion", () => {
  it("removes the user's endpoints and events; an attempt still queued sends nothing", async () => {
    const user = await createUser();
    const receiver = await startReceiver();
    const endpoint = await createWebhookEndpoint(user.id, { url: receiver.url, events: ["video.completed"] });
    await transaction((c) => emitWebhookEvent(c, { userId: user.id, type: "video.completed", data: {} }));
    await deleteAccount(user.id);
    await drainWebhookDeliveries(1000);
    expect(receiver.received).toHaveLength(0);
    const { rows } = await pool().query(
      `SELECT 1 FROM webhook_endpoint WHERE id = $1 UNION ALL SELECT 1 FROM webhook_event WHERE "userId" = $2`,
      [endpoint.id, user.id],
    );
    expect(rows).toHaveLength(0);
    await receiver.stop();
  });
});
