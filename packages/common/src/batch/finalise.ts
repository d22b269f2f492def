import type { SqlClient } from "@videofly/db";
import { HOLDING_SQL } from "../video/lifecycle.ts";
import { emitWebhookEvent } from "../webhooks/index.ts";
import { type BatchView, loadBatchView } from "./view.ts";

/**
 * The hook of the transaction in which an item of the batch ended (completed, failed, cancelled)
 * or the batch was cancelled: when no item is queued or running any more, the batch gets its
 * final status and finishedAt, exactly once. The batch row is locked first, and the items are
 * counted after the lock is granted (READ COMMITTED: a statement's snapshot starts with it), so
 * of two items ending at once the later sees the earlier, and `finishedAt IS NULL` guards the rest.
 * Writes batch.completed (the batch as GET /batches/{id} shows it) into the same transaction's outbox.
 * Returns the finalised batch, or null when it is not finished (or was finalised before).
 */
export async function finaliseBatchInTransaction(client: SqlClient, batchId: string): Promise<BatchView | null> {
  const { rows: locked } = await client.query<{ finishedAt: Date | null }>(
    `SELECT "finishedAt" FROM batch WHERE id = $1 FOR UPDATE`,
    [batchId],
  );
  if (!locked[0] || locked[0].finishedAt) return null;
  const { rows } = await client.query<{ userId: string }>(
    `WITH items AS (
       SELECT count(*) FILTER (WHERE status IN ${HOLDING_SQL}) AS open,
              count(*) FILTER (WHERE status = 'COMPLETED') AS completed, count(*) AS total
         FROM video WHERE "batchId" = $1)
     UPDATE batch b SET "finishedAt" = now(), "updatedAt" = now(),
            status = (CASE WHEN b."cancelledAt" IS NOT NULL THEN 'CANCELLED'
                           WHEN items.completed = items.total THEN 'COMPLETED'
                           WHEN items.completed = 0 THEN 'FAILED'
                           ELSE 'PARTIALLY_FAILED' END)::"BatchStatus"
       FROM items
      WHERE b.id = $1 AND b."finishedAt" IS NULL AND items.open = 0
     RETURNING b."userId"`,
    [batchId],
  );
  const userId = rows[0]?.userId;
  if (!userId) return null;
  const view = await loadBatchView(batchId, { client });
  // In the finalising transaction: batch.completed fires iff the batch was finalised, once.
  if (view) await emitWebhookEvent(client, { userId, type: "batch.completed", data: view });
  return view;
}
