import { LockNamespace, pool, transaction, type Video } from "@videofly/db";
import { logger } from "../logger.ts";
import { videoConfig } from "../video/config.ts";
import { providerChoices, submitVideo } from "../video/generate.ts";
import { failVideo, RUNNING_SQL } from "../video/lifecycle.ts";
import { resolveModel } from "../video/models.ts";

type Claimed = Pick<
  Video,
  "uuid" | "model" | "mode" | "prompt" | "negativePrompt" | "duration" | "aspectRatio" | "quality" | "imageUrl"
>;

/**
 * Starts as many of the user's QUEUED batch items as VIDEO_MAX_CONCURRENT has free slots: the
 * oldest batch first, then by index. They are claimed (QUEUED → PENDING) under the user's credit
 * lock, the lock generation takes too, so the limit holds against both; then, with the
 * transaction committed, each is submitted through the same path as a single generation. It
 * never fails for the limit: what does not fit waits for the next slot. Returns how many started.
 */
export async function startQueuedVideos(userId: string): Promise<number> {
  const claimed = await claimQueued(userId);
  for (const video of claimed) await submitQueued(video);
  return claimed.length;
}

async function claimQueued(userId: string): Promise<Claimed[]> {
  const limit = videoConfig().VIDEO_MAX_CONCURRENT;
  return transaction(
    async (client) => {
      const { rows: running } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM video WHERE "userId" = $1 AND status IN ${RUNNING_SQL} AND "deletedAt" IS NULL`,
        [userId],
      );
      const free = limit - (running[0]?.n ?? 0);
      if (free <= 0) return [];
      const { rows } = await client.query<Claimed & { id: string; batchId: string }>(
        `SELECT v.id, v."batchId", v.uuid, v.model, v.mode, v.prompt, v."negativePrompt", v.duration, v."aspectRatio",
                v.quality, v."imageUrl"
           FROM video v JOIN batch b ON b.id = v."batchId"
          WHERE v."userId" = $1 AND v.status = 'QUEUED' AND v."deletedAt" IS NULL
          ORDER BY b."createdAt", b.id, v."batchIndex" LIMIT $2
            FOR UPDATE OF v`,
        [userId, free],
      );
      if (!rows.length) return [];
      // Its runtime counts from now: the time it waited in the queue is not the provider's.
      await client.query(
        `UPDATE video SET status = 'PENDING', "startedAt" = now(), "updatedAt" = now() WHERE id = ANY($1::text[])`,
        [rows.map((r) => r.id)],
      );
      await client.query(
        `UPDATE batch SET status = 'RUNNING', "startedAt" = now(), "updatedAt" = now()
          WHERE id = ANY($1::text[]) AND status = 'QUEUED'`,
        [[...new Set(rows.map((r) => r.batchId))]],
      );
      return rows;
    },
    { lock: [LockNamespace.creditUser, userId] },
  );
}

/** Submits one claimed item; a refusal fails it and releases its hold (as for a generation), and is logged. */
async function submitQueued(video: Claimed): Promise<void> {
  const input = {
    model: video.model,
    mode: video.mode,
    prompt: video.prompt,
    negativePrompt: video.negativePrompt ?? undefined,
    duration: video.duration,
    aspectRatio: video.aspectRatio,
    quality: video.quality,
    imageUrl: video.imageUrl ?? undefined,
  };
  try {
    await submitVideo(video.uuid, input, providerChoices(resolveModel(input), input.mode));
  } catch (error) {
    logger().warn({ err: error, videoUuid: video.uuid }, "a queued video could not be submitted");
    // submitVideo failed it when every provider refused; anything else (the model gone, no provider) fails it here.
    await failVideo(
      video.uuid,
      "PROVIDER_ERROR",
      error instanceof Error ? error.message : "The task could not be submitted.",
    );
  }
}

/**
 * The poll job's safety net: users with QUEUED items and a free slot get them started, so a
 * process killed between a slot freeing and the next dispatch strands nothing.
 */
export async function dispatchQueuedVideos(): Promise<number> {
  const { rows } = await pool().query<{ userId: string }>(
    `SELECT DISTINCT q."userId" FROM video q
      WHERE q.status = 'QUEUED' AND q."deletedAt" IS NULL
        AND (SELECT count(*) FROM video r WHERE r."userId" = q."userId" AND r.status IN ${RUNNING_SQL}
              AND r."deletedAt" IS NULL) < $1
      LIMIT 100`,
    [videoConfig().VIDEO_MAX_CONCURRENT],
  );
  let started = 0;
  for (const { userId } of rows) started += await startQueuedVideos(userId);
  return started;
}
