"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

/**
 * A video in a grid: its poster (a JPEG from its first second) when it has one; else, for a video
 * stored before posters, its file's first frame; else `placeholder` (still rendering, failed).
 */
export function VideoThumb(props: {
  posterUrl: string | null;
  videoUrl: string | null;
  prompt: string;
  placeholder: ReactNode;
}) {
  const t = useTranslations("poster");
  if (props.posterUrl) {
    return (
      // biome-ignore lint/performance/noImgElement: a short-lived signed URL from our storage; next/image would proxy and cache it past its expiry
      <img
        src={props.posterUrl}
        alt={t("alt", { prompt: props.prompt.slice(0, 120) })}
        loading="lazy"
        className="aspect-video w-full rounded-md bg-black object-contain"
        data-testid="video-poster"
      />
    );
  }
  if (props.videoUrl) {
    return (
      <video
        src={props.videoUrl}
        muted
        preload="metadata"
        className="aspect-video w-full rounded-md bg-black object-contain"
      />
    );
  }
  return (
    <div className="flex aspect-video items-center justify-center rounded-md bg-muted text-sm text-muted-foreground">
      {props.placeholder}
    </div>
  );
}
