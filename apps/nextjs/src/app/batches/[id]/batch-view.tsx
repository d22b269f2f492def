"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { ApiError, api } from "@/lib/api";
import { type Batch, type BatchVideo, isFinished } from "@/lib/batches";
import { BatchResults } from "./batch-results";
import { BatchSummary } from "./batch-summary";

const POLL_MS = 2000;
const PAGE = 100;

/** Every item of a batch, in index order, a page at a time. */
async function allVideos(id: string): Promise<BatchVideo[]> {
  const items: BatchVideo[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page: { items: BatchVideo[]; nextCursor: string | null } = await api(
      `/api/v1/batches/${id}/videos?limit=${PAGE}${query}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** One batch: its progress and its results, refreshed by themselves until the batch is finished. */
export function BatchView() {
  const t = useTranslations("batch");
  const { id } = useParams<{ id: string }>();
  const [batch, setBatch] = useState<Batch | null>(null);
  const [videos, setVideos] = useState<BatchVideo[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [b, v] = await Promise.all([api<Batch>(`/api/v1/batches/${id}`), allVideos(id)]);
      setBatch(b);
      setVideos(v);
      setError(null);
      return b;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else setError(e instanceof Error ? e.message : t("loadFailed"));
      return null;
    }
  }, [id, t]);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const b = await load();
      // A failed load tries again too; a finished batch changes no more.
      if (!stop && !(b && isFinished(b))) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [load]);

  if (missing) return <p className="text-center text-muted-foreground">{t("missing")}</p>;
  if (!batch) {
    return error ? (
      <Alert variant="destructive">
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    ) : (
      <Skeleton role="status" aria-label={t("loading")} className="h-48 rounded-xl" />
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <Link href="/batches" className="w-fit text-sm text-primary underline-offset-4 hover:underline">
        {t("back")}
      </Link>
      <BatchSummary batch={batch} onChanged={setBatch} />
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <BatchResults videos={videos ?? []} />
    </div>
  );
}
