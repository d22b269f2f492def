import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createDatabase } from "@videofly/db";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { verifyEmail } from "./support/http";

// Its own app servers (fast demo provider; one whose demo always fails its renders; one whose only
// providers, Kie and EvoLink, refuse every task) on its own database.
const sample = readFileSync(path.resolve(import.meta.dirname, "../public/demo/sample.mp4"));
let app: AppServer;
let failing: AppServer;
let refusing: AppServer;
let databaseUrl: string;
let providers: Server;
const providerCalls: string[] = [];

/** Kie and EvoLink refusing every task, as their APIs do (Kie: HTTP 200 with code 422; EvoLink: HTTP 400). */
async function startRefusingProviders(): Promise<string> {
  providers = createServer(async (req, res) => {
    // Read the whole request first: answering before it arrived would reset the connection.
    for await (const _chunk of req);
    const kie = req.url?.startsWith("/api/") ?? false;
    providerCalls.push(`${req.method} ${kie ? "kie" : "evolink"}`);
    res.writeHead(kie ? 200 : 400, { "content-type": "application/json" });
    res.end(
      JSON.stringify(kie ? { code: 422, msg: "unsupported input" } : { error: { message: "unsupported input" } }),
    );
  });
  await new Promise<void>((resolve) => providers.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(providers.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_video");
  const providersUrl = await startRefusingProviders();
  [app, failing, refusing] = await Promise.all([
    startAppServer({
      DATABASE_URL: databaseUrl,
      DEMO_PROVIDER_DELAY_MS: "800",
      VIDEO_MAX_CONCURRENT: "3",
      VIDEO_POLL_INTERVAL_MS: "200",
    }),
    startAppServer({
      DATABASE_URL: databaseUrl,
      DEMO_PROVIDER_DELAY_MS: "300",
      DEMO_PROVIDER_FAIL_RATE: "1",
      VIDEO_POLL_INTERVAL_MS: "200",
    }),
    startAppServer({
      DATABASE_URL: databaseUrl,
      DEMO_PROVIDER: "off",
      KIE_API_KEY: "kie-test-key",
      KIE_BASE_URL: providersUrl,
      EVOLINK_API_KEY: "evolink-test-key",
      EVOLINK_BASE_URL: providersUrl,
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([app?.stop(), failing?.stop(), refusing?.stop()]);
  providers?.closeAllConnections();
  await new Promise((resolve) => providers?.close(resolve));
  await dropDatabase(databaseUrl);
});

async function call<T = unknown>(server: AppServer, p: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.body) headers.set("content-type", "application/json");
  headers.set("origin", server.baseUrl);
  const res = await fetch(`${server.baseUrl}${p}`, { ...init, headers });
  return {
    res,
    body: (await res.json()) as { success: boolean; data: T; error?: { code: string; details?: unknown } },
  };
}

/** A signed-in user who followed the mailed verification link, so has the sign-up bonus. */
async function signUp(server: AppServer, email: string) {
  const res = await fetch(`${server.baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.baseUrl },
    body: JSON.stringify({ email, password: "correct horse battery", name: "v" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  await verifyEmail(email, cookie);
  return cookie;
}

const cron = (server: AppServer) =>
  fetch(`${server.baseUrl}/api/cron/process-videos`, {
    headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` },
  });

interface VideoView {
  uuid: string;
  status: string;
  creditsCost: number;
  videoUrl: string | null;
  error: { code: string } | null;
}

async function waitFor(server: AppServer, cookie: string, uuid: string, status: string) {
  const seen: string[] = [];
  for (let i = 0; i < 60; i += 1) {
    await cron(server);
    const { body } = await call<VideoView>(server, `/api/v1/video/${uuid}/status`, { cookie });
    if (seen.at(-1) !== body.data.status) seen.push(body.data.status);
    if (body.data.status === status) return seen;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`video ${uuid} never reached ${status}; saw ${seen.join(" → ")}`);
}

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  prompt: "a paper plane over a city",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

describe("video generation end to end (demo provider, local storage)", () => {
  it("generates, completes, serves the file and settles exactly the price shown", async () => {
    const cookie = await signUp(app, "maker@example.com");
    const models = await call<{ id: string }[]>(app, "/api/v1/config/models");
    expect(models.body.data.map((m) => m.id)).toContain("kling-2.6");

    const created = await call<VideoView>(app, "/api/v1/video/generate", {
      method: "POST",
      cookie,
      body: JSON.stringify({ ...kling, duration: 10, quality: "high" }),
    });
    expect(created.res.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: "GENERATING", creditsCost: 4 });
    const balance = await call<{ available: number; frozen: number }>(app, "/api/v1/credit/balance", { cookie });
    expect(balance.body.data).toMatchObject({ available: 46, frozen: 4 });

    const seen = await waitFor(app, cookie, created.body.data.uuid, "COMPLETED");
    expect(seen[0]).toBe("GENERATING");
    const video = await call<VideoView>(app, `/api/v1/video/${created.body.data.uuid}`, { cookie });
    expect(video.body.data.videoUrl).toBeTruthy();
    const file = await fetch(video.body.data.videoUrl ?? "");
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(sample)).toBe(true);

    const after = await call<{ available: number; frozen: number }>(app, "/api/v1/credit/balance", { cookie });
    expect(after.body.data).toMatchObject({ available: 46, frozen: 0 });
    const history = await call<{ items: { type: string }[] }>(app, "/api/v1/credit/history", { cookie });
    expect(history.body.data.items.map((e) => e.type).slice(0, 2)).toEqual(["SETTLE", "HOLD"]);

    const list = await call<{ items: VideoView[] }>(app, "/api/v1/video/list?status=COMPLETED", { cookie });
    expect(list.body.data.items.map((v) => v.uuid)).toContain(created.body.data.uuid);
  });

  it("gives the credits back and shows the error code when the provider fails the render", async () => {
    // The demo accepts the task (201) and fails it later, as a provider's render can.
    const cookie = await signUp(failing, "unlucky@example.com");
    const created = await call<VideoView>(failing, "/api/v1/video/generate", {
      method: "POST",
      cookie,
      body: JSON.stringify(kling),
    });
    expect(created.res.status).toBe(201);
    await waitFor(failing, cookie, created.body.data.uuid, "FAILED");
    const video = await call<VideoView>(failing, `/api/v1/video/${created.body.data.uuid}`, { cookie });
    expect(video.body.data.error?.code).toBe("E5001");
    const balance = await call<{ available: number; frozen: number }>(failing, "/api/v1/credit/balance", { cookie });
    expect(balance.body.data).toMatchObject({ available: 50, frozen: 0 });
  });

  it("keeps a running video's hold through the stale-hold cron; past its maximum runtime it fails, released", async () => {
    const cookie = await signUp(app, "slow@example.com");
    const balance = async () =>
      (await call<{ available: number; frozen: number }>(app, "/api/v1/credit/balance", { cookie })).body.data;
    const start = await balance();
    const created = await call<VideoView>(app, "/api/v1/video/generate", {
      method: "POST",
      cookie,
      body: JSON.stringify(kling),
    });
    const { uuid } = created.body.data;
    const auth = { headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` } };
    // Nothing polls this app but the crons below: the video stays GENERATING until then.
    const database = createDatabase(databaseUrl, 2);
    try {
      await database.pool.query(
        `UPDATE credit_hold SET "expiresAt" = now() - interval '1 minute' WHERE reference = $1`,
        [`video:${uuid}`],
      );
      const swept = await fetch(`${app.baseUrl}/api/cron/release-stale-holds`, auth);
      expect(swept.status).toBe(200);
      expect(((await swept.json()) as { data: { kept: number } }).data.kept).toBeGreaterThanOrEqual(1);
      expect(await balance()).toMatchObject({ available: start.available - 1, frozen: 1 });

      await database.pool.query(`UPDATE video SET "startedAt" = now() - interval '61 minutes' WHERE uuid = $1`, [uuid]);
      expect((await cron(app)).status).toBe(200);
    } finally {
      await database.close();
    }
    const status = await call<{ status: string; error: { code: string } | null }>(app, `/api/v1/video/${uuid}/status`, {
      cookie,
    });
    expect(status.body.data).toMatchObject({ status: "FAILED", error: { code: "E5001" } });
    expect(await balance()).toMatchObject({ available: start.available, frozen: 0 });
  });

  it("answers 502 E5001 when no provider accepts the task: the video is FAILED and nothing is spent", async () => {
    const cookie = await signUp(refusing, "refused@example.com");
    const created = await call(refusing, "/api/v1/video/generate", {
      method: "POST",
      cookie,
      body: JSON.stringify(kling),
    });
    expect([created.res.status, created.body.error?.code]).toEqual([502, "E5001"]);
    // Each provider was offered the task exactly once.
    expect(providerCalls).toEqual(["POST kie", "POST evolink"]);
    const { videoUuid } = (created.body.error?.details ?? {}) as { videoUuid?: string };
    const video = await call<VideoView>(refusing, `/api/v1/video/${videoUuid}`, { cookie });
    expect(video.body.data).toMatchObject({ uuid: videoUuid, status: "FAILED", error: { code: "E5001" } });
    const list = await call<{ items: VideoView[] }>(refusing, "/api/v1/video/list?status=FAILED", { cookie });
    expect(list.body.data.items.map((v) => v.uuid)).toEqual([videoUuid]);
    const balance = await call<{ available: number; frozen: number }>(refusing, "/api/v1/credit/balance", { cookie });
    expect(balance.body.data).toMatchObject({ available: 50, frozen: 0 });
  });

  it("validates against the catalogue with the matching error codes", async () => {
    const cookie = await signUp(app, "validator@example.com");
    const cases: [object, number, string][] = [
      [{ ...kling, model: "no-such-model" }, 400, "E4002"],
      [{ ...kling, duration: 7 }, 400, "E4003"],
      [{ ...kling, mode: "IMAGE_TO_VIDEO" }, 400, "E4004"],
      [{ ...kling, aspectRatio: "4:3" }, 400, "E4000"],
      [{ ...kling, quality: "ultra" }, 400, "E4000"],
      [{ ...kling, prompt: "" }, 400, "E4000"],
    ];
    for (const [body, status, code] of cases) {
      const res = await call(app, "/api/v1/video/generate", { method: "POST", cookie, body: JSON.stringify(body) });
      expect([res.res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const balance = await call<{ available: number; frozen: number }>(app, "/api/v1/credit/balance", { cookie });
    expect(balance.body.data).toMatchObject({ available: 50, frozen: 0 });
  });

  it("limits concurrent generations (E4005, 429) and refuses when credits are short (E4001, 402)", async () => {
    const cookie = await signUp(app, "busy@example.com");
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call<VideoView>(app, "/api/v1/video/generate", { method: "POST", cookie, body: JSON.stringify(kling) }),
      ),
    );
    const statuses = results.map((r) => r.res.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(results.find((r) => r.res.status === 429)?.body.error?.code).toBe("E4005");

    const poor = await signUp(app, "poor@example.com");
    const sora = {
      model: "sora-2",
      mode: "TEXT_TO_VIDEO",
      prompt: "x",
      duration: 12,
      aspectRatio: "16:9",
      quality: "1080p",
    };
    // 24 credits each: 50 → 26 → 2, then the third is short.
    expect(
      (await call(app, "/api/v1/video/generate", { method: "POST", cookie: poor, body: JSON.stringify(sora) })).res
        .status,
    ).toBe(201);
    expect(
      (await call(app, "/api/v1/video/generate", { method: "POST", cookie: poor, body: JSON.stringify(sora) })).res
        .status,
    ).toBe(201);
    const short = await call(app, "/api/v1/video/generate", {
      method: "POST",
      cookie: poor,
      body: JSON.stringify(sora),
    });
    expect([short.res.status, short.body.error?.code]).toEqual([402, "E4001"]);
    expect(short.body.error?.details).toMatchObject({ required: 24, available: 2, shortfall: 22 });
  });

  it("hides other users' videos (404, never 403) and soft-deletes", async () => {
    const owner = await signUp(app, "owner@example.com");
    const other = await signUp(app, "other@example.com");
    const created = await call<VideoView>(app, "/api/v1/video/generate", {
      method: "POST",
      cookie: owner,
      body: JSON.stringify(kling),
    });
    const uuid = created.body.data.uuid;
    const peek = await call(app, `/api/v1/video/${uuid}`, { cookie: other });
    expect([peek.res.status, peek.body.error?.code]).toEqual([404, "E4006"]);
    expect((await call(app, `/api/v1/video/${uuid}`, { method: "DELETE", cookie: other })).res.status).toBe(404);
    expect((await call(app, `/api/v1/video/${uuid}`, { method: "DELETE", cookie: owner })).res.status).toBe(200);
    expect((await call(app, `/api/v1/video/${uuid}`, { cookie: owner })).res.status).toBe(404);
    expect((await call(app, "/api/v1/video/not-a-uuid", { cookie: owner })).res.status).toBe(400);
  });

  it("shows a video in the public gallery only while its owner makes it public", async () => {
    const cookie = await signUp(app, "gallery@example.com");
    const created = await call<VideoView>(app, "/api/v1/video/generate", {
      method: "POST",
      cookie,
      body: JSON.stringify(kling),
    });
    const uuid = created.body.data.uuid;
    expect(
      (
        await call(app, `/api/v1/video/${uuid}`, {
          method: "PATCH",
          cookie,
          body: JSON.stringify({ visibility: "public" }),
        })
      ).res.status,
    ).toBe(409);
    await waitFor(app, cookie, uuid, "COMPLETED");
    const latest = async () =>
      (await call<{ items: { uuid: string; videoUrl: string }[] }>(app, "/api/v1/videos/latest")).body.data.items;
    expect((await latest()).map((v) => v.uuid)).not.toContain(uuid);
    expect(
      (
        await call(app, `/api/v1/video/${uuid}`, {
          method: "PATCH",
          cookie,
          body: JSON.stringify({ visibility: "public" }),
        })
      ).res.status,
    ).toBe(200);
    const shown = (await latest()).find((v) => v.uuid === uuid);
    expect(shown?.videoUrl).toBeTruthy();
    expect((await fetch(shown?.videoUrl ?? "")).status).toBe(200);
    await call(app, `/api/v1/video/${uuid}`, { method: "DELETE", cookie });
    expect((await latest()).map((v) => v.uuid)).not.toContain(uuid);
  });

  it("presigns an image upload under the user's prefix, with type and size checks", async () => {
    const cookie = await signUp(app, "uploader@example.com");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const bad = await call(app, "/api/v1/upload/presign", {
      method: "POST",
      cookie,
      body: JSON.stringify({ contentType: "image/gif", size: 10 }),
    });
    expect(bad.res.status).toBe(400);
    const big = await call(app, "/api/v1/upload/presign", {
      method: "POST",
      cookie,
      body: JSON.stringify({ contentType: "image/png", size: 11 * 1024 * 1024 }),
    });
    expect(big.res.status).toBe(400);
    const presigned = await call<{
      key: string;
      fileUrl: string;
      upload: { url: string; method: string; headers: Record<string, string> };
    }>(app, "/api/v1/upload/presign", {
      method: "POST",
      cookie,
      body: JSON.stringify({ contentType: "image/png", size: png.length }),
    });
    expect(presigned.res.status).toBe(201);
    expect(presigned.body.data.key).toMatch(/^uploads\/[^/]+\/[0-9a-f-]+\.png$/);
    const put = await fetch(presigned.body.data.upload.url, {
      method: "PUT",
      headers: presigned.body.data.upload.headers,
      body: png,
    });
    expect(put.status).toBe(200);
    const wrongType = await fetch(presigned.body.data.upload.url, {
      method: "PUT",
      headers: { "content-type": "text/html" },
      body: png,
    });
    expect(wrongType.status).toBe(403);
    const fetched = await fetch(presigned.body.data.fileUrl);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(png)).toBe(true);

    const i2v = await call<VideoView>(app, "/api/v1/video/generate", {
      method: "POST",
      cookie,
      body: JSON.stringify({ ...kling, mode: "IMAGE_TO_VIDEO", imageUrl: presigned.body.data.fileUrl }),
    });
    expect([i2v.res.status, i2v.body.data.creditsCost]).toEqual([201, 2]);
  });
});
