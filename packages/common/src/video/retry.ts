import { db, LockNamespace, transaction } from "@videofly/db";
import { holdCreditsInTransaction } from "../credits/index.ts";
import { AppError, errorCodes } from "../errors/index.ts";
import { fetchProviderFile } from "./fetch-file.ts";
import { holdReference } from "./lifecycle.ts";
import { findOwnVideo } from "./queries.ts";

/** Whether the provider still serves the finished file (their URLs expire); through the outbound guard. */
async function stillAvailable(provider: string | null, url: string): Promise<boolean> {
  try {
    const res = await fetchProviderFile(provider, url, { timeoutMs: 15_000, headers: { range: "bytes=0-0" } });
    res.body.destroy();
    return res.status >= 200 && res.status < 300;
  } catch {
    return false;
  }
}

/**
 * Copies a FAILED video again from the provider's URL (only a video that failed after the provider
 * finished has one). Holds its price anew, as its first hold was released when it failed; the
 * background job then copies and completes it (or fails and releases it) as for a first attempt.
 */
export async function retryVideo(userId: string, uuid: string) {
  const video = await findOwnVideo(userId, uuid);
  if (video.status !== "FAILED" || !video.providerVideoUrl) {
    throw new AppError("RETRY_NOT_AVAILABLE", {
      message:
        video.status === "FAILED"
          ? "The provider never produced a file to copy."
          : `A ${video.status} video cannot be retried.`,
    });
  }
  if (video.errorCode === errorCodes.PROVIDER_FILE_REJECTED.code) {
    throw new AppError("RETRY_NOT_AVAILABLE", {
      message: "The provider's file was refused; copying it again would not help.",
    });
  }
  if (!(await stillAvailable(video.provider, video.providerVideoUrl))) throw new AppError("ORIGINAL_URL_EXPIRED");
  await transaction(
    async (client) => {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int + 1 AS n FROM credit_hold WHERE reference = $1 OR reference LIKE $2`,
        [holdReference(uuid), `${holdReference(uuid)}:attempt-%`],
      );
      const reference = holdReference(uuid, rows[0]?.n ?? 2);
      // The retry is an attempt of its own: its maximum runtime counts from now.
      const claimed = await client.query(
        `UPDATE video SET status = 'UPLOADING', "holdReference" = $2, "errorCode" = NULL, "errorMessage" = NULL,
                          attempts = 0, "startedAt" = now(), "nextCheckAt" = now(), "updatedAt" = now()
          WHERE uuid = $1 AND status = 'FAILED' RETURNING uuid`,
        [uuid, reference],
      );
      if (!claimed.rowCount)
        throw new AppError("RETRY_NOT_AVAILABLE", { message: "The video is already being retried." });
      await holdCreditsInTransaction(client, { userId, reference, amount: video.creditsCost });
    },
    { lock: [LockNamespace.creditUser, userId] },
  );
  return db().video.findUniqueOrThrow({ where: { uuid } });
}
