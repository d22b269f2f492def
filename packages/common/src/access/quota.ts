import { LockNamespace, transaction } from "@videofly/db";
import { type AccessLogEntry, recordAccess } from "./audit.ts";

/**
 * The free plan's daily downloads of an owner's own videos, counted from the audit itself: under
 * a lock per owner, a video not yet downloaded today (UTC) is let through only while fewer than
 * `limit` distinct videos were, and the allowed decision is written in the same transaction, so
 * concurrent downloads cannot pass the cap. A video already downloaded today costs nothing again.
 * The refused decision is recorded too. Resolves with whether it was allowed.
 */
export async function takeFreeDownload(entry: Omit<AccessLogEntry, "allowed" | "reason">, limit: number) {
  return transaction(
    async (client) => {
      const { rows } = await client.query<{ used: number; again: boolean }>(
        `SELECT count(DISTINCT "videoId")::int AS used, bool_or("videoId" = $2) AS again
           FROM video_access_log
          WHERE "viewerId" = $1 AND action = 'DOWNLOAD' AND allowed AND "ownerId" = $1
            AND "createdAt" >= date_trunc('day', $3::timestamptz AT TIME ZONE 'UTC')`,
        [entry.ownerId, entry.videoId, entry.at],
      );
      const { used, again } = rows[0] ?? { used: 0, again: false };
      const allowed = again === true || used < limit;
      await recordAccess({ ...entry, allowed, reason: allowed ? "owner" : "daily_limit" }, client);
      return allowed;
    },
    { lock: [LockNamespace.videoDownloads, entry.ownerId] },
  );
}
