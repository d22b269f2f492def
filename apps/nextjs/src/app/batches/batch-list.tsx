"use client";

import { Layers, Plus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { BatchProgress, BatchStatusBadge } from "@/components/batch-progress";
import { EmptyState, GRID_CLASSES, GridSkeleton, LoadMore } from "@/components/poster-grid";
import { Button } from "@/components/ui/button";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import { type Batch, isFinished } from "@/lib/batches";

const PAGE = 24;
const REFRESH_MS = 3000;

/** The user's batches as cards, newest first, loaded as it scrolls; refreshes while one is running. */
export function BatchList() {
  const t = useTranslations("batches");
  const grid = useTranslations("grid");
  const { items, cursor, error, load, refresh } = useCursorPages<Batch>("/api/v1/batches", PAGE, t("loadFailed"));

  // The first page is asked again while something is unfinished; older pages stay as loaded.
  const running = items?.some((b) => !isFinished(b)) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <Button asChild>
          <Link href="/batches/new" data-testid="new-batch">
            <Plus aria-hidden="true" />
            {t("new")}
          </Link>
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      {items === null ? (
        !error && <GridSkeleton label={grid("loading")} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<Layers />}
          title={t("emptyTitle")}
          description={t("emptyDescription")}
          action={
            <Button asChild>
              <Link href="/batches/new">{t("startOne")}</Link>
            </Button>
          }
        />
      ) : (
        <ul className={GRID_CLASSES} data-testid="batches">
          {items.map((b) => (
            <li key={b.id} data-testid="batch-row" data-batch-id={b.id}>
              <Link
                href={`/batches/${b.id}`}
                className="flex h-full flex-col gap-3 rounded-xl border bg-card p-4 text-card-foreground shadow-xs outline-none transition-shadow hover:shadow-md focus-visible:ring-[3px] focus-visible:ring-ring/50"
              >
                <span className="flex items-start justify-between gap-2">
                  <span className="line-clamp-2 font-medium" data-testid="batch-title">
                    {b.template ?? t("itemsBatch", { count: b.totalCount })}
                  </span>
                  <BatchStatusBadge status={b.status} />
                </span>
                <span className="text-xs text-muted-foreground">
                  {t("summary", {
                    model: b.model,
                    duration: b.duration,
                    quality: b.quality,
                    created: new Date(b.createdAt).toLocaleString(),
                  })}
                </span>
                <span className="mt-auto flex items-end justify-between gap-3">
                  <BatchProgress batch={b} />
                  <span className="text-sm tabular-nums" data-testid="batch-cost">
                    {t("credits", { credits: b.requiredCredits })}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <LoadMore cursor={cursor} load={load} label={t("loadMore")} loadingLabel={grid("loadingMore")} />
    </div>
  );
}
