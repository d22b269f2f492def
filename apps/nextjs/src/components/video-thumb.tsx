"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef } from "react";
import { cn } from "@/lib/utils";

/**
 * A video in a grid: its poster (a JPEG from its first second) when it has one; else, for a video
 * stored before posters, its file's first frame; else `placeholder` (still rendering, failed).
 * While `playing` (its card hovered or focused) the video itself plays over the poster, muted; its
 * file is only fetched then.
 */
export function VideoThumb(props: {
  posterUrl: string | null;
  videoUrl: string | null;
  prompt: string;
  placeholder: ReactNode;
  playing?: boolean;
  className?: string;
}) {
  const t = useTranslations("poster");
  const video = useRef<HTMLVideoElement | null>(null);
  const { playing = false, videoUrl } = props;

  useEffect(() => {
    const node = video.current;
    if (!node || !videoUrl) return;
    if (playing) {
      if (!node.src) node.src = videoUrl;
      // A play the browser refuses (no autoplay allowed, the file gone) leaves the poster showing.
      void node.play().catch(() => undefined);
    } else {
      node.pause();
    }
  }, [playing, videoUrl]);

  const frame = cn("relative aspect-video w-full overflow-hidden rounded-md bg-black", props.className);
  if (!props.posterUrl && !videoUrl) {
    return (
      <div className={cn(frame, "flex items-center justify-center bg-muted text-sm text-muted-foreground")}>
        {props.placeholder}
      </div>
    );
  }
  return (
    <div className={frame}>
      {props.posterUrl && (
        // biome-ignore lint/performance/noImgElement: a short-lived signed URL from our storage; next/image would proxy and cache it past its expiry
        <img
          src={props.posterUrl}
          alt={t("alt", { prompt: props.prompt.slice(0, 120) })}
          loading="lazy"
          decoding="async"
          className="absolute inset-0 size-full object-cover"
          data-testid="video-poster"
        />
      )}
      {videoUrl && (
        <video
          ref={video}
          // Without a poster the file's first frame is the picture, so its metadata loads at once.
          src={props.posterUrl ? undefined : videoUrl}
          preload={props.posterUrl ? "none" : "metadata"}
          muted
          loop
          playsInline
          aria-hidden="true"
          tabIndex={-1}
          className={cn(
            "absolute inset-0 size-full object-cover transition-opacity duration-300",
            props.posterUrl && !playing ? "opacity-0" : "opacity-100",
          )}
          data-testid="hover-video"
          data-playing={playing}
        />
      )}
    </div>
  );
}
