"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { DownloadButton } from "@/components/download-button";
import { VideoThumb } from "@/components/video-thumb";
import type { BatchVideo } from "@/lib/batches";
import { IN_PROGRESS, STATUS_STYLE } from "@/lib/video";

/** The batch's videos in index order: each with its status, and the file once it is done. */
export function BatchResults({ videos }: { videos: BatchVideo[] }) {
  const t = useTranslations("batch");
  return (
    <section aria-labelledby="results-heading" className="flex flex-col gap-3">
      <h2 id="results-heading" className="text-lg font-semibold">
        {t("results")}
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="batch-results">
        {videos.map((v) => (
          <li
            key={v.uuid}
            className="flex flex-col gap-2 rounded-xl border border-border bg-card p-3 shadow-sm"
            data-testid="batch-result"
            data-index={v.batchIndex}
          >
            <VideoThumb
              posterUrl={v.status === "COMPLETED" ? v.posterUrl : null}
              videoUrl={v.status === "COMPLETED" ? v.videoUrl : null}
              prompt={v.prompt}
              placeholder={IN_PROGRESS.has(v.status) ? t("rendering") : t("noVideo")}
            />
            <div className="flex items-center gap-2">
              <span className="text-xs tabular-nums text-muted-foreground">#{v.batchIndex + 1}</span>
              <span
                className={`w-fit rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[v.status]}`}
                data-testid="batch-result-status"
              >
                {v.status}
              </span>
            </div>
            <p className="line-clamp-2 text-sm" title={v.prompt}>
              {v.prompt}
            </p>
            {v.error && <p className="text-xs text-destructive">{v.error.message ?? v.error.code}</p>}
            <div className="mt-auto flex gap-2 text-sm">
              <Link
                href={`/videos/${v.uuid}`}
                className="rounded-md border border-input px-2 py-1"
                data-testid="batch-result-open"
              >
                {t("open")}
              </Link>
              {v.status === "COMPLETED" && <DownloadButton uuid={v.uuid} owner testId="batch-result-download" />}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
