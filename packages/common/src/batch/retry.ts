import { LockNamespace, transaction } from "@videofly/db";
import { holdManyCreditsInTransaction } from "../credits/index.ts";
import { AppError } from "../errors/index.ts";
import { holdReference } from "../video/lifecycle.ts";
import { ownerOf } from "./cancel.ts";
import { startQueuedVideos } from "./dispatch.ts";

/**
 * An admin re-queues a batch's FAILED items: each becomes QUEUED again (the same video, its index
 * and metadata kept) with a new hold of its own, `video:<uuid>:attempt-n` as a retried video's
 * (their first holds were released when they failed), all held in one transaction or none (E4001
 * for the lot). The batch is open again until they end. Re-rendering, not re-copying: a FAILED item
 * may have failed before the provider made anything. A cancelled batch is not retried.
 */
export async function retryFailedBatchItems(id: string): Promise<{ id: string; requeued: number }> {
  const owner = await ownerOf(null, id);
  const requeued = await transaction(
    async (client) => {
      const { rows: batch } = await client.query<{ cancelledAt: Date | null }>(
        `SELECT "cancelledAt" FROM batch WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (batch[0]?.cancelledAt) throw new AppError("CONFLICT", { message: "A cancelled batch is not retried." });
      const { rows: failed } = await client.query<{ uuid: string; creditsCost: number; attempts: number }>(
        `SELECT v.uuid, v."creditsCost",
                (SELECT count(*)::int FROM credit_hold h
                  WHERE h.reference = 'video:' || v.uuid OR h.reference LIKE 'video:' || v.uuid || ':attempt-%') AS attempts
           FROM video v WHERE v."batchId" = $1 AND v.status = 'FAILED' AND v."deletedAt" IS NULL
          ORDER BY v."batchIndex" FOR UPDATE OF v`,
        [id],
      );
      if (!failed.length) return 0;
      const references = failed.map((v) => holdReference(v.uuid, v.attempts + 1));
      await holdManyCreditsInTransaction(client, {
        userId: owner,
        holds: failed.map((v, i) => ({ reference: references[i] as string, amount: v.creditsCost })),
      });
      await client.query(
        `UPDATE video v SET status = 'QUEUED', "holdReference" = x.reference, "errorCode" = NULL, "errorMessage" = NULL,
                provider = NULL, "providerTaskId" = NULL, "providerVideoUrl" = NULL, "storageKey" = NULL,
                attempts = 0, "startedAt" = NULL, "nextCheckAt" = NULL, "updatedAt" = now()
           FROM unnest($1::text[], $2::text[]) AS x(uuid, reference) WHERE v.uuid = x.uuid`,
        [failed.map((v) => v.uuid), references],
      );
      await client.query(
        `UPDATE batch SET status = 'RUNNING', "finishedAt" = NULL, "updatedAt" = now() WHERE id = $1`,
        [id],
      );
      return failed.length;
    },
    { lock: [LockNamespace.creditUser, owner] },
  );
  if (requeued) await startQueuedVideos(owner);
  return { id, requeued };
}
