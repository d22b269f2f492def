"use client";

import { useTranslations } from "next-intl";
import { IN_PROGRESS } from "@/lib/video";

/** How far a running video is, as its provider reports it (0–100); nothing when it is not running or reports none. */
export function VideoProgress({ status, progress }: { status: string; progress?: number | null }) {
  const t = useTranslations("videoProgress");
  if (!IN_PROGRESS.has(status) || progress === null || progress === undefined) return null;
  return (
    <div className="flex items-center gap-2 text-xs text-muted-foreground" data-testid="video-progress">
      <progress
        className="h-2 w-full"
        max={100}
        value={progress}
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
      />
      <span>{t("percent", { progress })}</span>
    </div>
  );
}
