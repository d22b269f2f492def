import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { signUp, verifyEmail } from "./support/http";
import { sdk } from "./support/sdk";
import { startWebhookReceiver } from "./support/webhook-receiver";
import { startWorker, type WorkerProcess } from "./support/worker";

// A batch told to a receiver end to end: the built app, the real worker running the videos and
// the deliveries, the demo provider, and a receiver that verifies with the reference library.

const env = {
  WEBHOOK_ALLOW_LOOPBACK: "true",
  OUTBOUND_ALLOW_HTTP: "true",
  WEBHOOK_RETRY_BASE_MS: "20",
  SIGNUP_BONUS_CREDITS: "100",
  DEMO_PROVIDER_DELAY_MS: "300",
  VIDEO_POLL_INTERVAL_MS: "100",
};

/** The first video.completed the receiver sees is refused twice, then taken. */
let refused: string | undefined;
const receiver = await startWebhookReceiver((one, seen) => {
  const { type } = JSON.parse(one.body) as { type: string };
  if (type === "video.completed" && !refused) refused = one.headers["webhook-id"];
  return one.headers["webhook-id"] === refused && seen <= 2 ? 500 : 200;
});

let app: AppServer;
let worker: WorkerProcess;
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_batch_hooks");
  app = await startAppServer({ DATABASE_URL: databaseUrl, ...env });
  worker = startWorker(app, { ...env, DATABASE_URL: databaseUrl });
}, 90_000);

afterAll(async () => {
  await worker?.stop();
  await app?.stop();
  await receiver.stop();
  await dropDatabase(databaseUrl);
});

describe("a batch tells its receiver", () => {
  it("six signed video.completed and one batch.completed, each id distinct; a refused one still arrives", async () => {
    const { cookie } = await signUp("batch-hooks@example.com", undefined, app.baseUrl);
    await verifyEmail("batch-hooks@example.com", cookie);
    const client = sdk({ cookie }, app.baseUrl);
    const { data: endpoint } = await client.POST("/webhooks", {
      body: { url: receiver.url, events: ["video.completed", "video.failed", "batch.completed"] },
    });
    const secret = endpoint?.data.secret ?? "";

    const { data: created, response } = await client.POST("/batches", {
      body: {
        model: "kling-2.6",
        mode: "TEXT_TO_VIDEO",
        duration: 5,
        aspectRatio: "16:9",
        quality: "standard",
        template: "A {animal} in {style} style",
        variables: { animal: ["cat", "dog", "fox"], style: ["ink", "neon"] },
      },
    });
    expect(response.status).toBe(201);
    const batchId = created?.data.id ?? "";

    const typed = () =>
      receiver.received.map((r) => ({ ...r, event: JSON.parse(r.body) as { type: string; data: { id?: string } } }));
    await expect
      .poll(() => typed().filter((r) => r.event.type === "batch.completed").length, { timeout: 60_000 })
      .toBe(1);
    // The refused event's third attempt may still be on its way when the batch is done.
    await expect
      .poll(() => receiver.received.filter((r) => r.headers["webhook-id"] === refused).length, { timeout: 20_000 })
      .toBe(3);

    const verifier = new Webhook(secret);
    for (const one of receiver.received) expect(() => verifier.verify(one.body, one.headers)).not.toThrow();
    const firstOfEach = new Map(typed().map((r) => [r.headers["webhook-id"], r]));
    const events = [...firstOfEach.values()];
    expect(events.filter((e) => e.event.type === "video.completed")).toHaveLength(6);
    expect(events.filter((e) => e.event.type === "video.failed")).toHaveLength(0);
    const done = events.find((e) => e.event.type === "batch.completed");
    expect(done?.event.data).toMatchObject({ id: batchId, status: "completed", totalCount: 6 });

    const { data: batch } = await client.GET("/batches/{id}", { params: { path: { id: batchId } } });
    expect(batch?.data).toMatchObject({ status: "completed" });
  });
});
