"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api";
import type { AdminBatch } from "@/lib/batches";
import { AdminBatchRow } from "./admin-batch-row";

const PAGE = 50;

/** Every user's batches, newest first, a page at a time. */
export function AdminBatches() {
  const t = useTranslations("adminBatches");
  const [batches, setBatches] = useState<AdminBatch[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      try {
        const page = await api<{ items: AdminBatch[]; nextCursor: string | null }>(
          `/api/v1/admin/batches?limit=${PAGE}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`,
        );
        setBatches((current) => (after ? [...(current ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : t("loadFailed"));
      }
    },
    [t],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const headings = [t("owner"), t("batch"), t("status"), t("progress"), t("credits"), t("actions")];
  return (
    <section aria-labelledby="admin-batches-heading" className="flex min-w-0 flex-col gap-3">
      <div className="flex items-center gap-3">
        <h1 id="admin-batches-heading" className="mr-auto text-2xl font-semibold">
          {t("title")}
        </h1>
        <button
          type="button"
          onClick={() => void load(null)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          data-testid="admin-batches-refresh"
        >
          {t("refresh")}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="admin-batches">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              {headings.map((h) => (
                <th key={h} scope="col" className="p-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {batches === null ? (
              <tr>
                <td colSpan={headings.length} className="p-3 text-slate-500">
                  {t("loading")}
                </td>
              </tr>
            ) : batches.length === 0 ? (
              <tr>
                <td colSpan={headings.length} className="p-3 text-slate-500">
                  {t("empty")}
                </td>
              </tr>
            ) : (
              batches.map((b) => <AdminBatchRow key={b.id} batch={b} onChanged={() => load(null)} />)
            )}
          </tbody>
        </table>
      </div>
      {cursor && (
        <button
          type="button"
          onClick={() => void load(cursor)}
          className="w-fit rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        >
          {t("loadMore")}
        </button>
      )}
    </section>
  );
}
