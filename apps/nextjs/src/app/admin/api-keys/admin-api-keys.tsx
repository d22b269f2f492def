"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api";
import type { AdminApiKey } from "@/lib/api-keys";
import { AdminKeyRow } from "./admin-key-row";

const PAGE = 50;

/** Every user's keys, newest first, a page at a time. */
export function AdminApiKeys() {
  const t = useTranslations("adminKeys");
  const [keys, setKeys] = useState<AdminApiKey[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after: string | null) => {
      try {
        const page = await api<{ items: AdminApiKey[]; nextCursor: string | null }>(
          `/api/v1/admin/api-keys?limit=${PAGE}${after ? `&cursor=${encodeURIComponent(after)}` : ""}`,
        );
        setKeys((current) => (after ? [...(current ?? []), ...page.items] : page.items));
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

  // A change answers with the key as it is now: swap it in rather than reloading every page.
  const replace = (updated: AdminApiKey) =>
    setKeys((current) => current?.map((k) => (k.id === updated.id ? { ...updated, requests: k.requests } : k)) ?? null);

  const headings = [t("owner"), t("key"), t("scopes"), t("requests"), t("lastUsed"), t("state"), t("rateLimit")];
  return (
    <section aria-labelledby="admin-keys-heading" className="flex min-w-0 flex-col gap-3">
      <h1 id="admin-keys-heading" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm">
        <table className="w-full text-sm" data-testid="admin-api-keys">
          <caption className="sr-only">{t("caption")}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              {headings.map((h) => (
                <th key={h} scope="col" className="whitespace-nowrap p-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys === null ? (
              <tr>
                <td colSpan={headings.length} className="p-3 text-slate-500">
                  {t("loading")}
                </td>
              </tr>
            ) : keys.length === 0 ? (
              <tr>
                <td colSpan={headings.length} className="p-3 text-slate-500">
                  {t("empty")}
                </td>
              </tr>
            ) : (
              keys.map((key) => <AdminKeyRow key={key.id} apiKey={key} onUpdated={replace} />)
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
