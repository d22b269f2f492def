"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { IN_PROGRESS } from "@/lib/video";

/** What a lip-sync shows of itself: its source (a video, or the portrait) and its result. */
export interface LipsyncMedia {
  status: string;
  imageUrl: string | null;
  sourceVideoUrl?: string | null;
  videoUrl: string | null;
  posterUrl: string | null;
}

/**
 * A lip-sync's source (its video, or the portrait) beside its result. `result` stands in for the
 * result's own player (the owner's page plays it through the play door).
 */
export function SideBySide({ video: v, result }: { video: LipsyncMedia; result?: ReactNode }) {
  const t = useTranslations("sideBySide");
  return (
    <div className="grid grid-cols-2 gap-2" data-testid="lipsync-player">
      <figure className="flex flex-col gap-1 text-xs text-muted-foreground" data-testid="lipsync-source">
        {v.sourceVideoUrl ? (
          <video
            src={v.sourceVideoUrl}
            controls
            muted
            preload="metadata"
            className="aspect-video w-full rounded-md bg-black"
          />
        ) : v.imageUrl ? (
          // biome-ignore lint/performance/noImgElement: a user's stored portrait, not a static asset for next/image.
          <img src={v.imageUrl} alt={t("source")} className="aspect-video w-full rounded-md bg-black object-contain" />
        ) : (
          <div className="aspect-video rounded-md bg-muted" />
        )}
        <figcaption>{t("source")}</figcaption>
      </figure>
      <figure className="flex flex-col gap-1 text-xs text-muted-foreground" data-testid="lipsync-result">
        {result ??
          (v.videoUrl ? (
            // biome-ignore lint/a11y/useMediaCaption: generated videos have no captions to offer
            <video
              src={v.videoUrl}
              poster={v.posterUrl ?? undefined}
              controls
              preload="metadata"
              className="aspect-video w-full rounded-md bg-black"
            />
          ) : (
            <div className="flex aspect-video items-center justify-center rounded-md bg-muted">
              {IN_PROGRESS.has(v.status) ? t("rendering") : t("noVideo")}
            </div>
          ))}
        <figcaption>{t("result")}</figcaption>
      </figure>
    </div>
  );
}
