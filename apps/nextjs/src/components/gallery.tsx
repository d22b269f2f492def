"use client";

import { Heart, Sparkles } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { EmptyState, GRID_CLASSES, GridSkeleton, LoadMore, PosterCard } from "@/components/poster-grid";
import { Button } from "@/components/ui/button";
import { VideoThumb } from "@/components/video-thumb";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import { api, describeError } from "@/lib/api";
import { cn } from "@/lib/utils";

export interface GalleryVideo {
  uuid: string;
  prompt: string;
  videoUrl: string | null;
  posterUrl: string | null;
  favoriteCount: number;
  favorited: boolean;
}

interface FavoriteState {
  uuid: string;
  favorited: boolean;
  favoriteCount: number;
}

const PAGE_SIZE = 12;

/** The public gallery as a poster grid, loaded as it scrolls; a signed-in viewer favorites from it. */
export function Gallery({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("home");
  const grid = useTranslations("grid");
  const { items, setItems, cursor, error, load } = useCursorPages<GalleryVideo>(
    "/api/v1/videos/latest",
    PAGE_SIZE,
    t("galleryFailed"),
  );
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [favoriteError, setFavoriteError] = useState<string | null>(null);

  const patch = (uuid: string, change: Partial<GalleryVideo>) =>
    setItems((current) => current?.map((v) => (v.uuid === uuid ? { ...v, ...change } : v)) ?? current);

  // Shown at once, then set to what the server answered (which counts everyone's favorites);
  // put back as it was if the request fails.
  async function toggle(video: GalleryVideo) {
    const favorited = !video.favorited;
    setPending((p) => new Set(p).add(video.uuid));
    setFavoriteError(null);
    patch(video.uuid, { favorited, favoriteCount: Math.max(0, video.favoriteCount + (favorited ? 1 : -1)) });
    try {
      const state = await api<FavoriteState>(`/api/v1/video/${video.uuid}/favorite`, {
        method: favorited ? "POST" : "DELETE",
      });
      patch(video.uuid, { favorited: state.favorited, favoriteCount: state.favoriteCount });
    } catch (e) {
      patch(video.uuid, { favorited: video.favorited, favoriteCount: video.favoriteCount });
      setFavoriteError(describeError(e, t("favoriteFailed")));
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(video.uuid);
        return next;
      });
    }
  }

  return (
    <section aria-labelledby="gallery-heading" className="flex flex-col gap-4">
      <h2 id="gallery-heading" className="text-2xl font-semibold tracking-tight">
        {t("gallery")}
      </h2>
      {(error ?? favoriteError) && (
        <p role="alert" className="text-sm text-destructive">
          {error ?? favoriteError}
        </p>
      )}
      {items === null ? (
        !error && <GridSkeleton label={grid("loading")} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<Sparkles />}
          title={t("galleryEmpty")}
          description={t("galleryEmptyHint")}
          action={
            <Button asChild>
              <Link href="/create">{t("cta")}</Link>
            </Button>
          }
        />
      ) : (
        <ul className={GRID_CLASSES} data-testid="gallery">
          {items.map((v) => (
            <PosterCard key={v.uuid} data-uuid={v.uuid}>
              {(playing) => (
                <>
                  <Link href={`/videos/${v.uuid}`} className="flex flex-col gap-2 rounded-md outline-none">
                    <VideoThumb
                      posterUrl={v.posterUrl}
                      videoUrl={v.videoUrl}
                      prompt={v.prompt}
                      placeholder={grid("noVideo")}
                      playing={playing}
                    />
                    <span className="line-clamp-2 px-1 text-sm">{v.prompt}</span>
                  </Link>
                  <FavoriteControl video={v} signedIn={signedIn} busy={pending.has(v.uuid)} onToggle={toggle} />
                </>
              )}
            </PosterCard>
          ))}
        </ul>
      )}
      <LoadMore cursor={cursor} load={load} label={t("loadMore")} loadingLabel={t("loadingMore")} />
    </section>
  );
}

function FavoriteControl(props: {
  video: GalleryVideo;
  signedIn: boolean;
  busy: boolean;
  onToggle: (video: GalleryVideo) => void;
}) {
  const t = useTranslations("home");
  const { video } = props;
  const count = (
    <span data-testid="favorite-count" className="tabular-nums">
      {t("favoriteCount", { count: video.favoriteCount })}
    </span>
  );
  if (!props.signedIn) {
    return (
      <p className="flex items-center gap-1.5 px-1 text-sm text-muted-foreground">
        <Heart className="size-4" aria-hidden="true" />
        {count}
      </p>
    );
  }
  return (
    <div className="flex items-center gap-1 px-1 text-sm text-muted-foreground">
      <Button
        variant="ghost"
        size="icon"
        aria-pressed={video.favorited}
        aria-label={video.favorited ? t("unfavorite") : t("favorite")}
        aria-busy={props.busy}
        disabled={props.busy}
        onClick={() => props.onToggle(video)}
        className={cn("size-8 rounded-full", video.favorited ? "text-destructive" : "text-muted-foreground")}
      >
        <Heart className={cn(video.favorited && "fill-current")} aria-hidden="true" />
      </Button>
      {count}
    </div>
  );
}
