"use client";

import { Clapperboard } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { EmptyState, GRID_CLASSES, GridSkeleton } from "@/components/poster-grid";
import { SideBySide } from "@/components/side-by-side";
import { Button } from "@/components/ui/button";
import { VideoCard } from "@/components/video-card";
import type { ProjectVideo } from "@/lib/projects";

/** The project's videos as a poster grid, a lip-sync with its source beside its result. */
export function ProjectVideos({ videos, projectId }: { videos: ProjectVideo[] | null; projectId: string }) {
  const t = useTranslations("project");
  const grid = useTranslations("grid");
  if (videos === null) return <GridSkeleton label={grid("loading")} count={3} />;
  if (videos.length === 0) {
    return (
      <EmptyState
        icon={<Clapperboard />}
        title={t("emptyTitle")}
        description={t("emptyDescription")}
        action={
          <Button asChild>
            <Link href={`/create?project=${projectId}`}>{t("createIn")}</Link>
          </Button>
        }
      />
    );
  }
  return (
    <ul className={GRID_CLASSES} data-testid="project-videos">
      {videos.map((v) => (
        <VideoCard
          key={v.uuid}
          video={v}
          untitled={t("untitled")}
          testId="project-video"
          className={v.mode === "LIPSYNC" ? "sm:col-span-2" : undefined}
          preview={v.mode === "LIPSYNC" ? () => <SideBySide video={v} /> : undefined}
        />
      ))}
    </ul>
  );
}
