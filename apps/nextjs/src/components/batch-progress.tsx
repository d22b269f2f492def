"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { BATCH_STATUS_BADGE, type Batch, type BatchStatus, doneCount } from "@/lib/batches";

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  const t = useTranslations("batchStatus");
  return (
    <Badge variant={BATCH_STATUS_BADGE[status]} data-testid="batch-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}

/** Finished items out of all, as a bar with its numbers (completed in green, failed in red). */
export function BatchProgress({ batch, large = false }: { batch: Batch; large?: boolean }) {
  const t = useTranslations("batchStatus");
  const done = doneCount(batch);
  const share = (n: number) => `${batch.totalCount ? (100 * n) / batch.totalCount : 0}%`;
  return (
    <div className="flex min-w-32 flex-col gap-1">
      <div
        role="progressbar"
        aria-label={t("progress")}
        aria-valuemin={0}
        aria-valuemax={batch.totalCount}
        aria-valuenow={done}
        className={`flex w-full overflow-hidden rounded-full bg-muted ${large ? "h-3" : "h-1.5"}`}
        data-testid="batch-progress"
      >
        <div className="bg-success" style={{ width: share(batch.counts.completed) }} />
        <div className="bg-destructive" style={{ width: share(batch.counts.failed) }} />
        <div className="bg-muted-foreground/50" style={{ width: share(batch.counts.cancelled) }} />
      </div>
      <span className="text-xs tabular-nums text-muted-foreground" data-testid="batch-done">
        {t("done", { done, total: batch.totalCount })}
      </span>
    </div>
  );
}
