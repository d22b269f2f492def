import { LockNamespace, type SqlClient, transaction } from "@videofly/db";
import { z } from "zod";
import { finaliseBatchInTransaction } from "../batch/finalise.ts";
import { closeCreditsInTransaction } from "../credits/index.ts";
import { AppError } from "../errors/index.ts";
import { runStorageDeletions, scheduleStorageDeletion } from "../storage/index.ts";
import { abortPendingUploads } from "../uploads/service.ts";
import { files } from "../video/files.ts";
import { HOLDING_SQL } from "../video/lifecycle.ts";

export const DELETED_USER_NAME = "Deleted user";

/** `DELETE /user/me`: the password when the account has one; no body otherwise. */
export const deleteAccountBody = z.object({ password: z.string().min(1).max(128).optional() }).optional();

/** The address a deleted account keeps: unique, and in a domain that can never receive mail (RFC 6761). */
export const deletedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

export const deleteAccountResult = z
  .object({
    userId: z.string(),
    failedVideos: z.int().meta({ description: "Videos in progress that were failed." }),
    releasedHolds: z.int(),
    expiredCredits: z.int().meta({ description: "Credits that left through EXPIRE entries: nothing stays spendable." }),
    filesPending: z.int().meta({ description: "Storage folders whose delete failed; the daily cleanup retries them." }),
  })
  .meta({ id: "DeletedAccount" });

export type DeleteAccountResult = z.output<typeof deleteAccountResult>;

// A subscription in these states would go on charging a person who has no account any more.
const RENEWING = ["active", "trialing", "past_due", "unpaid"];

/**
 * Deletes an account. The database work is ONE transaction under the user's credit lock: videos in
 * progress fail, every hold is released and every package expires through the ledger, the videos
 * are soft-deleted and stripped of their prompts, sessions, API keys, sign-in accounts,
 * verification tokens and API request records go, and the user row is anonymised and banned. The
 * ledger, holds and packages stay: they are the books. The stored files (uploads and videos) are
 * scheduled for deletion in that transaction and deleted after it commits (unfinished uploads are
 * aborted then too), since storage is a
 * network call; a folder whose delete fails stays scheduled and the daily cleanup job retries it,
 * so the account is never left half-deleted. Refused (409) while a Creem subscription still renews.
 */
export async function deleteAccount(userId: string, now = new Date()): Promise<DeleteAccountResult> {
  const closed = await transaction((client) => closeAccount(client, userId, now), {
    lock: [LockNamespace.creditUser, userId],
  });
  const purge = await runStorageDeletions(files(), { prefixes: closed.prefixes });
  // Unfinished uploads are parts outside the user's prefix (S3 multipart, the local .multipart/):
  // aborted here; one whose abort fails stays PENDING and the abandoned-uploads cron takes it.
  await abortPendingUploads({ userId });
  return {
    userId,
    failedVideos: closed.failedVideos,
    releasedHolds: closed.releasedHolds,
    expiredCredits: closed.expiredCredits,
    filesPending: purge.failed,
  };
}

async function closeAccount(client: SqlClient, userId: string, now: Date) {
  const { rows: users } = await client.query<{ email: string; deletedAt: Date | null }>(
    `SELECT email, "deletedAt" FROM "user" WHERE id = $1 FOR UPDATE`,
    [userId],
  );
  const user = users[0];
  if (!user || user.deletedAt) throw new AppError("NOT_FOUND", { message: "No such account." });
  const { rows: renewing } = await client.query<{ id: string }>(
    `SELECT "creemSubscriptionId" AS id FROM creem_subscription
      WHERE "referenceId" = $1 AND status = ANY($2::text[]) AND NOT COALESCE("cancelAtPeriodEnd", false)`,
    [userId, RENEWING],
  );
  if (renewing.length) {
    throw new AppError("CONFLICT", {
      message: "Cancel your subscription (billing page) before deleting the account.",
      details: { subscriptions: renewing.map((s) => s.id) },
    });
  }
  const failed = await client.query<{ batchId: string | null }>(
    `UPDATE video SET status = 'FAILED', "errorMessage" = 'The account was deleted.', "nextCheckAt" = NULL, "updatedAt" = $2
      WHERE "userId" = $1 AND status IN ${HOLDING_SQL} RETURNING "batchId"`,
    [userId, now],
  );
  // Their batches end with them (queued items included), each finalised once.
  for (const batchId of new Set(failed.rows.map((r) => r.batchId))) {
    if (batchId) await finaliseBatchInTransaction(client, batchId);
  }
  const credits = await closeCreditsInTransaction(client, userId, { now, reason: "account deleted" });
  // Soft-deleted with their storage keys kept: the files go below, or by the cleanup job.
  const { rows: videos } = await client.query<{ uuid: string }>(
    `UPDATE video SET "deletedAt" = COALESCE("deletedAt", $2), visibility = 'PRIVATE', prompt = '', "negativePrompt" = NULL,
                      "imageUrl" = NULL, "providerVideoUrl" = NULL, "updatedAt" = $2
      WHERE "userId" = $1 RETURNING uuid`,
    [userId, now],
  );
  const prefixes = [`uploads/${userId}`, ...videos.map((v) => `videos/${v.uuid}`)];
  await scheduleStorageDeletion(client, prefixes);
  await removeSignIns(client, userId, user.email);
  // The API request audit records the account's addresses and clients; rows still queued are
  // skipped when written (the user is marked deleted below, in this transaction).
  await client.query(`DELETE FROM api_request WHERE "userId" = $1`, [userId]);
  // Webhook endpoints (their URLs and secrets) and events go, with their deliveries and attempts
  // (cascade): a pending attempt then finds nothing and sends nothing.
  await client.query(`DELETE FROM webhook_endpoint WHERE "userId" = $1`, [userId]);
  await client.query(`DELETE FROM webhook_event WHERE "userId" = $1`, [userId]);
  await client.query(
    `UPDATE "user" SET email = $2, name = $3, image = NULL, "emailVerified" = false, role = 'user',
                       banned = true, "banReason" = 'Account deleted', "banExpires" = NULL, "deletedAt" = $4, "updatedAt" = $4
      WHERE id = $1`,
    [userId, deletedEmail(userId), DELETED_USER_NAME, now],
  );
  return { ...credits, failedVideos: failed.rowCount ?? 0, prefixes };
}

/** Everything that lets anyone act as the user: sessions, API keys, passwords and OAuth links, open tokens. */
async function removeSignIns(client: SqlClient, userId: string, email: string): Promise<void> {
  await client.query(`DELETE FROM session WHERE "userId" = $1`, [userId]);
  await client.query(`DELETE FROM apikey WHERE "referenceId" = $1`, [userId]);
  await client.query(`DELETE FROM account WHERE "userId" = $1`, [userId]);
  // Password-reset tokens carry the user id; tokens sent to the address carry it (magic links as JSON).
  await client.query(`DELETE FROM verification WHERE value = $1 OR identifier = $2 OR strpos(value, $3) > 0`, [
    userId,
    email,
    JSON.stringify(email),
  ]);
}
