import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { db, pool } from "@videofly/db";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { createBatch, listBatchVideos } from "../../src/batch/index.ts";
import { getBalance } from "../../src/credits/index.ts";
import { AppError } from "../../src/errors/index.ts";
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  listProjectVideos,
  moveVideos,
  projectSchemas,
  updateProject,
} from "../../src/projects/index.ts";
import { files } from "../../src/video/files.ts";
import { cleanupVideos, generateVideo, getVideo } from "../../src/video/index.ts";
import type { Wire } from "../../src/wire.ts";
import { klingSpec, userWithCredits } from "../video/support.ts";

type Result<F extends (...args: never[]) => unknown> = Wire<Awaited<ReturnType<F>>>;

beforeAll(() => {
  Object.assign(process.env, {
    APP_URL: "http://127.0.0.1:9",
    DEMO_PROVIDER: "on",
    DEMO_PROVIDER_DELAY_MS: "60000",
    VIDEO_MAX_CONCURRENT: "50",
    STORAGE_LOCAL_DIR: mkdtempSync(path.join(tmpdir(), "videofly-projects-")),
  });
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A video of the user made directly in the database, with a status and a creation time. */
async function seedVideo(userId: string, status: string, options: { projectId?: string; createdAt?: Date } = {}) {
  const { rows } = await pool().query<{ uuid: string }>(
    `INSERT INTO video ("userId", status, model, mode, prompt, duration, "aspectRatio", quality, "creditsCost",
                        "projectId", "storageKey", "createdAt", "updatedAt")
     VALUES ($1, $2::"VideoStatus", 'kling-2.6', 'TEXT_TO_VIDEO', 'seeded', 5, '16:9', 'standard', 3, $3,
             CASE WHEN $2 = 'COMPLETED' THEN 'videos/x/seeded.mp4' END, coalesce($4::timestamptz AT TIME ZONE 'UTC', now()), now())
     RETURNING uuid`,
    [userId, status, options.projectId ?? null, options.createdAt ?? null],
  );
  return rows[0]?.uuid as string;
}

describe("projects", () => {
  it("have the types the API document shows", () => {
    expectTypeOf<Result<typeof getProject>>().toEqualTypeOf<z.output<typeof projectSchemas.project>>();
    expectTypeOf<Result<typeof listProjects>>().toEqualTypeOf<z.output<typeof projectSchemas.projectPage>>();
    expectTypeOf<Result<typeof listProjectVideos>>().toEqualTypeOf<z.output<typeof projectSchemas.projectVideoPage>>();
    expectTypeOf<Result<typeof deleteProject>>().toEqualTypeOf<z.output<typeof projectSchemas.deletedProject>>();
    expectTypeOf<Result<typeof moveVideos>>().toEqualTypeOf<z.output<typeof projectSchemas.movedVideos>>();
  });

  it("are created, read with counts, renamed and described; another user's is not found", async () => {
    const userId = await userWithCredits("prj-crud");
    const other = await userWithCredits("prj-crud-other");
    const created = await createProject(userId, { name: "Launch" });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^prj_[0-9a-f]{32}$/),
      name: "Launch",
      description: null,
      status: "idle",
      videoCount: 0,
      creditsSpent: 0,
      lastVideoAt: null,
    });
    expect(projectSchemas.project.safeParse(JSON.parse(JSON.stringify(created))).success).toBe(true);

    await seedVideo(userId, "COMPLETED", { projectId: created.id });
    await seedVideo(userId, "COMPLETED", { projectId: created.id });
    await seedVideo(userId, "FAILED", { projectId: created.id });
    await seedVideo(userId, "GENERATING", { projectId: created.id });
    const deleted = await seedVideo(userId, "COMPLETED", { projectId: created.id });
    await pool().query(`UPDATE video SET "deletedAt" = now() WHERE uuid = $1`, [deleted]);
    const read = await getProject(userId, created.id);
    expect(read.counts).toEqual({
      queued: 0,
      pending: 0,
      generating: 1,
      uploading: 0,
      completed: 2,
      failed: 1,
      cancelled: 0,
    });
    expect(read).toMatchObject({ status: "active", videoCount: 4, creditsSpent: 6 });

    const renamed = await updateProject(userId, created.id, { name: "Launch v2", description: "Spring campaign" });
    expect(renamed).toMatchObject({ name: "Launch v2", description: "Spring campaign" });
    expect((await updateProject(userId, created.id, { description: null })).description).toBeNull();

    for (const attempt of [
      () => getProject(other, created.id),
      () => updateProject(other, created.id, { name: "mine now" }),
      () => deleteProject(other, created.id, "delete"),
      () => listProjectVideos(other, created.id),
    ]) {
      const error = await failure(attempt());
      expect([error.status, error.details]).toEqual([404, { id: created.id }]);
    }
    expect((await getProject(userId, created.id)).name).toBe("Launch v2");
  });

  it("validate names (1–100) and descriptions (≤ 2000)", () => {
    const fields = (body: unknown) =>
      projectSchemas.createBody.safeParse(body).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(fields({ name: "" })).toEqual(["name"]);
    expect(fields({ name: "   " })).toEqual(["name"]);
    expect(fields({ name: "x".repeat(101) })).toEqual(["name"]);
    expect(fields({ name: "x".repeat(100), description: "d".repeat(2001) })).toEqual(["description"]);
    expect(fields({ name: "x".repeat(100), description: "d".repeat(2000) })).toEqual([]);
    expect(projectSchemas.updateBody.safeParse({}).success).toBe(false);
  });

  it("list newest first in cursor pages, by name and by status", async () => {
    const userId = await userWithCredits("prj-list");
    const other = await userWithCredits("prj-list-other");
    await createProject(other, { name: "Alpha of someone else" });
    const made = [];
    for (let i = 0; i < 7; i += 1) made.push(await createProject(userId, { name: i % 2 ? `Alpha ${i}` : `Beta_${i}` }));
    await seedVideo(userId, "QUEUED", { projectId: made[1]?.id });
    await seedVideo(userId, "COMPLETED", { projectId: made[2]?.id });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = projectSchemas.listQuery.parse({ limit: "3", ...(cursor ? { cursor } : {}) });
      const page = await listProjects(userId, query);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((p) => p.id).reverse());

    const names = async (options: Parameters<typeof listProjects>[1]) =>
      (await listProjects(userId, options)).items.map((p) => p.name);
    expect(await names({ q: "alpha" })).toEqual(["Alpha 5", "Alpha 3", "Alpha 1"]);
    // LIKE's wildcards are literal in a search.
    expect(await names({ q: "_" })).toEqual(["Beta_6", "Beta_4", "Beta_2", "Beta_0"]);
    expect(await names({ q: "%" })).toEqual([]);
    expect(await names({ status: "active" })).toEqual(["Alpha 1"]);
    expect(await names({ status: "idle" })).toHaveLength(6);
    expect(await names({ status: "idle", q: "beta_2" })).toEqual(["Beta_2"]);
    expect(projectSchemas.listQuery.safeParse({ cursor: "bm9wZQ" }).success).toBe(false);
  });

  it("list a project's videos newest first, by status, in cursor pages", async () => {
    const userId = await userWithCredits("prj-videos");
    const project = await createProject(userId, { name: "Clips" });
    const uuids = [];
    for (let i = 0; i < 5; i += 1) {
      uuids.push(
        await seedVideo(userId, i === 2 ? "FAILED" : "COMPLETED", {
          projectId: project.id,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        }),
      );
    }
    await seedVideo(userId, "COMPLETED");
    const first = await listProjectVideos(userId, project.id, { limit: 3 });
    expect(first.items.map((v) => v.uuid)).toEqual(uuids.slice(2).reverse());
    expect(first.items[0]).toMatchObject({ projectId: project.id, updatedAt: expect.any(Date) });
    const cursor = projectSchemas.videosQuery.parse({ cursor: first.nextCursor }).cursor;
    const second = await listProjectVideos(userId, project.id, { limit: 3, cursor });
    expect([second.items.map((v) => v.uuid), second.nextCursor]).toEqual([uuids.slice(0, 2).reverse(), null]);
    const failed = await listProjectVideos(userId, project.id, { status: "FAILED" });
    expect(failed.items.map((v) => v.uuid)).toEqual([uuids[2]]);
  });

  it("move videos in bulk, all or nothing, and out again", async () => {
    const userId = await userWithCredits("prj-move");
    const other = await userWithCredits("prj-move-other");
    const project = await createProject(userId, { name: "Target" });
    const theirs = await createProject(other, { name: "Theirs" });
    const mine = [await seedVideo(userId, "COMPLETED"), await seedVideo(userId, "FAILED")];
    const foreign = await seedVideo(other, "COMPLETED");

    const refused = await failure(moveVideos(userId, project.id, [...mine, foreign]));
    expect([refused.status, refused.code, refused.details]).toEqual([404, "E4006", { uuids: [foreign] }]);
    expect(refused.message).toContain(foreign);
    expect((await getProject(userId, project.id)).videoCount).toBe(0);
    const intoTheirs = await failure(moveVideos(userId, theirs.id, mine));
    expect([intoTheirs.status, intoTheirs.details]).toEqual([404, { id: theirs.id }]);

    expect(await moveVideos(userId, project.id, [mine[0] as string, ...mine])).toEqual({
      projectId: project.id,
      moved: 2,
      videoUuids: mine,
    });
    expect((await getVideo(userId, mine[0] as string)).projectId).toBe(project.id);
    expect((await getProject(userId, project.id)).videoCount).toBe(2);
    expect((await getVideo(other, foreign)).projectId).toBeNull();

    expect((await moveVideos(userId, null, [mine[1] as string])).moved).toBe(1);
    expect((await getVideo(userId, mine[1] as string)).projectId).toBeNull();
    expect((await getProject(userId, project.id)).videoCount).toBe(1);
  });

  it("start a video or a whole batch in the user's own project, and refuse another's naming projectId", async () => {
    const userId = await userWithCredits("prj-start");
    const other = await userWithCredits("prj-start-other");
    const project = await createProject(userId, { name: "Starts" });
    const theirs = await createProject(other, { name: "Not yours" });

    const video = await generateVideo(userId, { ...klingSpec("a lighthouse"), projectId: project.id });
    expect((await getVideo(userId, video.uuid)).projectId).toBe(project.id);

    const batch = await createBatch(userId, {
      ...klingSpec("x"),
      prompt: undefined,
      template: "a {thing}",
      variables: { thing: ["cat", "dog"] },
      projectId: project.id,
    });
    const items = await listBatchVideos(userId, batch.id);
    expect(items.items.map((v) => v.projectId)).toEqual([project.id, project.id]);
    expect((await getProject(userId, project.id)).videoCount).toBe(3);

    const before = await getBalance(userId);
    const videosBefore = await db().video.count({ where: { userId } });
    for (const attempt of [
      () => generateVideo(userId, { ...klingSpec("nope"), projectId: theirs.id }),
      () =>
        createBatch(userId, { ...klingSpec("x"), prompt: undefined, items: [{ prompt: "p" }], projectId: theirs.id }),
    ]) {
      const error = await failure(attempt());
      expect([error.status, error.details]).toEqual([
        400,
        { fields: [{ field: "body.projectId", code: "not_found", message: "No such project of yours." }] },
      ]);
    }
    expect(await getBalance(userId)).toEqual(before);
    expect(await db().video.count({ where: { userId } })).toBe(videosBefore);
  });

  it("delete keeping the videos (out of any project) or deleting them (queued credits released)", async () => {
    const userId = await userWithCredits("prj-delete");
    const keep = await createProject(userId, { name: "Keep" });
    const kept = await seedVideo(userId, "COMPLETED", { projectId: keep.id });
    expect(await deleteProject(userId, keep.id, "keep")).toEqual({
      id: keep.id,
      deleted: true,
      videos: "keep",
      videoCount: 1,
    });
    expect((await getVideo(userId, kept)).projectId).toBeNull();
    expect((await failure(getProject(userId, keep.id))).status).toBe(404);

    const drop = await createProject(userId, { name: "Drop" });
    const done = await seedVideo(userId, "COMPLETED", { projectId: drop.id });
    const stored = `videos/${done}/result.mp4`;
    await files().put(stored, Readable.from([Buffer.from("not really a video")]), { contentType: "video/mp4" });
    await pool().query(`UPDATE video SET "storageKey" = $2 WHERE uuid = $1`, [done, stored]);
    const batch = await createBatch(userId, {
      ...klingSpec("x"),
      prompt: undefined,
      items: [{ prompt: "q" }],
      projectId: drop.id,
    });
    const before = await getBalance(userId);
    expect(before.frozen).toBe(1);
    expect((await deleteProject(userId, drop.id, "delete")).videoCount).toBe(2);
    const rows = await db().video.findMany({ where: { userId, OR: [{ uuid: done }, { batchId: batch.id }] } });
    expect(rows.map((v) => [v.status, v.deletedAt !== null, v.projectId]).sort()).toEqual([
      ["CANCELLED", true, null],
      ["COMPLETED", true, null],
    ]);
    expect(await getBalance(userId)).toMatchObject({ frozen: 0, available: before.available + 1 });
    // The one deletion path: the cleanup job removes the deleted video's stored file.
    expect(await files().head(stored)).not.toBeNull();
    await cleanupVideos();
    expect(await files().head(stored)).toBeNull();
    expect((await getVideo(userId, kept)).uuid).toBe(kept);
  });
});
