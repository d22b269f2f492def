"use client";

import type { components } from "@videofly/sdk";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { VideoProgress } from "@/components/video-progress";
import { VideoThumb } from "@/components/video-thumb";
import { api } from "@/lib/api";
import { IN_PROGRESS } from "@/lib/video";

export type QueueVideo = components["schemas"]["Video"];
type Queue = components["schemas"]["GenerationQueue"];

/** Often enough that a finished video shows within a few seconds; the worker polls providers less often. */
const POLL_MS = 2_500;
/** Finished videos stay in the panel (newest first) until this many newer ones push them out. */
const KEEP_FINISHED = 4;

const BADGE = {
  QUEUED: "secondary",
  PENDING: "secondary",
  GENERATING: "warning",
  UPLOADING: "info",
  COMPLETED: "success",
  FAILED: "destructive",
  CANCELLED: "outline",
} as const;

const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

const newestFirst = (a: QueueVideo, b: QueueVideo) => b.createdAt.localeCompare(a.createdAt);

/**
 * The user's running videos, polled while any runs: each with its status, the provider's progress
 * where it reports one, the time since it was asked for and the model's recent median; a finished
 * one turns into its poster, linked to its page. `added` (a video just submitted) joins at once.
 */
export function GenerationQueue({ added }: { added: QueueVideo | null }) {
  const t = useTranslations("queue");
  const [videos, setVideos] = useState<QueueVideo[]>([]);
  const [estimates, setEstimates] = useState<Record<string, number | null>>({});
  const [now, setNow] = useState(() => Date.now());
  // What is shown, for the poll to tell which videos left the running list (finished or failed).
  const shown = useRef<QueueVideo[]>([]);
  const show = useCallback((next: QueueVideo[]) => {
    const sorted = [...next].sort(newestFirst);
    const finished = sorted.filter((v) => !IN_PROGRESS.has(v.status)).slice(0, KEEP_FINISHED);
    shown.current = sorted.filter((v) => IN_PROGRESS.has(v.status) || finished.includes(v));
    setVideos(shown.current);
  }, []);

  const refresh = useCallback(async () => {
    const queue = await api<Queue>("/api/v1/video/queue");
    const running = new Map(queue.items.map((v) => [v.uuid, v]));
    const left = shown.current.filter((v) => IN_PROGRESS.has(v.status) && !running.has(v.uuid));
    const settled = await Promise.all(left.map((v) => api<QueueVideo>(`/api/v1/video/${v.uuid}`).catch(() => v)));
    const latest = new Map([...settled, ...queue.items].map((v) => [v.uuid, v]));
    const kept = shown.current.map((v) => latest.get(v.uuid) ?? v);
    show([...kept, ...queue.items.filter((v) => !kept.some((k) => k.uuid === v.uuid))]);
    setEstimates((e) => ({ ...e, ...Object.fromEntries(queue.estimates.map((x) => [x.model, x.medianDurationMs])) }));
  }, [show]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A new video shows at once; asking again straight away brings its model's estimate.
  useEffect(() => {
    if (!added || shown.current.some((v) => v.uuid === added.uuid)) return;
    show([added, ...shown.current]);
    void refresh().catch(() => undefined);
  }, [added, show, refresh]);

  const running = videos.some((v) => IN_PROGRESS.has(v.status));
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      await refresh().catch(() => undefined);
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    const ticker = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      stopped = true;
      clearTimeout(timer);
      clearInterval(ticker);
    };
  }, [running, refresh]);

  return (
    <Card role="region" aria-label={t("title")} className="gap-4">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{running ? t("running") : t("idle")}</CardDescription>
      </CardHeader>
      <CardContent>
        {videos.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {videos.map((v) => (
              <QueueItem key={v.uuid} video={v} now={now} medianMs={estimates[v.model] ?? null} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function QueueItem({ video: v, now, medianMs }: { video: QueueVideo; now: number; medianMs: number | null }) {
  const t = useTranslations("queue");
  const active = IN_PROGRESS.has(v.status);
  const end = v.completedAt ? Date.parse(v.completedAt) : now;
  const elapsed = clock(end - Date.parse(v.createdAt));
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-border p-3" data-status={v.status}>
      <div className="flex items-start gap-2">
        <p className="mr-auto line-clamp-2 text-sm">{v.prompt || v.model}</p>
        <Badge variant={BADGE[v.status]}>{t(`status.${v.status}`)}</Badge>
      </div>
      {v.status === "COMPLETED" ? (
        <Link
          href={`/videos/${v.uuid}`}
          aria-label={t("openVideo", { prompt: v.prompt.slice(0, 80) })}
          className="block rounded-md focus-visible:ring-[3px] focus-visible:ring-ring/50"
        >
          <VideoThumb posterUrl={v.posterUrl} videoUrl={v.videoUrl} prompt={v.prompt} placeholder={t("open")} />
        </Link>
      ) : (
        <VideoProgress status={v.status} progress={v.progress} />
      )}
      {v.status === "FAILED" && v.error?.message && <p className="text-xs text-destructive">{v.error.message}</p>}
      <p className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
        <span>{v.model}</span>
        <span>{active ? t("elapsed", { time: elapsed }) : t("took", { time: elapsed })}</span>
        {active && medianMs !== null && <span>{t("usually", { time: clock(medianMs) })}</span>}
        {!active && v.status !== "COMPLETED" && (
          <Link href={`/videos/${v.uuid}`} className="text-primary hover:underline">
            {t("open")}
          </Link>
        )}
      </p>
    </li>
  );
}
