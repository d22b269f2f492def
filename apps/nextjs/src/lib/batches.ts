// What the batch pages receive from /api/v1/batches and /api/v1/admin/batches: the API document's
// own types, through the SDK.
import type { components } from "@videofly/sdk";

export type Batch = components["schemas"]["Batch"];
export type BatchStatus = components["schemas"]["BatchStatus"];
/** A batch as the admin list shows it: with its owner. */
export type AdminBatch = components["schemas"]["AdminBatch"];
/** A batch's item: the video, with its place in the batch. */
export type BatchVideo = components["schemas"]["BatchVideo"];
/** The answer to a create: the batch's price, held. */
export type CreatedBatch = components["schemas"]["CreatedBatch"];
export type RetriedBatch = components["schemas"]["RetriedBatch"];

/**
 * Finalised: no item will change any more, so pages stop polling. A cancelled batch is not yet:
 * its running items still finish.
 */
export const isFinished = (b: Pick<Batch, "finishedAt">) => b.finishedAt !== null;

/** Cancelling means something while items may still be queued. */
export const canCancel = (b: Pick<Batch, "finishedAt" | "status">) => !isFinished(b) && b.status !== "cancelled";

export const BATCH_STATUS_BADGE: Record<BatchStatus, "secondary" | "warning" | "success" | "destructive"> = {
  queued: "secondary",
  running: "warning",
  completed: "success",
  partially_failed: "warning",
  failed: "destructive",
  cancelled: "secondary",
};

/** Items that reached an end (done, failed or cancelled), out of the batch's total. */
export const doneCount = (b: Pick<Batch, "counts">) => b.counts.completed + b.counts.failed + b.counts.cancelled;
