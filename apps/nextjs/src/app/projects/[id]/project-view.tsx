"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { LoadMore } from "@/components/poster-grid";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import { ApiError, api } from "@/lib/api";
import type { Project, ProjectVideo } from "@/lib/projects";
import { IN_PROGRESS } from "@/lib/video";
import { ProjectHeader } from "./project-header";
import { ProjectHistory } from "./project-history";
import { ProjectVideos } from "./project-videos";

const PAGE = 24;
const POLL_MS = 3000;
const FILTERS = ["ALL", "QUEUED", "GENERATING", "COMPLETED", "FAILED"] as const;

/** One project: its name and description (edited in place), its videos and their history. */
export function ProjectView() {
  const t = useTranslations("project");
  const { id } = useParams<{ id: string }>();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("ALL");
  const [project, setProject] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = filter === "ALL" ? "" : `?status=${filter}`;
  const videos = useCursorPages<ProjectVideo>(`/api/v1/projects/${id}/videos${query}`, PAGE, t("loadFailed"));
  const [missing, setMissing] = useState(false);
  const { load, refresh, items } = videos;
  const grid = useTranslations("grid");

  const reload = useCallback(async () => {
    try {
      setProject(await api<Project>(`/api/v1/projects/${id}`));
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else setError(e instanceof Error ? e.message : t("loadFailed"));
    }
  }, [id, t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // While a video is still being made, its status and the counts refresh by themselves.
  const running = items?.some((v) => IN_PROGRESS.has(v.status)) ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void refresh();
      void reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh, reload]);

  if (missing) {
    return (
      <p className="text-center" data-testid="project-missing">
        {t("missing")}{" "}
        <Link href="/projects" className="text-primary underline underline-offset-4 hover:no-underline">
          {t("back")}
        </Link>
      </p>
    );
  }
  if (!project) {
    return error ? (
      <Alert variant="destructive">
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    ) : (
      <Skeleton role="status" aria-label={t("loading")} className="h-36 rounded-xl" />
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <ProjectHeader project={project} onSaved={() => void reload()} />
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold">{t("videos")}</h2>
        <ToggleGroup
          type="single"
          value={filter}
          onValueChange={(value) => value && setFilter(value as (typeof FILTERS)[number])}
          aria-label={t("statusFilter")}
        >
          {FILTERS.map((f) => (
            <ToggleGroupItem key={f} value={f}>
              {t(`filter.${f.toLowerCase() as Lowercase<typeof f>}`)}
            </ToggleGroupItem>
          ))}
        </ToggleGroup>
      </div>
      {videos.error && (
        <Alert variant="destructive">
          <AlertDescription>{videos.error}</AlertDescription>
        </Alert>
      )}
      <ProjectVideos videos={items} projectId={id} />
      <LoadMore cursor={videos.cursor} load={load} label={grid("loadMore")} loadingLabel={grid("loadingMore")} />
      {items && items.length > 0 && <ProjectHistory videos={items} />}
    </div>
  );
}
