import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reconcileCredits } from "../../src/credits/index.ts";
import { files } from "../../src/video/files.ts";
import { checkVideo, generateVideo, processDueVideos, retryVideo } from "../../src/video/index.ts";
import { klingSpec, userWithCredits } from "./support.ts";

const SAMPLE = readFileSync(path.resolve(import.meta.dirname, "../../../../apps/nextjs/public/demo/sample.mp4"));
const storageDir = mkdtempSync(path.join(tmpdir(), "videofly-processing-"));

// The app's demo file, served as the app would; the first download can be made to crawl, so a
// worker can be killed in the middle of a copy.
let server: Server;
let slowDownloads = 0;
let failDownloads = false;
let replicateCalls = 0;
let downloadsStarted = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    // A Replicate that refuses the model's input: the first provider of a model refusing the task.
    if (req.method === "POST" && req.url?.startsWith("/v1/")) {
      replicateCalls += 1;
      res.writeHead(422, { "content-type": "application/json" });
      return res.end(JSON.stringify({ title: "Invalid input", detail: "unsupported duration", status: 422 }));
    }
    if (req.url !== "/demo/sample.mp4") return res.writeHead(404).end();
    downloadsStarted += 1;
    if (failDownloads) return res.writeHead(503).end();
    res.writeHead(200, { "content-type": "video/mp4", "content-length": String(SAMPLE.length) });
    if (slowDownloads > 0) {
      slowDownloads -= 1;
      res.write(SAMPLE.subarray(0, 1000));
      // The rest never comes: the worker is killed while it waits.
      return;
    }
    res.end(SAMPLE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    APP_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    DEMO_PROVIDER: "on",
    DEMO_PROVIDER_DELAY_MS: "0",
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: "50",
    STORAGE_LOCAL_DIR: storageDir,
    DATABASE_POOL_MAX: "20",
    VIDEO_COPY_MAX_ATTEMPTS: "1",
    REPLICATE_API_TOKEN: "r8_test_token",
    REPLICATE_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const kling = klingSpec("race");

const richUser = () => userWithCredits("video");

async function settlements(uuid: string) {
  const hold = await db().creditHold.findUniqueOrThrow({ where: { reference: `video:${uuid}` } });
  const entries = await db().creditTransaction.count({ where: { holdId: hold.id, type: "SETTLE" } });
  return { hold: hold.status, settleEntries: entries };
}

describe("video processing", () => {
  it("settles each hold exactly once when callbacks race the poll job (100 rounds)", async () => {
    const userId = await richUser();
    for (let round = 0; round < 100; round += 1) {
      const video = await generateVideo(userId, kling);
      expect(video.status).toBe("GENERATING");
      // Two callbacks (each confirms with the provider, then tries to claim the upload) and the poll job, at once.
      await Promise.all([checkVideo(video.uuid), checkVideo(video.uuid), processDueVideos()]);
      // Whoever lost may still be finishing; the poll job completes anything left due.
      await processDueVideos();
      const after = await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
      expect(after.status, `round ${round}`).toBe("COMPLETED");
      expect(await settlements(video.uuid)).toEqual({ hold: "SETTLED", settleEntries: 1 });
    }
    const balance = await db().creditPackage.findFirstOrThrow({ where: { userId } });
    expect(balance).toMatchObject({ remainingCredits: 900, frozenCredits: 0 });
    expect((await reconcileCredits()).filter((p) => p.userId === userId)).toEqual([]);
  }, 120_000);

  it("lets another worker finish a copy whose worker was killed, with the credits right", async () => {
    const userId = await richUser();
    const lease = 1500;
    const startWorker = (): ChildProcess =>
      // One process (tsx as a loader, not its CLI, which would run the worker in a child of its own),
      // so SIGKILL really kills the worker mid-copy.
      spawn(process.execPath, ["--import", "tsx", "src/jobs/worker-main.ts"], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, VIDEO_COPY_LEASE_MS: String(lease), WORKER_POLL_INTERVAL_MS: "100", LOG_LEVEL: "warn" },
        stdio: ["ignore", "inherit", "inherit"],
      });
    slowDownloads = 1;
    const startedBefore = downloadsStarted;
    const video = await generateVideo(userId, kling);
    const first = startWorker();
    try {
      // Wait until the first worker is in the middle of the copy.
      const deadline = Date.now() + 30_000;
      while (
        downloadsStarted === startedBefore ||
        (await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).status !== "UPLOADING"
      ) {
        if (Date.now() > deadline) throw new Error("the worker never started copying");
        await new Promise((r) => setTimeout(r, 50));
      }
      first.kill("SIGKILL");
      await new Promise((r) => first.once("exit", r));
    } finally {
      if (first.exitCode === null) first.kill("SIGKILL");
    }
    const stranded = await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
    expect(stranded.status).toBe("UPLOADING");
    expect(await settlements(video.uuid)).toEqual({ hold: "HELD", settleEntries: 0 });

    // A second worker takes over once the dead one's lease has run out.
    const second = startWorker();
    try {
      const deadline = Date.now() + 30_000;
      while ((await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).status !== "COMPLETED") {
        if (Date.now() > deadline) throw new Error("the second worker never finished the copy");
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      second.kill("SIGTERM");
      await new Promise((r) => second.once("exit", r));
    }
    expect(await settlements(video.uuid)).toEqual({ hold: "SETTLED", settleEntries: 1 });
    const done = await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
    expect(await files().head(done.storageKey ?? "")).toMatchObject({ size: SAMPLE.length });
    expect((await reconcileCredits()).filter((p) => p.userId === userId)).toEqual([]);
  }, 90_000);

  it("retries a video whose copy failed, while the provider's file is still there; once", async () => {
    const userId = await richUser();
    failDownloads = true;
    const video = await generateVideo(userId, kling);
    await processDueVideos();
    const failed = await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "E5002" });
    expect(await settlements(video.uuid)).toEqual({ hold: "RELEASED", settleEntries: 0 });

    // The provider's URL does not answer: 410 E4008, nothing held.
    await expect(retryVideo(userId, video.uuid)).rejects.toMatchObject({ code: "E4008", status: 410 });
    failDownloads = false;
    const retried = await retryVideo(userId, video.uuid);
    expect(retried.status).toBe("UPLOADING");
    await expect(retryVideo(userId, video.uuid)).rejects.toMatchObject({ code: "E4007" });
    await processDueVideos();
    const done = await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
    expect(done.status).toBe("COMPLETED");
    const holds = await db().creditHold.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    expect(holds.map((h) => [h.reference.replace(video.uuid, "<uuid>"), h.status])).toEqual([
      ["video:<uuid>", "RELEASED"],
      ["video:<uuid>:attempt-2", "SETTLED"],
    ]);
    // Charged once in all: 1000 - 1.
    expect(await db().creditPackage.findFirstOrThrow({ where: { userId } })).toMatchObject({
      remainingCredits: 999,
      frozenCredits: 0,
    });
    await expect(retryVideo(userId, video.uuid)).rejects.toMatchObject({ code: "E4007" });
    await expect(retryVideo("someone-else", video.uuid)).rejects.toMatchObject({ code: "E4006" });
  });

  it("tries the model's next provider when the first refuses the task", async () => {
    const userId = await richUser();
    const before = replicateCalls;
    const video = await generateVideo(userId, { ...kling, model: "seedance-1-pro", quality: "720p" });
    expect(replicateCalls).toBe(before + 1);
    expect(video).toMatchObject({ status: "GENERATING", provider: "demo" });
  });
});
