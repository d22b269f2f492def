import { pool, type Video } from "@videofly/db";
import { logger } from "../logger.ts";
import { videoConfig } from "./config.ts";
import { failVideo, HOLDING_SQL, RUNNING_SQL, RUNNING_STATUSES } from "./lifecycle.ts";

const maxRuntimeMs = () => videoConfig().VIDEO_MAX_RUNTIME_MINUTES * 60_000;

/**
 * Has the video's current attempt run out of time? VIDEO_MAX_RUNTIME_MINUTES count from when it
 * started (a retry restarts the clock), or from its creation when no provider ever accepted it.
 */
export function isPastMaxRuntime(video: Pick<Video, "status" | "startedAt" | "createdAt">, now: Date): boolean {
  const started = video.startedAt ?? video.createdAt;
  return RUNNING_STATUSES.includes(video.status) && now.getTime() - started.getTime() >= maxRuntimeMs();
}

/** Fails a video that ran out of time: FAILED with E5001 and its hold released, once (failVideo is guarded). */
export function failPastMaxRuntime(uuid: string) {
  return failVideo(
    uuid,
    "PROVIDER_ERROR",
    `The video took longer than ${videoConfig().VIDEO_MAX_RUNTIME_MINUTES} minutes and was stopped.`,
  );
}

/**
 * The poll job's deadline: fails every video still in progress past VIDEO_MAX_RUNTIME_MINUTES, so
 * no hold is kept for ever by a task that never ends. Deleted videos too: their credits come back
 * at the deadline rather than at the hold's TTL. One video that cannot be failed is logged and
 * skipped; it does not stop the others.
 */
export async function failVideosPastMaxRuntime(now = new Date(), batchSize = 100): Promise<number> {
  const cutoff = new Date(now.getTime() - maxRuntimeMs());
  const seen: string[] = [];
  let failed = 0;
  for (;;) {
    const { rows } = await pool().query<{ uuid: string }>(
      `SELECT uuid FROM video
        WHERE status IN ${RUNNING_SQL} AND COALESCE("startedAt", "createdAt") <= $1 AND NOT (uuid = ANY($2::text[]))
        ORDER BY COALESCE("startedAt", "createdAt") LIMIT $3`,
      [cutoff, seen, batchSize],
    );
    for (const { uuid } of rows) {
      seen.push(uuid);
      try {
        if (await failPastMaxRuntime(uuid)) failed += 1;
      } catch (error) {
        logger().error({ err: error, videoUuid: uuid }, "failing a video past its maximum runtime failed");
      }
    }
    if (rows.length < batchSize) return failed;
  }
}

/**
 * Which of these credit hold references pay for a video still in progress or queued for a slot
 * (a batch item may wait longer than a hold's TTL): such a hold is the video's to settle or
 * release, so the stale-hold job leaves it alone. A deleted video's is not.
 */
export async function holdsOfVideosInProgress(references: string[]): Promise<Set<string>> {
  const { rows } = await pool().query<{ holdReference: string }>(
    `SELECT "holdReference" FROM video
      WHERE "holdReference" = ANY($1::text[]) AND status IN ${HOLDING_SQL} AND "deletedAt" IS NULL`,
    [references],
  );
  return new Set(rows.map((r) => r.holdReference));
}
