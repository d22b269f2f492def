"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "@/lib/api";
import { BATCH_STATUS_STYLE, BatchProgress, type BatchView, endedOf } from "@/lib/batches";

export default function BatchesPage() {
  const t = useTranslations("batches");
  const [batches, setBatches] = useState<BatchView[] | null>(null);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      const page = await api<{ items: BatchView[] }>("/api/v1/batches?limit=50").catch(() => ({ items: [] }));
      if (stop) return;
      setBatches(page.items);
      // Refresh while a batch is still going, so progress moves by itself.
      if (page.items.some((b) => !b.finishedAt)) timer = setTimeout(load, 2000);
    };
    void load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold">{t("title")}</h1>
        <Link href="/batches/new" className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm text-white">
          {t("new")}
        </Link>
      </div>
      {batches === null ? (
        <p className="text-slate-500">{t("loading")}</p>
      ) : batches.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-slate-600">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {batches.map((b) => (
            <li
              key={b.id}
              className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
              data-testid="batch-row"
            >
              <Link href={`/batches/${b.id}`} className="flex flex-col gap-2">
                <span className="flex items-center gap-2 text-sm">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${BATCH_STATUS_STYLE[b.status]}`}>
                    {t(`status.${b.status}`)}
                  </span>
                  <span className="truncate">{b.template ?? t("itemList")}</span>
                  <span className="ml-auto text-slate-500">
                    {t("progress", { ended: endedOf(b), total: b.totalCount })}
                  </span>
                </span>
                <BatchProgress batch={b} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
