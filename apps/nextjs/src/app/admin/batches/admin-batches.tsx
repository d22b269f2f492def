"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api";
import { type AdminBatch, BATCH_STATUS_STYLE, endedOf } from "@/lib/batches";

/** Every user's batches, newest first, with retry of failed items and cancel. */
export function AdminBatches() {
  const t = useTranslations("adminBatches");
  const tb = useTranslations("batches");
  const [batches, setBatches] = useState<AdminBatch[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    const page = await api<{ items: AdminBatch[] }>("/api/v1/admin/batches?limit=100");
    setBatches(page.items);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(id: string, action: "retry-failed" | "cancel") {
    try {
      const result = await api<{ requeued?: number }>(`/api/v1/admin/batches/${id}/${action}`, { method: "POST" });
      setMessage(action === "cancel" ? t("cancelled") : t("requeued", { n: result.requeued ?? 0 }));
    } catch (e) {
      setMessage(e instanceof Error ? e.message : t("failed"));
    }
    await load();
  }

  return (
    <section className="flex flex-col gap-3">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {message && (
        <p className="text-sm text-slate-700" role="status" data-testid="admin-batch-message">
          {message}
        </p>
      )}
      {batches === null ? (
        <p className="text-slate-500">{tb("loading")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">{t("owner")}</th>
              <th>{t("status")}</th>
              <th>{t("progress")}</th>
              <th>{t("failedItems")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} className="border-t border-slate-100" data-testid="admin-batch-row">
                <td className="py-2">{b.owner.email}</td>
                <td>
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${BATCH_STATUS_STYLE[b.status]}`}>
                    {tb(`status.${b.status}`)}
                  </span>
                </td>
                <td>
                  {endedOf(b)} / {b.totalCount}
                </td>
                <td data-testid="admin-batch-failed">{b.counts.failed}</td>
                <td className="flex justify-end gap-2 py-2">
                  {b.counts.failed > 0 && !b.cancelledAt && (
                    <button
                      type="button"
                      className="rounded border border-slate-300 px-2 py-0.5"
                      onClick={() => void act(b.id, "retry-failed")}
                      data-testid="admin-batch-retry"
                    >
                      {t("retry")}
                    </button>
                  )}
                  {!b.finishedAt && !b.cancelledAt && (
                    <button
                      type="button"
                      className="rounded border border-red-300 px-2 py-0.5 text-red-700"
                      onClick={() => void act(b.id, "cancel")}
                      data-testid="admin-batch-cancel"
                    >
                      {t("cancel")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
