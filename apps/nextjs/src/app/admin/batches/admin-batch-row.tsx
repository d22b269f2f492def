"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { BatchProgress, BatchStatusBadge } from "@/components/batch-progress";
import { Button } from "@/components/ui/button";
import { api, describeError } from "@/lib/api";
import { type AdminBatch, type Batch, canCancel, type RetriedBatch } from "@/lib/batches";

export function AdminBatchRow({ batch, onChanged }: { batch: AdminBatch; onChanged: () => Promise<void> }) {
  const t = useTranslations("adminBatches");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const failed = batch.counts.failed;

  // Both answer with less than a row shows (no owner, no counts for a retry): the list reloads.
  async function act(action: "retry-failed" | "cancel") {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const answer = await api<RetriedBatch | Batch>(`/api/v1/admin/batches/${batch.id}/${action}`, {
        method: "POST",
      });
      if ("requeued" in answer) setNote(t("requeued", { count: answer.requeued }));
      await onChanged();
    } catch (e) {
      setError(describeError(e, t("actionFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr data-testid="admin-batch-row" data-batch-id={batch.id}>
      <td className="max-w-48 truncate p-2" title={batch.owner.email} data-testid="admin-batch-owner">
        {batch.owner.email}
      </td>
      <td className="min-w-48 max-w-72 p-2">
        <div className="line-clamp-2 font-medium" title={batch.template ?? undefined} data-testid="admin-batch-title">
          {batch.template ?? t("itemsBatch", { count: batch.totalCount })}
        </div>
        <div className="text-xs text-muted-foreground">
          {batch.model} · {new Date(batch.createdAt).toLocaleString()}
        </div>
      </td>
      <td className="p-2">
        <BatchStatusBadge status={batch.status} />
      </td>
      <td className="p-2">
        <BatchProgress batch={batch} />
        <div className="text-xs tabular-nums text-muted-foreground" data-testid="admin-batch-counts">
          {t("countsValue", {
            completed: batch.counts.completed,
            failed,
            cancelled: batch.counts.cancelled,
          })}
        </div>
      </td>
      <td className="whitespace-nowrap p-2 text-xs tabular-nums" data-testid="admin-batch-credits">
        {t("creditsValue", {
          held: batch.credits.held,
          settled: batch.credits.settled,
          released: batch.credits.released,
        })}
      </td>
      <td className="p-2">
        <div className="flex gap-1 whitespace-nowrap">
          <Button
            variant="outline"
            size="sm"
            className="h-7"
            disabled={busy || failed === 0}
            onClick={() => void act("retry-failed")}
            aria-label={`${t("retryFailed")} (${batch.owner.email})`}
            data-testid="admin-batch-retry"
          >
            {t("retryFailed")}
          </Button>
          {canCancel(batch) && (
            <Button
              variant="outline"
              size="sm"
              className="h-7 border-destructive/40 text-destructive hover:bg-destructive/10"
              disabled={busy}
              onClick={() => void act("cancel")}
              aria-label={`${t("cancel")} (${batch.owner.email})`}
              data-testid="admin-batch-cancel"
            >
              {t("cancel")}
            </Button>
          )}
        </div>
        {note && (
          <p role="status" className="mt-1 text-xs text-success" data-testid="admin-batch-note">
            {note}
          </p>
        )}
        {error && (
          <p role="alert" className="mt-1 text-xs text-destructive">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
