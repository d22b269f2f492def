"use client";

import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { DownloadButton } from "@/components/download-button";
import { GRID_CLASSES } from "@/components/poster-grid";
import { Button } from "@/components/ui/button";
import { VideoCard } from "@/components/video-card";
import type { BatchVideo } from "@/lib/batches";

/** The batch's videos in index order, as a poster grid: each with its status, and the file once it is done. */
export function BatchResults({ videos }: { videos: BatchVideo[] }) {
  const t = useTranslations("batch");
  return (
    <section aria-labelledby="results-heading" className="flex flex-col gap-3">
      <h2 id="results-heading" className="text-lg font-semibold">
        {t("results")}
      </h2>
      <ul className={GRID_CLASSES} data-testid="batch-results">
        {videos.map((v) => (
          <VideoCard
            key={v.uuid}
            video={v}
            untitled={`#${v.batchIndex + 1}`}
            testId="batch-result"
            statusTestId="batch-result-status"
            data-index={v.batchIndex}
            label={`#${v.batchIndex + 1}`}
            extra={
              <>
                {v.error && <p className="text-xs text-destructive">{v.error.message ?? v.error.code}</p>}
                <div className="flex flex-wrap gap-2">
                  <Button asChild variant="outline" size="sm">
                    <Link href={`/videos/${v.uuid}`} data-testid="batch-result-open">
                      <ExternalLink aria-hidden="true" />
                      {t("open")}
                    </Link>
                  </Button>
                  {v.status === "COMPLETED" && <DownloadButton uuid={v.uuid} owner testId="batch-result-download" />}
                </div>
              </>
            }
          />
        ))}
      </ul>
    </section>
  );
}
