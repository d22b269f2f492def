import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { reconcileCredits } from "@videofly/common";
import { pool } from "@videofly/db";
import type { components } from "@videofly/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { fieldsOf, verifyEmail } from "./support/http";
import { createKey } from "./support/keys";
import { sdk } from "./support/sdk";

// Its own app server on this file's database (so the test reads the same books the app writes),
// with the fast demo provider and a concurrency limit of 2; the worker test spawns real workers.
const ADMIN = "batches-admin@videofly.test";
let app: AppServer;
const workers: ChildProcess[] = [];

type Batch = components["schemas"]["Batch"];
type CreateBody = components["schemas"]["CreatedBatch"];

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
} as const;
const template = {
  ...kling,
  template: "A {animal} in {style} style",
  variables: { animal: ["cat", "dog", "fox"], style: ["ink", "neon"] },
};

beforeAll(async () => {
  app = await startAppServer({
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    ADMIN_EMAILS: ADMIN,
    SIGNUP_BONUS_CREDITS: "100",
    DEMO_PROVIDER_DELAY_MS: "300",
    VIDEO_MAX_CONCURRENT: "2",
    VIDEO_POLL_INTERVAL_MS: "100",
  });
  // Every finalisation of a batch, counted by the database itself: a second one would show.
  await pool().query(`
    CREATE TABLE test_batch_finalised ("batchId" text NOT NULL);
    CREATE FUNCTION test_log_finalised() RETURNS trigger AS $$
    BEGIN
      IF NEW."finishedAt" IS NOT NULL AND NEW."finishedAt" IS DISTINCT FROM OLD."finishedAt" THEN
        INSERT INTO test_batch_finalised VALUES (NEW.id);
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    CREATE TRIGGER test_batch_finalised AFTER UPDATE ON batch FOR EACH ROW EXECUTE FUNCTION test_log_finalised();`);
}, 60_000);

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  await app?.stop();
});

async function signUp(email: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.baseUrl },
    body: JSON.stringify({ email, password: "correct horse battery", name: "b" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  await verifyEmail(email, cookie);
  return cookie;
}

/** A verified user (100 credits) and an API key of theirs with the batch scopes. */
async function keyedUser(email: string) {
  const cookie = await signUp(email);
  const key = await createKey(cookie, { scopes: ["batches:read", "batches:write", "videos:read"] }, app.baseUrl);
  return { cookie, client: sdk({ apiKey: key.key }, app.baseUrl) };
}

let adminSession: Promise<string> | undefined;
/** The admin's session (ADMIN_EMAILS), signed up once for the file. */
const adminCookie = () => {
  adminSession ??= signUp(ADMIN);
  return adminSession;
};

const cron = () =>
  fetch(`${app.baseUrl}/api/cron/process-videos`, { headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` } });

async function finalisations(batchId: string): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM test_batch_finalised WHERE "batchId" = $1`,
    [batchId],
  );
  return rows[0]?.n ?? 0;
}

async function runningOf(batchId: string): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM video v JOIN batch b ON b.id = v."batchId"
      WHERE b.id = $1 AND v.status IN ('PENDING', 'GENERATING', 'UPLOADING')`,
    [batchId],
  );
  return rows[0]?.n ?? 0;
}

async function getBatch(client: ReturnType<typeof sdk>, id: string): Promise<Batch> {
  const { data } = await client.GET("/batches/{id}", { params: { path: { id } } });
  if (!data) throw new Error(`no batch ${id}`);
  return data.data;
}

/** Runs the poll cron until the batch is finished; `onTick` runs between rounds. */
async function driveUntilFinished(client: ReturnType<typeof sdk>, id: string, onTick?: (b: Batch) => Promise<void>) {
  for (let round = 0; round < 400; round += 1) {
    const batch = await getBatch(client, id);
    if (batch.finishedAt) return batch;
    await onTick?.(batch);
    await cron();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`batch ${id} never finished`);
}

describe("batches over HTTP (SDK, demo provider)", () => {
  it("makes a 3×2 template batch: six COMPLETED videos, 6 × the price settled, finished once", async () => {
    const { client } = await keyedUser("template@example.com");
    const created = await client.POST("/batches", { body: template });
    expect(created.response.status).toBe(201);
    const batch = created.data?.data as CreateBody;
    expect(batch).toEqual({
      id: expect.stringMatching(/^bat_/),
      status: "queued",
      totalCount: 6,
      costPerVideo: 1,
      requiredCredits: 6,
      availableCredits: 94,
    });
    const done = await driveUntilFinished(client, batch.id);
    expect(done).toMatchObject({
      status: "completed",
      totalCount: 6,
      counts: { completed: 6, queued: 0, failed: 0, cancelled: 0 },
      credits: { held: 0, settled: 6, released: 0 },
    });
    expect(done.startedAt).not.toBeNull();
    expect(await finalisations(batch.id)).toBe(1);

    const videos = await client.GET("/batches/{id}/videos", {
      params: { path: { id: batch.id }, query: { limit: 4 } },
    });
    const page = videos.data?.data;
    expect(page?.items.map((v) => [v.batchIndex, v.prompt, v.status])).toEqual([
      [0, "A cat in ink style", "COMPLETED"],
      [1, "A cat in neon style", "COMPLETED"],
      [2, "A dog in ink style", "COMPLETED"],
      [3, "A dog in neon style", "COMPLETED"],
    ]);
    const rest = await client.GET("/batches/{id}/videos", {
      params: { path: { id: batch.id }, query: { cursor: page?.nextCursor ?? "" } },
    });
    expect(rest.data?.data.items.map((v) => v.batchIndex)).toEqual([4, 5]);
    expect(rest.data?.data.nextCursor).toBeNull();
    // Each item is the video GET /video/{uuid} shows, with its index and metadata.
    const first = page?.items[0];
    const single = await client.GET("/video/{uuid}", { params: { path: { uuid: first?.uuid ?? "" } } });
    const { batchIndex, metadata, videoUrl, posterUrl, ...same } = first ?? ({} as NonNullable<typeof first>);
    expect(single.data?.data).toMatchObject(same);
    expect(videoUrl).toBeTruthy();
    // Signed URLs: two reads a second apart carry other expiries and signatures, for the same file.
    const file = (url: string | null | undefined) => url?.split("?")[0];
    expect(file(single.data?.data.posterUrl)).toBe(file(posterUrl));
    expect(file(posterUrl)).toMatch(/-poster\.jpg$/);
    expect(metadata).toEqual({ variables: { animal: "cat", style: "ink" } });
    expect((await client.GET("/batches", {})).data?.data.items.map((b) => b.id)).toEqual([batch.id]);
    expect(await reconcileCredits()).toEqual([]);
  });

  it("runs a batch of 20 at most 2 at a time, none failing with E4005; cancelling releases exactly the unstarted items", async () => {
    const { client } = await keyedUser("twenty@example.com");
    const items = Array.from({ length: 20 }, (_, i) => ({ prompt: `item ${i}`, metadata: { sku: `SKU-${i}` } }));
    const created = await client.POST("/batches", { body: { ...kling, items } });
    const id = created.data?.data.id ?? "";
    let most = 0;
    let sampling = true;
    // Sampled from the database, concurrently with the crons and the app's own dispatching.
    const sampler = (async () => {
      while (sampling) most = Math.max(most, await runningOf(id));
    })();
    let cancelledAt: Batch | undefined;
    const done = await driveUntilFinished(client, id, async (batch) => {
      if (!cancelledAt && batch.counts.completed >= 4) {
        const { data } = await client.POST("/batches/{id}/cancel", { params: { path: { id } } });
        cancelledAt = data?.data;
      }
    });
    sampling = false;
    await sampler;
    expect(most).toBe(2);
    expect(cancelledAt?.status).toBe("cancelled");
    const unstarted = cancelledAt?.counts.cancelled ?? 0;
    expect(unstarted).toBeGreaterThan(0);
    expect(cancelledAt?.credits.released).toBe(unstarted);
    expect(done.status).toBe("cancelled");
    expect(done.counts.cancelled).toBe(unstarted);
    expect(done.counts.completed).toBe(20 - unstarted);
    expect(done.counts.failed).toBe(0);
    expect(done.credits).toEqual({ held: 0, settled: 20 - unstarted, released: unstarted });
    const { rows } = await pool().query(`SELECT 1 FROM video WHERE "batchId" = $1 AND "errorCode" IS NOT NULL`, [id]);
    expect(rows).toEqual([]);
    expect(await finalisations(id)).toBe(1);
    expect(await reconcileCredits()).toEqual([]);
  });

  it("answers 402 with the shortfall when credits are short, and creates nothing", async () => {
    const { client } = await keyedUser("short@example.com");
    const items = Array.from({ length: 101 }, (_, i) => ({ prompt: `p${i}` }));
    const tooMany = await client.POST("/batches", { body: { ...kling, items } });
    expect(tooMany.response.status).toBe(400);
    const sizes = { ...kling, duration: 10, quality: "high", items: items.slice(0, 26) };
    const short = await client.POST("/batches", { body: sizes });
    expect(short.response.status).toBe(402);
    expect(short.error?.error).toMatchObject({
      code: "E4001",
      details: { required: 104, available: 100, shortfall: 4 },
    });
    expect((await client.GET("/batches", {})).data?.data.items).toEqual([]);
  });

  it("answers 400 naming the field for each bad template", async () => {
    const { client } = await keyedUser("templates@example.com");
    const cases: [Record<string, unknown>, string][] = [
      [{ template: "A {animal} {color}", variables: { animal: ["cat"] } }, "body.template"],
      [{ template: "A {animal}", variables: { animal: ["cat"], unused: ["x"] } }, "body.variables.unused"],
      [{ template: "A {animal}", variables: { animal: [] } }, "body.variables.animal"],
      [{ items: [] }, "body.items"],
      [{}, "body.template"],
      [{ template: "A {x}", variables: { x: ["1"] }, items: [{ prompt: "p" }] }, "body.template"],
    ];
    for (const [extra, field] of cases) {
      const { response, error } = await client.POST("/batches", { body: { ...kling, ...extra } as never });
      expect(response.status, JSON.stringify(extra)).toBe(400);
      expect(fieldsOf(error as never)).toEqual([field]);
    }
    expect((await client.GET("/batches", {})).data?.data.items).toEqual([]);
  });

  it("creates one batch for a re-sent request, by Idempotency-Key or by requestId", async () => {
    const { client } = await keyedUser("idempotent@example.com");
    const body = { ...kling, items: [{ prompt: "once" }] };
    const headers = { "idempotency-key": "batch-once" };
    const [a, b] = [await client.POST("/batches", { body, headers }), await client.POST("/batches", { body, headers })];
    expect(b.response.headers.get("idempotent-replayed")).toBe("true");
    expect(b.data?.data.id).toBe(a.data?.data.id);
    const withId = { ...body, requestId: "req-42" };
    const [c, d] = [await client.POST("/batches", { body: withId }), await client.POST("/batches", { body: withId })];
    expect(c.response.status).toBe(201);
    expect(d.response.headers.get("idempotent-replayed")).toBe("true");
    expect(d.data?.data.id).toBe(c.data?.data.id);
    const changed = await client.POST("/batches", { body: { ...withId, items: [{ prompt: "other" }] } });
    expect(changed.response.status).toBe(422);
    expect((await client.GET("/batches", {})).data?.data.items.map((x) => x.id).sort()).toEqual(
      [a.data?.data.id, c.data?.data.id].sort(),
    );
  });

  it("hides another user's batch, and needs the batch scopes", async () => {
    const owner = await keyedUser("owner@example.com");
    const other = await keyedUser("other@example.com");
    const id =
      (await owner.client.POST("/batches", { body: { ...kling, items: [{ prompt: "mine" }] } })).data?.data.id ?? "";
    const path = { params: { path: { id } } };
    expect((await other.client.GET("/batches/{id}", path)).response.status).toBe(404);
    expect((await other.client.GET("/batches/{id}/videos", path)).response.status).toBe(404);
    expect((await other.client.POST("/batches/{id}/cancel", path)).response.status).toBe(404);
    const readOnly = await createKey(owner.cookie, { scopes: ["batches:read"] }, app.baseUrl);
    const refused = await sdk({ apiKey: readOnly.key }, app.baseUrl).POST("/batches", {
      body: { ...kling, items: [{ prompt: "x" }] },
    });
    expect(refused.response.status).toBe(403);
    await driveUntilFinished(owner.client, id);
  });

  it("lets an admin list every batch, cancel one and re-queue failed items", async () => {
    const admin = sdk({ cookie: await adminCookie() }, app.baseUrl);
    const { client } = await keyedUser("managed@example.com");
    const id = (await client.POST("/batches", { body: { ...kling, items: [{ prompt: "a" }, { prompt: "b" }] } })).data
      ?.data.id as string;
    const all = await admin.GET("/admin/batches", { params: { query: { limit: 100 } } });
    expect(all.data?.data.items.find((b) => b.id === id)?.owner.email).toBe("managed@example.com");
    const cancelled = await admin.POST("/admin/batches/{id}/cancel", { params: { path: { id } } });
    expect(cancelled.data?.data.status).toBe("cancelled");
    await driveUntilFinished(client, id);
    const retried = await admin.POST("/admin/batches/{id}/retry-failed", { params: { path: { id } } });
    expect(retried.response.status).toBe(409);
    expect((await client.GET("/admin/batches", {})).response.status).toBe(403);
  });

  it("caps a key's batches at the batchMaxItems an admin gave it", async () => {
    const notAdmin = sdk({ cookie: await signUp("not-admin@example.com") }, app.baseUrl);
    const cookie = await signUp("capped@example.com");
    const key = await createKey(cookie, { scopes: ["batches:write"] }, app.baseUrl);
    const client = sdk({ apiKey: key.key }, app.baseUrl);
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ prompt: `cap ${i}` }));
    const patched = await sdk({ cookie: await adminCookie() }, app.baseUrl).PATCH("/admin/api-keys/{id}", {
      params: { path: { id: key.id } },
      body: { batchMaxItems: 2 },
    });
    expect(patched.data?.data.batchMaxItems).toBe(2);
    const refused = await client.POST("/batches", { body: { ...kling, items: items(3) } });
    expect(refused.response.status).toBe(400);
    expect(fieldsOf(refused.error as never)).toEqual(["body.items"]);
    expect((await client.POST("/batches", { body: { ...kling, items: items(2) } })).response.status).toBe(201);
    expect(
      (await notAdmin.PATCH("/admin/api-keys/{id}", { params: { path: { id: key.id } }, body: { batchMaxItems: 5 } }))
        .response.status,
    ).toBe(403);
  });

  it("finishes a batch whose worker was killed mid-run with another worker, finalised once", async () => {
    const { client } = await keyedUser("killed@example.com");
    const id = (await client.POST("/batches", { body: template })).data?.data.id as string;
    const spawnWorker = () => {
      // One process (tsx as a loader, not its CLI), so SIGKILL really kills the worker.
      const worker = spawn(process.execPath, ["--import", "tsx", "src/jobs/worker-main.ts"], {
        cwd: path.resolve(import.meta.dirname, "../../../packages/common"),
        env: {
          ...process.env,
          DATABASE_URL: process.env.DATABASE_URL,
          APP_URL: app.baseUrl,
          DEMO_PROVIDER: "on",
          DEMO_PROVIDER_DELAY_MS: "800",
          VIDEO_MAX_CONCURRENT: "2",
          VIDEO_POLL_INTERVAL_MS: "100",
          VIDEO_COPY_LEASE_MS: "1000",
          VIDEO_PENDING_TIMEOUT_MS: "3000",
          VIDEO_CALLBACK_SECRET: TEST_SECRETS.VIDEO_CALLBACK_SECRET,
          STORAGE_SIGNING_SECRET: TEST_SECRETS.STORAGE_SIGNING_SECRET,
          STORAGE_LOCAL_DIR: app.storageDir,
          WORKER_POLL_INTERVAL_MS: "100",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      });
      workers.push(worker);
      return worker;
    };
    const first = spawnWorker();
    const until = async (what: string, test: (b: Batch) => boolean) => {
      let batch = await getBatch(client, id);
      for (let i = 0; i < 600 && !test(batch); i += 1) {
        await new Promise((r) => setTimeout(r, 50));
        batch = await getBatch(client, id);
      }
      if (!test(batch)) throw new Error(`the batch never ${what}: ${JSON.stringify(batch.counts)}`);
      return batch;
    };
    // Killed with items done, running and queued; mostly between dispatches. One killed between
    // claiming an item and submitting it leaves it PENDING: it fails at VIDEO_PENDING_TIMEOUT_MS,
    // released (never submitted twice), and the batch still finishes.
    await until("got an item done", (b) => b.counts.completed >= 1 && b.counts.pending === 0 && b.counts.queued > 0);
    const exited = new Promise((r) => first.once("exit", r));
    first.kill("SIGKILL");
    await exited;
    const midway = await getBatch(client, id);
    expect(midway.finishedAt).toBeNull();
    spawnWorker();
    const done = await until("finished", (b) => b.finishedAt !== null);
    const { completed, failed } = done.counts;
    expect(completed + failed).toBe(6);
    expect(done.status).toBe(failed ? "partially_failed" : "completed");
    expect(done.credits).toEqual({ held: 0, settled: completed, released: failed });
    expect(await finalisations(id)).toBe(1);
    expect(await reconcileCredits()).toEqual([]);
  }, 90_000);
});
