import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pool } from "@videofly/db";
import { beforeAll, describe, expect, it } from "vitest";
import { type AccessVideo, type Defer, decideVideoAccess, type Viewer } from "../../src/access/index.ts";
import { createUser } from "../credits/support.ts";

let storageDir: string;

beforeAll(() => {
  storageDir = mkdtempSync(path.join(tmpdir(), "videofly-access-"));
  Object.assign(process.env, {
    STORAGE_LOCAL_DIR: storageDir,
    APP_URL: "http://videofly.test",
    DOWNLOADS_PER_HOUR: "2",
    FREE_DOWNLOADS_PER_DAY: "3",
  });
});

async function video(ownerId: string, visibility: "PRIVATE" | "UNLISTED" | "PUBLIC"): Promise<AccessVideo> {
  const uuid = randomUUID();
  const storageKey = `videos/${uuid}/${randomUUID().replaceAll("-", "")}.mp4`;
  mkdirSync(path.join(storageDir, path.dirname(storageKey)), { recursive: true });
  writeFileSync(path.join(storageDir, storageKey), "mp4");
  const { rows } = await pool().query<{ id: string }>(
    `INSERT INTO video (uuid, "userId", status, model, mode, prompt, duration, "aspectRatio", quality, "creditsCost",
                        "storageKey", visibility, "allowDownload", "completedAt", "updatedAt")
     VALUES ($1, $2, 'COMPLETED', 'kling-2.6', 'TEXT_TO_VIDEO', 'p', 5, '16:9', 'standard', 1, $3, $4::"VideoVisibility", true, now(), now())
     RETURNING id`,
    [uuid, ownerId, storageKey, visibility],
  );
  return {
    id: rows[0]?.id as string,
    uuid,
    userId: ownerId,
    storageKey,
    visibility,
    allowEmbed: true,
    allowDownload: true,
    embedDomains: [],
  };
}

const viewer = (userId: string | null, ip = "203.0.113.7"): Viewer => ({
  userId,
  ip,
  userAgent: "test",
  referrerOrigin: null,
});

/** Collects what the decision defers, so a test can wait for the audit. */
function deferred(): { defer: Defer; flush(): Promise<void> } {
  const tasks: Promise<void>[] = [];
  return { defer: (task) => void tasks.push(task()), flush: async () => void (await Promise.all(tasks)) };
}

const audit = async (videoId: string) =>
  (
    await pool().query<{ viewerId: string | null; action: string; allowed: boolean; reason: string; ip: string }>(
      `SELECT "viewerId", action::text, allowed, reason, ip FROM video_access_log WHERE "videoId" = $1 ORDER BY id`,
      [videoId],
    )
  ).rows;

describe("decideVideoAccess", () => {
  it("signs short-lived URLs and records each decision, allowed or refused, with who asked", async () => {
    const owner = await createUser("owner");
    const v = await video(owner, "UNLISTED");
    const { defer, flush } = deferred();
    const play = await decideVideoAccess({ action: "play", viewer: viewer(null), video: v }, defer);
    expect(play).toMatchObject({ allowed: true, reason: "unlisted", badge: true });
    if (!play.allowed) throw new Error("refused");
    expect(play.url).toContain(v.storageKey);
    expect(play.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const download = await decideVideoAccess({ action: "download", viewer: viewer(null), video: v }, defer);
    expect(download).toEqual({ allowed: false, reason: "plan_required" });
    await flush();
    expect(await audit(v.id)).toEqual([
      { viewerId: null, action: "PLAY", allowed: true, reason: "unlisted", ip: "203.0.113.7" },
      { viewerId: null, action: "DOWNLOAD", allowed: false, reason: "plan_required", ip: "203.0.113.7" },
    ]);
  });

  it("stops a viewer after DOWNLOADS_PER_HOUR downloads, under concurrent requests, per viewer", async () => {
    const owner = await createUser("hoarder");
    const videos = await Promise.all([1, 2, 3, 4, 5].map(() => video(owner, "PRIVATE")));
    const { defer, flush } = deferred();
    const answers = await Promise.all(
      videos.map((v) => decideVideoAccess({ action: "download", viewer: viewer(owner), video: v }, defer)),
    );
    expect(answers.filter((a) => a.allowed)).toHaveLength(2);
    expect(answers.filter((a) => !a.allowed).map((a) => a.reason)).toEqual([
      "rate_limited",
      "rate_limited",
      "rate_limited",
    ]);
    await flush();
    // Another viewer has a budget of their own.
    const stranger = await createUser("stranger");
    const shared = await video(stranger, "PRIVATE");
    expect((await decideVideoAccess({ action: "download", viewer: viewer(stranger), video: shared })).allowed).toBe(
      true,
    );
  });
});
