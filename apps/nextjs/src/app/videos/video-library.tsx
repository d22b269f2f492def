"use client";

import { Clapperboard, Layers, SearchX } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { EmptyState, GRID_CLASSES, GridSkeleton, LoadMore } from "@/components/poster-grid";
import { Button } from "@/components/ui/button";
import { VideoCard } from "@/components/video-card";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import { IN_PROGRESS, type VideoView } from "@/lib/video";
import { useVideoFilters } from "./use-video-filters";
import { VideoFilterBar } from "./video-filters";

const PAGE = 24;
const REFRESH_MS = 2000;

/** The user's videos as a poster grid, filtered by the URL, loaded as it scrolls. */
export function VideoLibrary() {
  const t = useTranslations("videos");
  const grid = useTranslations("grid");
  const { filters, update, apiQuery, focusSearch } = useVideoFilters();
  const { items, cursor, error, load, refresh } = useCursorPages<VideoView>(
    `/api/v1/video/list${apiQuery ? `?${apiQuery}` : ""}`,
    PAGE,
    t("loadFailed"),
  );

  // While something is still rendering the newest page refreshes, so statuses update by themselves.
  const running = items?.some((v) => IN_PROGRESS.has(v.status)) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  const filtered = filters.status !== "ALL" || filters.mode !== "ALL" || filters.q !== "";
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <Button asChild>
          <Link href="/create">
            <Clapperboard aria-hidden="true" />
            {t("create")}
          </Link>
        </Button>
      </div>
      <VideoFilterBar filters={filters} onChange={update} autoFocusSearch={focusSearch} />
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      {items === null ? (
        !error && <GridSkeleton label={grid("loading")} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchX />}
            title={t("noMatch")}
            action={
              <Button variant="outline" onClick={() => update({ status: "ALL", mode: "ALL", q: "" })}>
                {t("clearFilters")}
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<Clapperboard />}
            title={t("emptyTitle")}
            description={t("emptyDescription")}
            action={
              <div className="flex flex-wrap justify-center gap-2">
                <Button asChild>
                  <Link href="/create">{t("create")}</Link>
                </Button>
                <Button asChild variant="outline">
                  <Link href="/batches/new">
                    <Layers aria-hidden="true" />
                    {t("batch")}
                  </Link>
                </Button>
              </div>
            }
          />
        )
      ) : (
        <ul className={GRID_CLASSES} data-testid="videos" aria-label={t("title")}>
          {items.map((v) => (
            <VideoCard key={v.uuid} video={v} untitled={t("untitled")} />
          ))}
        </ul>
      )}
      <LoadMore cursor={cursor} load={load} label={grid("loadMore")} loadingLabel={grid("loadingMore")} />
    </div>
  );
}
