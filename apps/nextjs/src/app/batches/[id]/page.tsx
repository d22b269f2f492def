"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { ApiError, api } from "@/lib/api";
import { BATCH_STATUS_STYLE, BatchProgress, type BatchVideo, type BatchView, endedOf } from "@/lib/batches";
import { IN_PROGRESS, STATUS_STYLE } from "@/lib/video";

export default function BatchPage() {
  const t = useTranslations("batches");
  const { id } = useParams<{ id: string }>();
  const [batch, setBatch] = useState<BatchView | null>(null);
  const [videos, setVideos] = useState<BatchVideo[]>([]);
  const [missing, setMissing] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  const load = useCallback(async () => {
    try {
      const [b, page] = await Promise.all([
        api<BatchView>(`/api/v1/batches/${id}`),
        api<{ items: BatchVideo[] }>(`/api/v1/batches/${id}/videos?limit=100`),
      ]);
      setBatch(b);
      setVideos(page.items);
      return b;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      return null;
    }
  }, [id]);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const b = await load();
      // The grid fills in by itself until the batch is finished.
      if (!stop && b && !b.finishedAt) timer = setTimeout(poll, 1500);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [load]);

  async function cancel() {
    setCancelling(true);
    try {
      setBatch(await api<BatchView>(`/api/v1/batches/${id}/cancel`, { method: "POST" }));
      await load();
    } finally {
      setCancelling(false);
    }
  }

  if (missing) return <p className="text-slate-600">{t("notFound")}</p>;
  if (!batch) return <p className="text-slate-500">{t("loading")}</p>;
  return (
    <div className="flex flex-col gap-4">
      <Link href="/batches" className="text-sm text-indigo-600">
        ← {t("title")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("batch")}</h1>
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${BATCH_STATUS_STYLE[batch.status]}`}
          data-testid="batch-status"
          data-status={batch.status}
        >
          {t(`status.${batch.status}`)}
        </span>
        {!batch.finishedAt && !batch.cancelledAt && (
          <button
            type="button"
            onClick={() => void cancel()}
            disabled={cancelling}
            className="ml-auto rounded-md border border-red-300 px-3 py-1 text-sm text-red-700"
            data-testid="batch-cancel"
          >
            {t("cancel")}
          </button>
        )}
      </div>
      <BatchProgress batch={batch} />
      <p className="text-sm text-slate-600" data-testid="batch-summary">
        {t("summary", {
          ended: endedOf(batch),
          total: batch.totalCount,
          completed: batch.counts.completed,
          failed: batch.counts.failed,
          settled: batch.credits.settled,
          held: batch.credits.held,
          released: batch.credits.released,
        })}
      </p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {videos.map((v) => (
          <li
            key={v.uuid}
            className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm"
            data-testid="batch-video"
          >
            {v.videoUrl ? (
              <video
                src={v.videoUrl}
                muted
                controls
                preload="metadata"
                className="aspect-video w-full rounded-md bg-black object-contain"
              />
            ) : (
              <div className="flex aspect-video items-center justify-center rounded-md bg-slate-100 text-sm text-slate-500">
                {IN_PROGRESS.has(v.status) ? t("waiting") : t("noVideo")}
              </div>
            )}
            <span className="flex items-center gap-2">
              <span className="text-xs text-slate-500">#{v.batchIndex + 1}</span>
              <span
                className={`w-fit rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[v.status]}`}
                data-testid="batch-video-status"
              >
                {v.status}
              </span>
              {v.videoUrl && (
                <a href={v.videoUrl} download className="ml-auto text-sm text-indigo-600" data-testid="batch-download">
                  {t("download")}
                </a>
              )}
            </span>
            <Link href={`/videos/${v.uuid}`} className="line-clamp-2 text-sm">
              {v.prompt}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
