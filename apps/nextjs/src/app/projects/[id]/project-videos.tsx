"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { SideBySide } from "@/components/side-by-side";
import { VideoProgress } from "@/components/video-progress";
import { VideoThumb } from "@/components/video-thumb";
import type { ProjectVideo } from "@/lib/projects";
import { IN_PROGRESS, STATUS_STYLE } from "@/lib/video";

function Preview({ video: v }: { video: ProjectVideo }) {
  const t = useTranslations("project");
  if (v.mode === "LIPSYNC") return <SideBySide video={v} />;
  return (
    <VideoThumb
      posterUrl={v.posterUrl}
      videoUrl={v.videoUrl}
      prompt={v.prompt}
      placeholder={IN_PROGRESS.has(v.status) ? t("rendering") : t("noVideo")}
    />
  );
}

/** The project's videos as cards, a lip-sync with its source beside its result. */
export function ProjectVideos({ videos, projectId }: { videos: ProjectVideo[] | null; projectId: string }) {
  const t = useTranslations("project");
  if (videos === null) return <p className="text-muted-foreground">{t("loading")}</p>;
  if (videos.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-input p-8 text-center text-muted-foreground">
        {t.rich("empty", {
          link: (chunks) => (
            <Link href={`/create?project=${projectId}`} className="text-primary underline">
              {chunks}
            </Link>
          ),
        })}
      </p>
    );
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="project-videos">
      {videos.map((v) => (
        <li
          key={v.uuid}
          className={`flex flex-col gap-2 rounded-xl border border-border bg-card p-3 shadow-sm ${v.mode === "LIPSYNC" ? "sm:col-span-2" : ""}`}
          data-testid="project-video"
          data-uuid={v.uuid}
        >
          <Preview video={v} />
          <VideoProgress status={v.status} progress={v.progress} />
          <span
            className={`w-fit rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[v.status]}`}
            data-testid="video-status"
          >
            {v.status}
          </span>
          <Link href={`/videos/${v.uuid}`} className="line-clamp-2 text-sm hover:text-primary">
            {v.prompt || t("untitled")}
          </Link>
        </li>
      ))}
    </ul>
  );
}
