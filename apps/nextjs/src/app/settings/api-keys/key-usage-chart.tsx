"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { DailyBars } from "@/components/daily-bars";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/api";
import { lastDays, requestsPerDay, type UsageGroup, usageFrom } from "@/lib/api-keys";

const DAYS = 30;

/** One key's requests per UTC day over the last 30 days, from the usage audit. */
export function KeyUsageChart({ keyId }: { keyId: string }) {
  const t = useTranslations("apiKeys");
  const [points, setPoints] = useState<{ day: string; value: number }[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stop = false;
    const days = lastDays(DAYS);
    const query = new URLSearchParams({ groupBy: "day", keyId, from: usageFrom(days) });
    api<UsageGroup[]>(`/api/v1/usage?${query}`)
      .then((groups) => !stop && setPoints(requestsPerDay(groups, days)))
      .catch(() => !stop && setFailed(true));
    return () => {
      stop = true;
    };
  }, [keyId]);

  const total = points?.reduce((sum, p) => sum + p.value, 0) ?? 0;
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="flex justify-between text-xs text-muted-foreground">
        <span>{t("chartTitle", { days: DAYS })}</span>
        {points && <span data-testid="api-key-chart-total">{t("chartTotal", { total })}</span>}
      </figcaption>
      {failed ? (
        <p className="text-xs text-destructive">{t("chartFailed")}</p>
      ) : points ? (
        <DailyBars points={points} label={t("chartLabel", { days: DAYS, total })} testId="api-key-chart" />
      ) : (
        <Skeleton className="h-12" />
      )}
    </figure>
  );
}
