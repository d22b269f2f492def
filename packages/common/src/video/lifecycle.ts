import { db, transaction, type Video } from "@videofly/db";
import { resolveHoldInTransaction } from "../credits/index.ts";
import { type ErrorName, errorCodes } from "../errors/index.ts";

/** The statuses of a video still being made: it holds its credits until it leaves them. */
export const IN_PROGRESS_STATUSES: readonly Video["status"][] = ["PENDING", "GENERATING", "UPLOADING"];
/** The same, as a SQL list for `status IN ...`. */
export const IN_PROGRESS_SQL = `(${IN_PROGRESS_STATUSES.map((s) => `'${s}'`).join(", ")})`;

/** The credit hold that pays for a video's first attempt; a retry gets one of its own. */
export const holdReference = (videoUuid: string, attempt = 1) =>
  attempt === 1 ? `video:${videoUuid}` : `video:${videoUuid}:attempt-${attempt}`;

/**
 * Marks a video FAILED with an error code and releases its credits, in one transaction. Only a
 * video still in progress fails (with `unconfirmedOnly`, only one whose task id is still unknown);
 * a second call is a no-op (null).
 */
export async function failVideo(
  uuid: string,
  error: ErrorName,
  message: string,
  options: { unconfirmedOnly?: boolean } = {},
): Promise<Video | null> {
  const failed = await transaction(async (client) => {
    const { rows } = await client.query<{ holdReference: string | null }>(
      `UPDATE video SET status = 'FAILED', "errorCode" = $2, "errorMessage" = $3, "nextCheckAt" = NULL, "updatedAt" = now()
        WHERE uuid = $1 AND status IN ${IN_PROGRESS_SQL}
          AND (NOT $4::boolean OR "providerTaskId" IS NULL) RETURNING "holdReference"`,
      [uuid, errorCodes[error].code, message.slice(0, 500), options.unconfirmedOnly ?? false],
    );
    const failed = rows[0];
    if (!failed) return false;
    // The current attempt's hold: a retried video pays with a hold of its own.
    await resolveHoldInTransaction(client, failed.holdReference ?? holdReference(uuid), "RELEASED", {
      reason: `video failed: ${errorCodes[error].code}`,
    });
    return true;
  });
  return failed ? db().video.findUnique({ where: { uuid } }) : null;
}

/** Marks a stored video COMPLETED and settles its credits, in one transaction; exactly once. */
export async function completeVideo(uuid: string, storageKey: string): Promise<boolean> {
  return transaction(async (client) => {
    const { rows } = await client.query<{ holdReference: string }>(
      `UPDATE video SET status = 'COMPLETED', "storageKey" = $2, "completedAt" = now(), "nextCheckAt" = NULL, "updatedAt" = now()
        WHERE uuid = $1 AND status = 'UPLOADING' RETURNING "holdReference"`,
      [uuid, storageKey],
    );
    const hold = rows[0]?.holdReference;
    if (!hold) return false;
    await resolveHoldInTransaction(client, hold, "SETTLED", { reason: "video completed" });
    return true;
  });
}
