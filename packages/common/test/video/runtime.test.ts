import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { db, pool } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdCredits, reconcileCredits } from "../../src/credits/index.ts";
import { SCHEDULED_JOBS } from "../../src/jobs/schedule.ts";
import {
  deleteVideo,
  generateVideo,
  processDueVideos,
  receiveVideoCallback,
  retryVideo,
  signedCallbackUrl,
} from "../../src/video/index.ts";
import { klingSpec, userWithCredits } from "./support.ts";

const SAMPLE = readFileSync(path.resolve(import.meta.dirname, "../../../../apps/nextjs/public/demo/sample.mp4"));

// The app's demo file, served as the app would (or refused, to fail a copy).
let server: Server;
let failDownloads = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== "/demo/sample.mp4") return res.writeHead(404).end();
    if (failDownloads) return res.writeHead(503).end();
    res.writeHead(200, { "content-type": "video/mp4", "content-length": String(SAMPLE.length) });
    res.end(SAMPLE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    APP_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    DEMO_PROVIDER: "on",
    DEMO_PROVIDER_DELAY_MS: "0",
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: "50",
    VIDEO_COPY_MAX_ATTEMPTS: "1",
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-runtime-")),
    DATABASE_POOL_MAX: "20",
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// 1 credit; VIDEO_MAX_RUNTIME_MINUTES and CREDIT_HOLD_TTL_HOURS keep their defaults (60 min, 24 h).
const kling = klingSpec("slow");

const richUser = () => userWithCredits("runtime");

/** The video started this many minutes ago. */
const startedMinutesAgo = (uuid: string, minutes: number) =>
  pool().query(`UPDATE video SET "startedAt" = now() - make_interval(mins => $2) WHERE uuid = $1`, [uuid, minutes]);

async function holdOf(reference: string) {
  const hold = await db().creditHold.findUniqueOrThrow({ where: { reference } });
  const entries = await db().creditTransaction.groupBy({ by: ["type"], where: { holdId: hold.id }, _count: true });
  const count = (type: string) => entries.find((e) => e.type === type)?._count ?? 0;
  return { status: hold.status, settles: count("SETTLE"), releases: count("RELEASE") };
}

const remaining = async (userId: string) =>
  db().creditPackage.findUniqueOrThrow({
    where: { grantKey: `o:${userId}` },
    select: { remainingCredits: true, frozenCredits: true },
  });

const booksOf = async (userId: string) => (await reconcileCredits()).filter((p) => p.userId === userId);

function callbackOf(video: { uuid: string; providerTaskId: string | null }) {
  return receiveVideoCallback({
    provider: "demo",
    searchParams: new URL(signedCallbackUrl("demo", video.uuid)).searchParams,
    rawBody: JSON.stringify({ taskId: video.providerTaskId }),
    headers: new Headers({ "content-type": "application/json" }),
  });
}

const staleHoldJob = () => {
  const job = SCHEDULED_JOBS.find((j) => j.name === "release-stale-holds");
  if (!job) throw new Error("no release-stale-holds job");
  return job.run() as Promise<{ released: number; credits: number }>;
};

describe("a hold cannot expire under a running video", () => {
  it("keeps a running video's hold past its TTL; the video then completes and is charged once", async () => {
    const userId = await richUser();
    const running = await generateVideo(userId, kling);
    expect(running.status).toBe("GENERATING");
    // Holds whose video is gone are still released: a deleted video's, and one of no video at all.
    const deleted = await generateVideo(userId, kling);
    await deleteVideo(userId, deleted.uuid);
    await holdCredits({ userId, reference: `video:${randomUUID()}`, amount: 3 });
    // Every hold is past its TTL: a render slower than CREDIT_HOLD_TTL_HOURS.
    await pool().query(`UPDATE credit_hold SET "expiresAt" = now() - interval '1 minute' WHERE "userId" = $1`, [
      userId,
    ]);

    expect(await staleHoldJob()).toMatchObject({ released: 2, credits: 4 });
    expect(await holdOf(`video:${running.uuid}`)).toEqual({ status: "HELD", settles: 0, releases: 0 });
    expect(await holdOf(`video:${deleted.uuid}`)).toMatchObject({ status: "RELEASED", releases: 1 });
    expect(await staleHoldJob()).toMatchObject({ released: 0 });

    await processDueVideos();
    expect(await db().video.findUniqueOrThrow({ where: { uuid: running.uuid } })).toMatchObject({
      status: "COMPLETED",
    });
    expect(await holdOf(`video:${running.uuid}`)).toEqual({ status: "SETTLED", settles: 1, releases: 0 });
    expect(await remaining(userId)).toEqual({ remainingCredits: 999, frozenCredits: 0 });
    expect(await booksOf(userId)).toEqual([]);
  });
});

describe("VIDEO_MAX_RUNTIME_MINUTES", () => {
  it("fails a video past it with E5001 and releases it once, with the poll job and callbacks racing (20 rounds)", async () => {
    const userId = await richUser();
    for (let round = 0; round < 20; round += 1) {
      const video = await generateVideo(userId, kling);
      await startedMinutesAgo(video.uuid, 61);
      // The provider has finished: without the deadline, any of these would complete the video.
      await Promise.all([processDueVideos(), callbackOf(video), processDueVideos(), callbackOf(video)]);
      const after = await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } });
      expect([after.status, after.errorCode], `round ${round}`).toEqual(["FAILED", "E5001"]);
      expect(await holdOf(`video:${video.uuid}`), `round ${round}`).toEqual({
        status: "RELEASED",
        settles: 0,
        releases: 1,
      });
    }
    // A copy that never finishes is stopped too, though its lease has not run out.
    const copying = await generateVideo(userId, kling);
    await pool().query(
      `UPDATE video SET status = 'UPLOADING', "providerVideoUrl" = $2, "nextCheckAt" = now() + interval '1 hour'
        WHERE uuid = $1`,
      [copying.uuid, `${process.env.APP_URL}/demo/sample.mp4`],
    );
    await startedMinutesAgo(copying.uuid, 61);
    expect(await processDueVideos()).toMatchObject({ pastMaxRuntime: 1 });
    expect(await db().video.findUniqueOrThrow({ where: { uuid: copying.uuid } })).toMatchObject({
      status: "FAILED",
      errorCode: "E5001",
    });
    expect(await holdOf(`video:${copying.uuid}`)).toEqual({ status: "RELEASED", settles: 0, releases: 1 });
    expect(await remaining(userId)).toEqual({ remainingCredits: 1000, frozenCredits: 0 });
    expect(await booksOf(userId)).toEqual([]);
  });

  it("gives a retry a runtime of its own, and failing it releases the retry's hold", async () => {
    const userId = await richUser();
    const failedCopy = async () => {
      failDownloads = true;
      const video = await generateVideo(userId, kling);
      await processDueVideos();
      failDownloads = false;
      expect(await db().video.findUniqueOrThrow({ where: { uuid: video.uuid } })).toMatchObject({
        status: "FAILED",
        errorCode: "E5002",
      });
      return video;
    };
    // Retried two hours after the first attempt started: the retry completes.
    const late = await failedCopy();
    await startedMinutesAgo(late.uuid, 120);
    await retryVideo(userId, late.uuid);
    await processDueVideos();
    expect(await db().video.findUniqueOrThrow({ where: { uuid: late.uuid } })).toMatchObject({ status: "COMPLETED" });
    expect(await holdOf(`video:${late.uuid}:attempt-2`)).toEqual({ status: "SETTLED", settles: 1, releases: 0 });

    // A retry that itself runs too long: its own hold is the one released.
    const stuck = await failedCopy();
    await retryVideo(userId, stuck.uuid);
    await startedMinutesAgo(stuck.uuid, 61);
    await processDueVideos();
    expect(await db().video.findUniqueOrThrow({ where: { uuid: stuck.uuid } })).toMatchObject({
      status: "FAILED",
      errorCode: "E5001",
    });
    expect(await holdOf(`video:${stuck.uuid}:attempt-2`)).toEqual({ status: "RELEASED", settles: 0, releases: 1 });
    expect(await remaining(userId)).toEqual({ remainingCredits: 999, frozenCredits: 0 });
    expect(await booksOf(userId)).toEqual([]);
  });
});
