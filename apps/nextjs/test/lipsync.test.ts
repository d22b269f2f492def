import path from "node:path";
import { probeStreamDurationMs } from "@videofly/common";
import { sampleMedia } from "@videofly/common/testing";
import { createDatabase } from "@videofly/db";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { verifyEmail } from "./support/http";
import { sdk } from "./support/sdk";
import { uploadFile } from "./support/uploads";

// A lip-sync over HTTP with the SDK, on the demo provider and local storage: the source and the
// audio are uploaded in parts through /uploads, the demo muxes them with ffmpeg, the poll cron
// copies the result and settles.
let app: AppServer;
let databaseUrl: string;
let database: ReturnType<typeof createDatabase>;

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_lipsync");
  database = createDatabase(databaseUrl, 2);
  app = await startAppServer({ DATABASE_URL: databaseUrl, DEMO_PROVIDER_DELAY_MS: "0", VIDEO_POLL_INTERVAL_MS: "100" });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await database?.pool.end();
  await dropDatabase(databaseUrl);
});

async function signUp(email: string) {
  const res = await fetch(`${app.baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.baseUrl },
    body: JSON.stringify({ email, password: "correct horse battery", name: "l" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  await verifyEmail(email, cookie);
  const { rows } = await database.pool.query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [email]);
  return { cookie, userId: rows[0]?.id as string };
}

const cron = () =>
  fetch(`${app.baseUrl}/api/cron/process-videos`, { headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` } });

describe("lip-sync over the API", () => {
  it("shows its price and voices, holds it, completes with the uploaded audio, settles once", async () => {
    const { cookie } = await signUp("speaker@example.com");
    const client = sdk({ cookie }, app.baseUrl);

    const models = await client.GET("/config/models");
    const model = models.data?.data.find((m) => m.id === "lipsync-1");
    expect(model).toMatchObject({ modes: ["LIPSYNC"], price: { kind: "per_audio_second" } });
    expect(model?.prices).toContainEqual({
      mode: "LIPSYNC",
      quality: "medium",
      duration: 10,
      basis: "audio_seconds",
      credits: 10,
    });
    const voices = await client.GET("/config/voices");
    expect(voices.data?.data.map((v) => v.id)).toContain("en-female-1");

    const source = await uploadFile(client, await sampleMedia("video", { seconds: 5 }), "video");
    const audio = await uploadFile(client, await sampleMedia("audio", { seconds: 3.5 }), "audio");
    const audioMs = audio.facts.durationMs as number;
    const seconds = Math.ceil(audioMs / 1000);

    const refused = await client.POST("/video/generate", {
      body: {
        model: "lipsync-1",
        mode: "LIPSYNC",
        quality: "medium",
        sourceUploadId: source.id,
        audioUploadId: source.id,
      },
    });
    expect(refused.response.status).toBe(400);
    expect(JSON.stringify(refused.error)).toContain("body.audioUploadId");

    const created = await client.POST("/video/generate", {
      body: {
        model: "lipsync-1",
        mode: "LIPSYNC",
        quality: "medium",
        sourceUploadId: source.id,
        audioUploadId: audio.id,
      },
    });
    expect(created.response.status).toBe(201);
    const video = created.data?.data;
    expect(video).toMatchObject({
      mode: "LIPSYNC",
      creditsCost: seconds,
      duration: seconds,
      language: "en",
      prompt: "",
    });
    expect(video?.audioDurationMs).toBe(Math.round(audioMs));
    const balance = await client.GET("/credit/balance");
    expect(balance.data?.data).toMatchObject({ frozen: seconds });

    const uuid = video?.uuid as string;
    let status = "";
    for (let i = 0; i < 100 && status !== "COMPLETED" && status !== "FAILED"; i += 1) {
      await cron();
      status = (await client.GET("/video/{uuid}/status", { params: { path: { uuid } } })).data?.data.status ?? "";
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(status).toBe("COMPLETED");
    const done = (await client.GET("/video/{uuid}", { params: { path: { uuid } } })).data?.data;
    expect(done?.progress).toBe(100);
    const { rows } = await database.pool.query<{ storageKey: string }>(
      `SELECT "storageKey" FROM video WHERE uuid = $1`,
      [uuid],
    );
    const stored = path.join(app.storageDir, rows[0]?.storageKey as string);
    expect(Math.abs(((await probeStreamDurationMs(stored, "a")) ?? Number.NaN) - audioMs)).toBeLessThanOrEqual(100);
    const file = await fetch(done?.videoUrl as string);
    expect(file.status).toBe(200);

    const after = await client.GET("/credit/balance");
    expect(after.data?.data).toMatchObject({ frozen: 0, available: 50 - seconds });
    const history = await client.GET("/credit/history");
    expect(history.data?.data.items.filter((e) => e.type === "SETTLE")).toHaveLength(1);
  }, 120_000);
});
