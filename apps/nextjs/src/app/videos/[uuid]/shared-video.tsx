"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { DownloadButton } from "@/components/download-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, api, describeError } from "@/lib/api";

interface VideoCard {
  uuid: string;
  prompt: string;
  model: string;
  duration: number;
  aspectRatio: string;
  visibility: "private" | "unlisted" | "public";
  allowDownload: boolean;
  owner: boolean;
  videoUrl: string;
  posterUrl: string | null;
}

/** The page for anyone but the owner: the play door's card, or not found (a private video is, for them). */
export function SharedVideo({ uuid }: { uuid: string }) {
  const t = useTranslations("video");
  const [card, setCard] = useState<VideoCard | null>(null);
  const [failure, setFailure] = useState<"missing" | string | null>(null);

  useEffect(() => {
    api<VideoCard>(`/api/v1/video/${uuid}/public`).then(setCard, (e) =>
      setFailure(
        e instanceof ApiError && (e.status === 404 || e.status === 400) ? "missing" : describeError(e, t("failed")),
      ),
    );
  }, [uuid, t]);

  if (failure === "missing")
    return (
      <p className="text-center text-muted-foreground" data-testid="video-missing">
        {t("missing")}
      </p>
    );
  if (failure)
    return (
      <Alert variant="destructive">
        <AlertDescription>{failure}</AlertDescription>
      </Alert>
    );
  if (!card) return <Skeleton role="status" aria-label={t("loading")} className="aspect-video w-full rounded-xl" />;
  return (
    <article className="flex flex-col gap-4">
      <h1 className="sr-only">{t("heading", { model: card.model })}</h1>
      {/* biome-ignore lint/a11y/useMediaCaption: generated videos have no captions to offer */}
      <video
        src={card.videoUrl}
        poster={card.posterUrl ?? undefined}
        controls
        className="aspect-video w-full rounded-xl bg-black"
        data-testid="player"
      />
      <span className="text-sm text-muted-foreground">
        {t("sharedDetails", { model: card.model, duration: card.duration, aspectRatio: card.aspectRatio })}
      </span>
      <p className="whitespace-pre-wrap" data-testid="video-prompt">
        {card.prompt}
      </p>
      {card.allowDownload && <DownloadButton uuid={uuid} owner={card.owner} />}
    </article>
  );
}
