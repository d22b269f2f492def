import { db, type SqlClient, transaction, type Video } from "@videofly/db";
import { startQueuedVideos } from "../batch/dispatch.ts";
import { finaliseBatchInTransaction } from "../batch/finalise.ts";
import { resolveHoldInTransaction } from "../credits/index.ts";
import { type ErrorName, errorCodes } from "../errors/index.ts";
import { logger } from "../logger.ts";
import { emitWebhookEvent } from "../webhooks/index.ts";
import { signedVideoView } from "./queries.ts";
import type { StoredFacts } from "./result-file.ts";

/**
 * The statuses of a video being made: it counts toward VIDEO_MAX_CONCURRENT until it leaves them.
 * A QUEUED batch item is not running yet: it waits for a slot.
 */
export const RUNNING_STATUSES: readonly Video["status"][] = ["PENDING", "GENERATING", "UPLOADING"];
/** The statuses of a video that holds its credits: running, or queued for a slot. */
export const HOLDING_STATUSES: readonly Video["status"][] = [...RUNNING_STATUSES, "QUEUED"];

const sqlList = (statuses: readonly string[]) => `(${statuses.map((s) => `'${s}'`).join(", ")})`;
/** The same lists, for `status IN ...`. */
export const RUNNING_SQL = sqlList(RUNNING_STATUSES);
export const HOLDING_SQL = sqlList(HOLDING_STATUSES);

/** The credit hold that pays for a video's first attempt; a retry gets one of its own. */
export const holdReference = (videoUuid: string, attempt = 1) =>
  attempt === 1 ? `video:${videoUuid}` : `video:${videoUuid}:attempt-${attempt}`;

/**
 * Marks a video FAILED with an error code and releases its credits, in one transaction. Only a
 * video still running fails (with `unconfirmedOnly`, only one whose task id is still unknown);
 * a second call is a no-op (null).
 */
export async function failVideo(
  uuid: string,
  error: ErrorName,
  message: string,
  options: { unconfirmedOnly?: boolean } = {},
): Promise<Video | null> {
  const failed = await transaction(async (client) => {
    const { rows } = await client.query<Video>(
      `UPDATE video SET status = 'FAILED', "errorCode" = $2, "errorMessage" = $3, "nextCheckAt" = NULL, "updatedAt" = now()
        WHERE uuid = $1 AND status IN ${RUNNING_SQL}
          AND (NOT $4::boolean OR "providerTaskId" IS NULL) RETURNING *`,
      [uuid, errorCodes[error].code, message.slice(0, 500), options.unconfirmedOnly ?? false],
    );
    const failed = rows[0];
    if (!failed) return null;
    // The current attempt's hold: a retried video pays with a hold of its own.
    await resolveHoldInTransaction(client, failed.holdReference ?? holdReference(uuid), "RELEASED", {
      reason: `video failed: ${errorCodes[error].code}`,
    });
    await endedInTransaction(client, failed, "video.failed");
    return failed;
  });
  if (!failed) return null;
  await slotFreed(failed.userId);
  return db().video.findUnique({ where: { uuid } });
}

/**
 * Marks a stored video COMPLETED, with its poster and probed facts when known, and settles its
 * credits, in one transaction; exactly once.
 */
export async function completeVideo(
  uuid: string,
  storageKey: string,
  facts: Partial<StoredFacts> = {},
): Promise<boolean> {
  const completed = await transaction(async (client) => {
    const { rows } = await client.query<Video>(
      `UPDATE video SET status = 'COMPLETED', "storageKey" = $2, "thumbnailKey" = $3, "mediaDurationMs" = $4,
                        width = $5, height = $6, "hasAudio" = $7,
                        "completedAt" = now(), "nextCheckAt" = NULL, "updatedAt" = now()
        WHERE uuid = $1 AND status = 'UPLOADING' RETURNING *`,
      [
        uuid,
        storageKey,
        facts.thumbnailKey ?? null,
        facts.mediaDurationMs ?? null,
        facts.width ?? null,
        facts.height ?? null,
        facts.hasAudio ?? null,
      ],
    );
    const done = rows[0];
    if (!done?.holdReference) return null;
    await resolveHoldInTransaction(client, done.holdReference, "SETTLED", { reason: "video completed" });
    await endedInTransaction(client, done, "video.completed");
    return done;
  });
  if (!completed) return false;
  await slotFreed(completed.userId);
  return true;
}

/**
 * In the transaction that ended a video: its event goes into the outbox (the video as GET
 * /video/{uuid} shows it), and its batch is finalised if this was its last item.
 */
async function endedInTransaction(
  client: SqlClient,
  ended: Video,
  type: "video.completed" | "video.failed",
): Promise<void> {
  await emitWebhookEvent(client, { userId: ended.userId, type, data: await signedVideoView(ended) });
  if (ended.batchId) await finaliseBatchInTransaction(client, ended.batchId);
}

/**
 * After a video of the user stopped running (committed): a queued batch item may take its slot.
 * A failure here is logged, never the caller's: the poll job dispatches what is left.
 */
async function slotFreed(userId: string): Promise<void> {
  await startQueuedVideos(userId).catch((error: unknown) =>
    logger().error({ err: error, userId }, "starting queued videos failed"),
  );
}
