"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { VideoProgress } from "@/components/video-progress";
import { VideoThumb } from "@/components/video-thumb";
import { api } from "@/lib/api";
import { IN_PROGRESS, STATUS_STYLE, type VideoView } from "@/lib/video";

const FILTERS = ["ALL", "GENERATING", "COMPLETED", "FAILED"] as const;

export default function VideosPage() {
  const t = useTranslations("videos");
  const [videos, setVideos] = useState<VideoView[] | null>(null);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("ALL");

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const load = async () => {
      const query = filter === "ALL" ? "" : `?status=${filter}`;
      const page = await api<{ items: VideoView[] }>(`/api/v1/video/list${query}`).catch(() => ({ items: [] }));
      if (stop) return;
      setVideos(page.items);
      // Keep refreshing while something is still rendering, so statuses update by themselves.
      if (page.items.some((v) => IN_PROGRESS.has(v.status))) timer = setTimeout(load, 2000);
    };
    void load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [filter]);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold">{t("title")}</h1>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            onClick={() => setFilter(f)}
            className={`rounded-md border px-3 py-1 text-sm ${filter === f ? "border-primary bg-primary/10" : "border-input"}`}
          >
            {t(f.toLowerCase() as Lowercase<typeof f>)}
          </button>
        ))}
      </div>
      {videos === null ? (
        <p className="text-muted-foreground">{t("loading")}</p>
      ) : videos.length === 0 ? (
        <p className="rounded-xl border border-dashed border-input p-8 text-center text-muted-foreground">
          {t.rich("empty", {
            link: (chunks) => (
              <Link href="/create" className="text-primary">
                {chunks}
              </Link>
            ),
            batch: (chunks) => (
              <Link href="/batches/new" className="text-primary">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {videos.map((v) => (
            <li key={v.uuid} className="rounded-xl border border-border bg-card p-3 shadow-sm" data-testid="video-card">
              <Link href={`/videos/${v.uuid}`} className="flex flex-col gap-2">
                <VideoThumb
                  posterUrl={v.posterUrl}
                  videoUrl={v.videoUrl}
                  prompt={v.prompt}
                  placeholder={IN_PROGRESS.has(v.status) ? t("rendering") : t("noVideo")}
                />
                <span
                  className={`w-fit rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[v.status]}`}
                  data-testid="video-status"
                >
                  {v.status}
                </span>
                <VideoProgress status={v.status} progress={v.progress} />
                <span className="line-clamp-2 text-sm">{v.prompt || t("untitled")}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
