import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db, pool } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cancelBatch,
  createBatch,
  getBatch,
  listBatches,
  listBatchVideos,
  retryFailedBatchItems,
  startQueuedVideos,
} from "../../src/batch/index.ts";
import { getBalance, reconcileCredits } from "../../src/credits/index.ts";
import { AppError } from "../../src/errors/index.ts";
import { deleteVideo } from "../../src/video/index.ts";
import { createUser } from "../credits/support.ts";
import { userWithCredits } from "../video/support.ts";
import { countFinalisations, driveUntilFinished, kling, runningOf, startFileServer, statusesOf } from "./support.ts";

let files: Awaited<ReturnType<typeof startFileServer>>;
let finalisations: () => Promise<Record<string, number>>;

beforeAll(async () => {
  files = await startFileServer();
  Object.assign(process.env, {
    APP_URL: files.url,
    DEMO_PROVIDER: "on",
    DEMO_PROVIDER_DELAY_MS: "0",
    VIDEO_POLL_INTERVAL_MS: "1",
    VIDEO_MAX_CONCURRENT: "2",
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-batch-")),
    DATABASE_POOL_MAX: "20",
  });
  finalisations = await countFinalisations();
});

afterAll(() => files.close());

const template = {
  ...kling,
  template: "A {animal} in {style} style",
  variables: { animal: ["cat", "dog", "fox"], style: ["ink", "neon"] },
};

describe("batches", () => {
  it("makes a 3×2 template batch: six videos in index order, settled once each, finalised once", async () => {
    const userId = await userWithCredits("batch");
    const created = await createBatch(userId, template);
    expect(created).toEqual({
      id: expect.stringMatching(/^bat_/),
      status: "queued",
      totalCount: 6,
      costPerVideo: 1,
      requiredCredits: 6,
      availableCredits: 994,
    });
    const queued = await listBatchVideos(userId, created.id);
    expect(queued.items.map((v) => [v.batchIndex, v.prompt, v.status])).toEqual([
      [0, "A cat in ink style", "QUEUED"],
      [1, "A cat in neon style", "QUEUED"],
      [2, "A dog in ink style", "QUEUED"],
      [3, "A dog in neon style", "QUEUED"],
      [4, "A fox in ink style", "QUEUED"],
      [5, "A fox in neon style", "QUEUED"],
    ]);
    expect(queued.items[2]?.metadata).toEqual({ variables: { animal: "dog", style: "ink" } });
    expect(await startQueuedVideos(userId)).toBe(2);
    await driveUntilFinished(created.id);

    const batch = await getBatch(userId, created.id);
    expect(batch.status).toBe("completed");
    expect(batch.counts).toMatchObject({ completed: 6, queued: 0, failed: 0 });
    expect(batch.credits).toEqual({ held: 0, settled: 6, released: 0 });
    expect(batch.startedAt).not.toBeNull();
    expect(batch.finishedAt).not.toBeNull();
    expect((await finalisations())[created.id]).toBe(1);
    expect((await getBalance(userId)).available).toBe(994);
    expect((await listBatches(userId)).items.map((b) => b.id)).toEqual([created.id]);
    expect(await reconcileCredits()).toEqual([]);
  });

  it("finalises exactly once when the last items end at the same moment (20 rounds)", async () => {
    const userId = await userWithCredits("race");
    for (let round = 0; round < 20; round += 1) {
      const { id } = await createBatch(userId, {
        ...kling,
        items: Array.from({ length: 6 }, (_, i) => ({ prompt: `p${i}` })),
      });
      // Every item running at once (as if the slots had been free), then all ending together.
      await pool().query(`UPDATE video SET status = 'UPLOADING' WHERE "batchId" = $1`, [id]);
      const { completeVideo, failVideo } = await import("../../src/video/lifecycle.ts");
      const items = await db().video.findMany({ where: { batchId: id }, orderBy: { batchIndex: "asc" } });
      await Promise.all(
        items.map((v, i) =>
          round % 2 && i % 3 === 0
            ? failVideo(v.uuid, "PROVIDER_ERROR", "failed on purpose")
            : completeVideo(v.uuid, `k/${v.uuid}`),
        ),
      );
      const batch = await getBatch(userId, id);
      expect(batch.status).toBe(round % 2 ? "partially_failed" : "completed");
      expect(batch.finishedAt).not.toBeNull();
      expect((await finalisations())[id]).toBe(1);
    }
    expect(await reconcileCredits()).toEqual([]);
  });

  it("never runs more than VIDEO_MAX_CONCURRENT items, even with dispatchers racing, and none fails with E4005", async () => {
    const userId = await userWithCredits("limit");
    const { id } = await createBatch(userId, {
      ...kling,
      items: Array.from({ length: 20 }, (_, i) => ({ prompt: `item ${i}` })),
    });
    let most = 0;
    const sample = async () => {
      most = Math.max(most, await runningOf(userId));
    };
    // Many dispatchers at once (the route's after(), callbacks, the poll job of several workers).
    await Promise.all([...Array.from({ length: 8 }, () => startQueuedVideos(userId)), sample(), sample()]);
    expect(await runningOf(userId)).toBe(2);
    let sampling = true;
    const sampler = (async () => {
      while (sampling) await sample();
    })();
    await driveUntilFinished(id, async () => {
      await Promise.all([startQueuedVideos(userId), sample()]);
    });
    sampling = false;
    await sampler;
    expect(most).toBe(2);
    expect(await statusesOf(id)).toEqual({ COMPLETED: 20 });
    expect(await db().video.count({ where: { batchId: id, errorCode: "E4005" } })).toBe(0);
    expect((await getBatch(userId, id)).credits).toEqual({ held: 0, settled: 20, released: 0 });
  });

  it("cancelling releases exactly the unstarted items' credits; running ones finish and settle", async () => {
    const userId = await userWithCredits("cancel");
    const { id } = await createBatch(userId, {
      ...kling,
      items: Array.from({ length: 6 }, (_, i) => ({ prompt: `c${i}` })),
    });
    expect(await startQueuedVideos(userId)).toBe(2);
    const cancelled = await cancelBatch(userId, id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.finishedAt).toBeNull();
    expect(cancelled.counts).toMatchObject({ cancelled: 4, generating: 2 });
    expect(cancelled.credits).toEqual({ held: 2, settled: 0, released: 4 });
    expect((await getBalance(userId)).available).toBe(1000 - 2);
    // A second cancel changes nothing.
    expect((await cancelBatch(userId, id)).credits).toEqual({ held: 2, settled: 0, released: 4 });
    await driveUntilFinished(id);
    const batch = await getBatch(userId, id);
    expect(batch.status).toBe("cancelled");
    expect(batch.credits).toEqual({ held: 0, settled: 2, released: 4 });
    expect(await statusesOf(id)).toEqual({ COMPLETED: 2, CANCELLED: 4 });
    expect((await finalisations())[id]).toBe(1);
    expect(await reconcileCredits()).toEqual([]);
  });

  it("finalises a batch cancelled before any item started at once", async () => {
    const userId = await userWithCredits("cancel-now");
    const { id } = await createBatch(userId, { ...kling, items: [{ prompt: "a" }, { prompt: "b" }] });
    const batch = await cancelBatch(userId, id);
    expect(batch).toMatchObject({ status: "cancelled", credits: { held: 0, settled: 0, released: 2 } });
    expect(batch.finishedAt).not.toBeNull();
    expect(await startQueuedVideos(userId)).toBe(0);
  });

  it("holds nothing and creates nothing when credits are short (E4001 for the whole batch)", async () => {
    const userId = await userWithCredits("short", 5);
    const error = await createBatch(userId, template).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("E4001");
    expect((error as AppError).details).toEqual({ required: 6, available: 5, shortfall: 1 });
    expect(await db().batch.count({ where: { userId } })).toBe(0);
    expect(await db().video.count({ where: { userId } })).toBe(0);
    expect(await db().creditHold.count({ where: { userId } })).toBe(0);
    expect((await getBalance(userId)).available).toBe(5);
  });

  it("answers 400 naming the field for each bad template and list", async () => {
    const userId = await createUser("bad");
    const fieldOf = async (body: unknown, options?: { maxItems?: number }) => {
      const error = (await createBatch(userId, body, options).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe("E4000");
      return (error.details as { fields: { field: string }[] }).fields.map((f) => f.field);
    };
    expect(await fieldOf({ ...kling, template: "A {animal} {color}", variables: { animal: ["cat"] } })).toEqual([
      "body.template",
    ]);
    expect(await fieldOf({ ...kling, template: "A {animal}", variables: { animal: ["cat"], unused: ["x"] } })).toEqual([
      "body.variables.unused",
    ]);
    expect(await fieldOf({ ...kling, template: "A {animal}", variables: { animal: [] } })).toEqual([
      "body.variables.animal",
    ]);
    expect(await fieldOf({ ...kling, items: [] })).toEqual(["body.items"]);
    expect(await fieldOf({ ...kling })).toEqual(["body.template"]);
    expect(await fieldOf({ ...kling, template: "x", items: [{ prompt: "y" }] })).toEqual(["body.template"]);
    const many = {
      ...kling,
      template: "{a}{b}",
      variables: { a: Array.from({ length: 11 }, (_, i) => `${i}`), b: Array.from({ length: 10 }, (_, i) => `${i}`) },
    };
    expect(await fieldOf(many)).toEqual(["body.variables"]);
    expect(await fieldOf({ ...kling, items: [{ prompt: "a" }, { prompt: "b" }] }, { maxItems: 1 })).toEqual([
      "body.items",
    ]);
    expect(await db().batch.count({ where: { userId } })).toBe(0);
  });

  it("lets an admin re-queue failed items with new holds, and the batch finishes again", async () => {
    const userId = await userWithCredits("retry");
    const { id } = await createBatch(userId, { ...kling, items: [{ prompt: "a" }, { prompt: "b" }] });
    await startQueuedVideos(userId);
    const { failVideo } = await import("../../src/video/lifecycle.ts");
    const [first] = await db().video.findMany({ where: { batchId: id }, orderBy: { batchIndex: "asc" } });
    await failVideo(first?.uuid as string, "PROVIDER_ERROR", "failed on purpose");
    await driveUntilFinished(id);
    expect((await getBatch(userId, id)).status).toBe("partially_failed");
    expect(await retryFailedBatchItems(id)).toEqual({ id, requeued: 1 });
    await driveUntilFinished(id);
    const batch = await getBatch(userId, id);
    expect(batch.status).toBe("completed");
    expect(batch.credits).toEqual({ held: 0, settled: 2, released: 1 });
    expect((await finalisations())[id]).toBe(2);
    expect(await reconcileCredits()).toEqual([]);
  });

  it("cancels a queued item its owner deletes (credits back), so its batch still finishes", async () => {
    const userId = await userWithCredits("delete");
    const { id } = await createBatch(userId, { ...kling, items: [{ prompt: "a" }, { prompt: "b" }, { prompt: "c" }] });
    await startQueuedVideos(userId);
    const last = await db().video.findFirstOrThrow({ where: { batchId: id, batchIndex: 2 } });
    expect(last.status).toBe("QUEUED");
    await deleteVideo(userId, last.uuid);
    expect((await getBatch(userId, id)).credits).toEqual({ held: 2, settled: 0, released: 1 });
    await driveUntilFinished(id);
    expect(await getBatch(userId, id)).toMatchObject({
      status: "partially_failed",
      counts: { completed: 2, cancelled: 1 },
      credits: { held: 0, settled: 2, released: 1 },
    });
    expect(await reconcileCredits()).toEqual([]);
  });

  it("hides another user's batch (not found)", async () => {
    const owner = await userWithCredits("owner");
    const other = await createUser("other");
    const { id } = await createBatch(owner, { ...kling, items: [{ prompt: "mine" }] });
    for (const attempt of [() => getBatch(other, id), () => listBatchVideos(other, id), () => cancelBatch(other, id)]) {
      await expect(attempt()).rejects.toMatchObject({ code: "E4040" });
    }
  });
});
