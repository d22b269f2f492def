"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { BatchProgress, BatchStatusBadge } from "@/components/batch-progress";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { api, describeError } from "@/lib/api";
import { type Batch, canCancel } from "@/lib/batches";

const VIDEO_STATUSES = ["queued", "pending", "generating", "uploading", "completed", "failed", "cancelled"] as const;

/** A batch's state: status, progress, counts per video status, credits, times, and cancel. */
export function BatchSummary({ batch, onChanged }: { batch: Batch; onChanged: (batch: Batch) => void }) {
  const t = useTranslations("batch");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api<Batch>(`/api/v1/batches/${batch.id}/cancel`, { method: "POST" }));
    } catch (e) {
      setError(describeError(e, t("cancelFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="batch-heading">
      <Card className="px-5">
        <div className="flex flex-wrap items-center gap-3">
          <h1 id="batch-heading" className="mr-auto min-w-0 break-words text-2xl font-semibold tracking-tight">
            {batch.template ?? t("itemsBatch", { count: batch.totalCount })}
          </h1>
          <BatchStatusBadge status={batch.status} />
          {canCancel(batch) && (
            <Button
              variant="outline"
              size="sm"
              disabled={busy}
              onClick={() => void cancel()}
              className="border-destructive/40 text-destructive hover:bg-destructive/10"
              data-testid="batch-cancel"
            >
              {busy ? t("cancelling") : t("cancel")}
            </Button>
          )}
        </div>
        <p className="text-sm text-muted-foreground">
          {t("settings", {
            model: batch.model,
            duration: batch.duration,
            aspectRatio: batch.aspectRatio,
            quality: batch.quality,
            cost: batch.costPerVideo,
          })}
        </p>
        <BatchProgress batch={batch} large />
        {error && (
          <Alert variant="destructive">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4 lg:grid-cols-7">
          {VIDEO_STATUSES.map((s) => (
            <div key={s} className="flex flex-col">
              <dt className="text-xs text-muted-foreground">{s.toUpperCase()}</dt>
              <dd className="tabular-nums" data-testid={`batch-count-${s}`}>
                {batch.counts[s]}
              </dd>
            </div>
          ))}
        </dl>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
          {(
            [
              [t("held"), batch.credits.held, "held"],
              [t("settled"), batch.credits.settled, "settled"],
              [t("released"), batch.credits.released, "released"],
              [t("created"), date(batch.createdAt), "created"],
              [t("started"), date(batch.startedAt), "started"],
              [t("finished"), date(batch.finishedAt), "finished"],
            ] as const
          ).map(([label, value, key]) => (
            <div key={key} className="flex flex-col">
              <dt className="text-xs text-muted-foreground">{label}</dt>
              <dd className="tabular-nums" data-testid={`batch-${key}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
    </section>
  );
}
