"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { BatchProgress, BatchStatusBadge } from "@/components/batch-progress";
import { api } from "@/lib/api";
import { type Batch, isFinished } from "@/lib/batches";

const PAGE = 20;
const REFRESH_MS = 3000;

/** `fresh` (a reloaded first page) in front, then what was loaded before and is not in it. */
const merge = (fresh: Batch[], current: Batch[] | null) => {
  const ids = new Set(fresh.map((b) => b.id));
  return [...fresh, ...(current ?? []).filter((b) => !ids.has(b.id))];
};

/** The user's batches, newest first; refreshes by itself while one of them is still running. */
export function BatchList() {
  const t = useTranslations("batches");
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Once older pages are loaded, the cursor is theirs: reloading the first page must not reset it.
  const pagedOn = useRef(false);

  const loadMore = useCallback(
    async (after: string) => {
      pagedOn.current = true;
      try {
        const page = await api<{ items: Batch[]; nextCursor: string | null }>(
          `/api/v1/batches?limit=${PAGE}&cursor=${encodeURIComponent(after)}`,
        );
        setBatches((current) => merge(current ?? [], page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(e instanceof Error ? e.message : t("loadFailed"));
      }
    },
    [t],
  );

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    // The first page is reloaded while something on it is unfinished; older pages stay as loaded.
    const load = async () => {
      try {
        const page = await api<{ items: Batch[]; nextCursor: string | null }>(`/api/v1/batches?limit=${PAGE}`);
        if (stop) return;
        setBatches((current) => merge(page.items, current));
        if (!pagedOn.current) setCursor(page.nextCursor);
        setError(null);
        if (page.items.some((b) => !isFinished(b))) timer = setTimeout(load, REFRESH_MS);
      } catch (e) {
        if (!stop) setError(e instanceof Error ? e.message : t("loadFailed"));
      }
    };
    void load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [t]);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold">{t("title")}</h1>
        <Link
          href="/batches/new"
          className="rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground hover:bg-primary/90"
          data-testid="new-batch"
        >
          {t("new")}
        </Link>
      </div>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      {batches === null ? (
        !error && <p className="text-muted-foreground">{t("loading")}</p>
      ) : batches.length === 0 ? (
        <p className="rounded-xl border border-dashed border-input p-8 text-center text-muted-foreground">
          {t.rich("empty", {
            link: (chunks) => (
              <Link href="/batches/new" className="text-primary">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="batches">
          {batches.map((b) => (
            <li key={b.id} data-testid="batch-row" data-batch-id={b.id}>
              <Link
                href={`/batches/${b.id}`}
                className="grid items-center gap-3 rounded-xl border border-border bg-card p-4 shadow-sm hover:border-primary/50 sm:grid-cols-[1fr_9rem_6rem_10rem]"
              >
                <span className="flex min-w-0 flex-col gap-1">
                  <span className="truncate font-medium" data-testid="batch-title">
                    {b.template ?? t("itemsBatch", { count: b.totalCount })}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {t("summary", {
                      model: b.model,
                      duration: b.duration,
                      quality: b.quality,
                      created: new Date(b.createdAt).toLocaleString(),
                    })}
                  </span>
                </span>
                <BatchProgress batch={b} />
                <span className="text-sm tabular-nums" data-testid="batch-cost">
                  {t("credits", { credits: b.requiredCredits })}
                </span>
                <BatchStatusBadge status={b.status} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button
          type="button"
          onClick={() => void loadMore(cursor)}
          className="w-fit rounded-md border border-input px-3 py-1.5 text-sm"
        >
          {t("loadMore")}
        </button>
      )}
    </div>
  );
}
