import { LockNamespace, pool, type SqlClient, transaction } from "@videofly/db";
import { resolveHoldInTransaction } from "../credits/index.ts";
import { AppError } from "../errors/index.ts";
import { finaliseBatchInTransaction } from "./finalise.ts";
import { type BatchView, loadBatchView } from "./view.ts";

export const batchNotFound = (id: string) => new AppError("NOT_FOUND", { message: "No such batch.", details: { id } });

/**
 * Cancels a batch in one transaction: its QUEUED items become CANCELLED and their holds are
 * released; items already running finish (and settle or release their own holds), and the last
 * of them finalises the batch — at once when none is running. A second cancel, or one of a
 * finished batch, changes nothing. `userId` null: any owner's (admins).
 */
export async function cancelBatch(userId: string | null, id: string): Promise<BatchView> {
  const owner = await ownerOf(userId, id);
  await transaction(
    async (client) => {
      const { rows } = await client.query<{ id: string }>(
        `UPDATE batch SET status = 'CANCELLED', "cancelledAt" = now(), "updatedAt" = now()
          WHERE id = $1 AND "finishedAt" IS NULL AND "cancelledAt" IS NULL RETURNING id`,
        [id],
      );
      if (!rows.length) return;
      await cancelQueuedInTransaction(client, { batchId: id }, "batch cancelled");
      await finaliseBatchInTransaction(client, id);
    },
    { lock: [LockNamespace.creditUser, owner] },
  );
  return (await loadBatchView(id)) as BatchView;
}

/**
 * QUEUED items (of a batch, or one video) → CANCELLED, each hold released; under the owner's
 * credit lock, which dispatch takes too, so none is claimed meanwhile. Returns how many.
 */
export async function cancelQueuedInTransaction(
  client: SqlClient,
  which: { batchId: string } | { uuid: string },
  reason: string,
): Promise<number> {
  const { rows } = await client.query<{ holdReference: string }>(
    `UPDATE video SET status = 'CANCELLED', "nextCheckAt" = NULL, "updatedAt" = now()
      WHERE status = 'QUEUED' AND ${"batchId" in which ? `"batchId" = $1` : "uuid = $1"}
      RETURNING "holdReference"`,
    ["batchId" in which ? which.batchId : which.uuid],
  );
  for (const { holdReference } of rows) await resolveHoldInTransaction(client, holdReference, "RELEASED", { reason });
  return rows.length;
}

/** A queued item deleted by its owner is cancelled first, so its batch still finishes. */
export async function cancelQueuedVideo(userId: string, uuid: string, batchId: string | null): Promise<void> {
  await transaction(
    async (client) => {
      const cancelled = await cancelQueuedInTransaction(client, { uuid }, "video deleted");
      if (cancelled && batchId) await finaliseBatchInTransaction(client, batchId);
    },
    { lock: [LockNamespace.creditUser, userId] },
  );
}

/** The batch's owner; another user's batch is "not found", so ids leak nothing. `userId` null: any. */
export async function ownerOf(userId: string | null, id: string): Promise<string> {
  const { rows } = await pool().query<{ userId: string }>(
    `SELECT "userId" FROM batch WHERE id = $1 AND ($2::text IS NULL OR "userId" = $2)`,
    [id, userId],
  );
  if (!rows[0]) throw batchNotFound(id);
  return rows[0].userId;
}
