import type { components } from "@videofly/sdk";

export type BatchView = components["schemas"]["Batch"];
export type BatchVideo = components["schemas"]["BatchVideo"];
export type AdminBatch = components["schemas"]["AdminBatch"];

export const BATCH_STATUS_STYLE: Record<BatchView["status"], string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-amber-100 text-amber-800",
  completed: "bg-emerald-100 text-emerald-800",
  partially_failed: "bg-orange-100 text-orange-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-600",
};

/** Items that ended, whatever the outcome: what the progress bar shows. */
export const endedOf = (b: BatchView) => b.counts.completed + b.counts.failed + b.counts.cancelled;

export function BatchProgress({ batch }: { batch: BatchView }) {
  const ended = endedOf(batch);
  const percent = batch.totalCount ? Math.round((ended / batch.totalCount) * 100) : 0;
  return (
    <div
      className="h-2 w-full overflow-hidden rounded bg-slate-100"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={batch.totalCount}
      aria-valuenow={ended}
      data-testid="batch-progress"
    >
      <div className="h-full bg-indigo-600" style={{ width: `${percent}%` }} />
    </div>
  );
}
