// PROVISIONAL: replaced by the API document's types once the batches branch is merged.
import type { VideoView } from "@/lib/video";

export type BatchStatus = "queued" | "running" | "completed" | "partially_failed" | "failed" | "cancelled";

export interface Batch {
  id: string;
  status: BatchStatus;
  model: string;
  mode: string;
  duration: number;
  aspectRatio: string;
  quality: string;
  template: string | null;
  totalCount: number;
  costPerVideo: number;
  requiredCredits: number;
  counts: Record<"queued" | "pending" | "generating" | "uploading" | "completed" | "failed" | "cancelled", number>;
  credits: { held: number; settled: number; released: number };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
export type AdminBatch = Batch & { owner: { id: string; email: string } };
export type BatchVideo = VideoView & { batchIndex: number };
export interface CreatedBatch {
  id: string;
  status: BatchStatus;
  totalCount: number;
  costPerVideo: number;
  requiredCredits: number;
  availableCredits: number;
}

/** A batch in one of these states changes no more: pages stop polling it. */
export const FINISHED: ReadonlySet<BatchStatus> = new Set(["completed", "partially_failed", "failed", "cancelled"]);

export const BATCH_STATUS_STYLE: Record<BatchStatus, string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-amber-100 text-amber-800",
  completed: "bg-emerald-100 text-emerald-800",
  partially_failed: "bg-orange-100 text-orange-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-700",
};

/** Items that reached an end (done, failed or cancelled), out of the batch's total. */
export const doneCount = (b: Pick<Batch, "counts">) =>
  b.counts.completed + b.counts.failed + b.counts.cancelled;
