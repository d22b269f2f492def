"use client";

import { useTranslations } from "next-intl";
import { PagedTable } from "@/components/paged-table";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import type { AdminApiKey } from "@/lib/api-keys";
import { AdminKeyRow } from "./admin-key-row";

/** Every user's keys, newest first, a page at a time. */
export function AdminApiKeys() {
  const t = useTranslations("adminKeys");
  const { items, setItems, cursor, error, load } = useCursorPages<AdminApiKey>(
    "/api/v1/admin/api-keys",
    50,
    t("loadFailed"),
  );

  // A change answers with the key as it is now: swap it in rather than reloading every page.
  const replace = (updated: AdminApiKey) =>
    setItems(
      (current) => current?.map((k) => (k.id === updated.id ? { ...updated, requests: k.requests } : k)) ?? null,
    );

  return (
    <section aria-labelledby="admin-keys-heading" className="flex min-w-0 flex-col gap-3">
      <h1 id="admin-keys-heading" className="text-2xl font-semibold tracking-tight">
        {t("title")}
      </h1>
      <PagedTable
        caption={t("caption")}
        headings={[t("owner"), t("key"), t("scopes"), t("requests"), t("lastUsed"), t("state"), t("rateLimit")]}
        items={items}
        row={(key) => <AdminKeyRow key={key.id} apiKey={key} onUpdated={replace} />}
        loadingText={t("loading")}
        emptyText={t("empty")}
        error={error}
        cursor={cursor}
        onLoadMore={(after) => void load(after)}
        loadMoreText={t("loadMore")}
        testId="admin-api-keys"
      />
    </section>
  );
}
