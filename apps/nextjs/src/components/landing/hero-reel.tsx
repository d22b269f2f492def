"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { GalleryVideo } from "@/components/gallery";
import { PosterCard } from "@/components/poster-grid";
import { VideoThumb } from "@/components/video-thumb";
import { cn } from "@/lib/utils";

/** The newest public videos beside the hero: the first large, each playing on hover or focus. */
export function HeroReel({ videos }: { videos: Pick<GalleryVideo, "uuid" | "prompt" | "posterUrl" | "videoUrl">[] }) {
  const t = useTranslations("landing");
  if (videos.length === 0) return null;
  return (
    <ul className="grid grid-cols-2 gap-3" aria-label={t("heroReel")}>
      {videos.map((v, i) => (
        <PosterCard key={v.uuid} className={cn("p-1.5 pb-1.5", i === 0 && "col-span-2")}>
          {(playing) => (
            <Link href={`/videos/${v.uuid}`} className="rounded-md outline-none">
              <VideoThumb
                posterUrl={v.posterUrl}
                videoUrl={v.videoUrl}
                prompt={v.prompt}
                placeholder={null}
                playing={playing}
              />
            </Link>
          )}
        </PosterCard>
      ))}
    </ul>
  );
}
