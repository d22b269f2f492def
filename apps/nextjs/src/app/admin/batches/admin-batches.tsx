"use client";

import { RefreshCwIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { PagedTable } from "@/components/paged-table";
import { Button } from "@/components/ui/button";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import type { AdminBatch } from "@/lib/batches";
import { AdminBatchRow } from "./admin-batch-row";

/** Every user's batches, newest first, a page at a time. */
export function AdminBatches() {
  const t = useTranslations("adminBatches");
  const { items, cursor, error, load } = useCursorPages<AdminBatch>("/api/v1/admin/batches", 50, t("loadFailed"));

  return (
    <section aria-labelledby="admin-batches-heading" className="flex min-w-0 flex-col gap-3">
      <div className="flex items-center gap-3">
        <h1 id="admin-batches-heading" className="mr-auto text-2xl font-semibold tracking-tight">
          {t("title")}
        </h1>
        <Button variant="outline" size="sm" onClick={() => void load(null)} data-testid="admin-batches-refresh">
          <RefreshCwIcon aria-hidden />
          {t("refresh")}
        </Button>
      </div>
      <PagedTable
        caption={t("caption")}
        headings={[t("owner"), t("batch"), t("status"), t("progress"), t("credits"), t("actions")]}
        items={items}
        row={(b) => <AdminBatchRow key={b.id} batch={b} onChanged={() => load(null)} />}
        loadingText={t("loading")}
        emptyText={t("empty")}
        error={error}
        cursor={cursor}
        onLoadMore={(after) => void load(after)}
        loadMoreText={t("loadMore")}
        testId="admin-batches"
      />
    </section>
  );
}
