"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { PosterCard } from "@/components/poster-grid";
import { Badge } from "@/components/ui/badge";
import { VideoProgress } from "@/components/video-progress";
import { VideoThumb } from "@/components/video-thumb";
import { IN_PROGRESS, type VideoView } from "@/lib/video";

type CardVideo = Pick<VideoView, "uuid" | "status" | "prompt" | "posterUrl" | "videoUrl"> & {
  progress?: number | null;
};

const STATUS_VARIANT = {
  QUEUED: "secondary",
  PENDING: "secondary",
  GENERATING: "warning",
  UPLOADING: "info",
  COMPLETED: "success",
  FAILED: "destructive",
  CANCELLED: "secondary",
} as const;

export function VideoStatusBadge({
  status,
  testId = "video-status",
}: {
  status: VideoView["status"];
  testId?: string;
}) {
  return (
    <Badge variant={STATUS_VARIANT[status]} data-testid={testId}>
      {status}
    </Badge>
  );
}

/**
 * A video in a grid, as one link to its page: the poster (playing on hover or focus), its status,
 * progress while it renders, and its prompt. `extra` goes below, outside the link.
 */
export function VideoCard(props: {
  video: CardVideo;
  untitled: string;
  testId?: string;
  statusTestId?: string;
  /** Beside the status: a batch item's number. */
  label?: string;
  extra?: ReactNode;
  /** Instead of the poster, above the link (a lip-sync shows its source beside its result). */
  preview?: (playing: boolean) => ReactNode;
  className?: string;
  "data-index"?: number;
}) {
  const t = useTranslations("grid");
  const v = props.video;
  const thumb = (playing: boolean) => (
    <VideoThumb
      posterUrl={v.status === "COMPLETED" ? v.posterUrl : null}
      videoUrl={v.status === "COMPLETED" ? v.videoUrl : null}
      prompt={v.prompt}
      placeholder={IN_PROGRESS.has(v.status) ? t("rendering") : t("noVideo")}
      playing={playing}
    />
  );
  return (
    <PosterCard
      className={props.className}
      data-testid={props.testId ?? "video-card"}
      data-uuid={v.uuid}
      data-index={props["data-index"]}
    >
      {(playing) => (
        <>
          {props.preview?.(playing)}
          <Link href={`/videos/${v.uuid}`} className="flex flex-col gap-2 rounded-md outline-none">
            {!props.preview && thumb(playing)}
            <span className="flex flex-col gap-2 px-1">
              <span className="flex items-center gap-2">
                {props.label && <span className="text-xs tabular-nums text-muted-foreground">{props.label}</span>}
                <VideoStatusBadge status={v.status} testId={props.statusTestId} />
              </span>
              <VideoProgress status={v.status} progress={v.progress} />
              <span className="line-clamp-2 text-sm">{v.prompt || props.untitled}</span>
            </span>
          </Link>
          {props.extra && <div className="flex flex-col gap-2 px-1">{props.extra}</div>}
        </>
      )}
    </PosterCard>
  );
}
