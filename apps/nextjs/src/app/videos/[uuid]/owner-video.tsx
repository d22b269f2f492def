"use client";

import { RotateCcwIcon, Trash2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { DownloadButton } from "@/components/download-button";
import { SideBySide } from "@/components/side-by-side";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { VideoProgress } from "@/components/video-progress";
import { ApiError, api, describeError } from "@/lib/api";
import { IN_PROGRESS, STATUS_STYLE, type VideoView } from "@/lib/video";
import { SharingPanel } from "./sharing-panel";

/** The owner's page: the video (followed until it is finished), what to do with it, and who may see it. */
export function OwnerVideo({ uuid }: { uuid: string }) {
  const t = useTranslations("video");
  const [video, setVideo] = useState<VideoView | null>(null);
  const [missing, setMissing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const v = await api<VideoView>(`/api/v1/video/${uuid}`);
      setVideo(v);
      return v;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      return null;
    }
  }, [uuid]);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const v = await load();
      if (!stop && v && IN_PROGRESS.has(v.status)) timer = setTimeout(poll, 1500);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [load]);

  async function act(fn: () => Promise<unknown>) {
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      setMessage(describeError(e, t("failed")));
    }
  }

  if (missing) return <p className="text-center text-muted-foreground">{t("missing")}</p>;
  if (!video) return <Skeleton role="status" aria-label={t("loading")} className="aspect-video w-full rounded-xl" />;
  const finished = video.status === "COMPLETED";
  return (
    <article className="flex flex-col gap-4">
      {/* The page's title for assistive technology; the player and the prompt say the rest. */}
      <h1 className="sr-only">{t("heading", { model: video.model })}</h1>
      {video.mode === "LIPSYNC" ? (
        <SideBySide
          video={video}
          result={finished ? <OwnerPlayer uuid={uuid} posterUrl={video.posterUrl} /> : undefined}
        />
      ) : finished ? (
        <OwnerPlayer uuid={uuid} posterUrl={video.posterUrl} />
      ) : (
        <div className="flex aspect-video items-center justify-center rounded-xl bg-muted text-muted-foreground">
          {IN_PROGRESS.has(video.status) ? t("rendering") : t("noVideo")}
        </div>
      )}
      <VideoProgress status={video.status} progress={video.progress} />
      <div className="flex flex-wrap items-center gap-3">
        <Badge variant="secondary" className={STATUS_STYLE[video.status]} data-testid="video-status">
          {video.status}
        </Badge>
        <span className="text-sm text-muted-foreground">
          {t("details", {
            model: video.model,
            duration: video.duration,
            aspectRatio: video.aspectRatio,
            quality: video.quality,
            credits: video.creditsCost,
          })}
        </span>
      </div>
      <p className="whitespace-pre-wrap">{video.prompt}</p>
      {video.error && (
        <Alert variant="destructive">
          <AlertDescription>
            {video.error.code}: {video.error.message}
          </AlertDescription>
        </Alert>
      )}
      {message && (
        <Alert variant="destructive">
          <AlertDescription>{message}</AlertDescription>
        </Alert>
      )}
      <div className="flex flex-wrap items-start gap-2 text-sm">
        {finished && <DownloadButton uuid={uuid} owner />}
        {video.status === "FAILED" && (
          <Button
            variant="outline"
            onClick={() =>
              act(async () => setVideo(await api<VideoView>(`/api/v1/video/${uuid}/retry`, { method: "POST" })))
            }
          >
            <RotateCcwIcon aria-hidden />
            {t("retry")}
          </Button>
        )}
        <Button
          variant="outline"
          className="border-destructive/40 text-destructive hover:bg-destructive/10"
          onClick={() =>
            act(async () => {
              await api(`/api/v1/video/${uuid}`, { method: "DELETE" });
              window.location.href = "/videos";
            })
          }
        >
          <Trash2Icon aria-hidden />
          {t("delete")}
        </Button>
      </div>
      {finished && <SharingPanel video={video} onSaved={setVideo} />}
    </article>
  );
}

/** The owner watches through the play door too, so every look is one recorded decision; its link is the one to share privately. */
function OwnerPlayer({ uuid, posterUrl }: { uuid: string; posterUrl: string | null }) {
  const t = useTranslations("video");
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ url: string }>(`/api/v1/video/${uuid}/play`).then(
      (r) => setUrl(r.url),
      (e) => setError(describeError(e, t("failed"))),
    );
  }, [uuid, t]);
  if (error)
    return (
      <Alert variant="destructive">
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    );
  if (!url) return <div className="aspect-video w-full rounded-xl bg-black" />;
  return (
    <div className="flex flex-col gap-2">
      {/* biome-ignore lint/a11y/useMediaCaption: generated videos have no captions to offer */}
      <video
        src={url}
        poster={posterUrl ?? undefined}
        controls
        className="aspect-video w-full rounded-xl bg-black"
        data-testid="player"
      />
      <a href={url} className="self-start text-xs text-primary underline underline-offset-4" data-testid="play-url">
        {t("playUrl")}
      </a>
    </div>
  );
}
