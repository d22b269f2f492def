"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useCursorPages } from "@/hooks/use-cursor-pages";
import { api, describeError } from "@/lib/api";

interface GalleryVideo {
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

/** The public gallery, a page at a time; a signed-in viewer favorites from it. */
export function Gallery({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("home");
  const { items, setItems, cursor, error, load } = useCursorPages<GalleryVideo>(
    "/api/v1/videos/latest",
    PAGE_SIZE,
    t("galleryFailed"),
  );
  const [loadingMore, setLoadingMore] = useState(false);
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

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    await load(cursor);
    setLoadingMore(false);
  }

  return (
    <section aria-labelledby="gallery-heading">
      <h2 id="gallery-heading" className="mb-3 text-xl font-semibold">
        {t("gallery")}
      </h2>
      {(error ?? favoriteError) && (
        <p role="alert" className="mb-3 text-sm text-destructive">
          {error ?? favoriteError}
        </p>
      )}
      {items !== null && items.length === 0 ? (
        <p className="text-muted-foreground">{t("galleryEmpty")}</p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="gallery">
          {(items ?? []).map((v) => (
            <li key={v.uuid} data-uuid={v.uuid} className="rounded-xl border border-border bg-card p-3 shadow-sm">
              {v.videoUrl && (
                <video
                  src={v.videoUrl}
                  poster={v.posterUrl ?? undefined}
                  preload={v.posterUrl ? "none" : "metadata"}
                  aria-label={v.prompt}
                  muted
                  loop
                  playsInline
                  controls
                  className="aspect-video w-full rounded-md bg-black"
                />
              )}
              <p className="mt-2 line-clamp-2 text-sm">{v.prompt}</p>
              <FavoriteControl video={v} signedIn={signedIn} busy={pending.has(v.uuid)} onToggle={toggle} />
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button
          type="button"
          onClick={loadMore}
          disabled={loadingMore}
          className="mt-4 rounded-md border border-input px-4 py-2 text-sm font-medium hover:bg-muted disabled:opacity-50"
        >
          {loadingMore ? t("loadingMore") : t("loadMore")}
        </button>
      )}
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
    return <p className="mt-2 flex items-center gap-1 text-sm text-muted-foreground">{count}</p>;
  }
  return (
    <div className="mt-2 flex items-center gap-2 text-sm text-muted-foreground">
      <button
        type="button"
        aria-pressed={video.favorited}
        aria-label={video.favorited ? t("unfavorite") : t("favorite")}
        aria-busy={props.busy}
        disabled={props.busy}
        onClick={() => props.onToggle(video)}
        className={`rounded-full px-2 py-1 text-lg leading-none hover:bg-destructive/10 ${
          video.favorited ? "text-destructive" : "text-muted-foreground"
        }`}
      >
        <span aria-hidden="true">{video.favorited ? "♥" : "♡"}</span>
      </button>
      {count}
    </div>
  );
}
