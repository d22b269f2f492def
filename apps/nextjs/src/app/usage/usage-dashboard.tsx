"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { type DayRange, RangePicker } from "@/components/range-picker";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useApiData } from "@/hooks/use-api-data";
import { AlertForm } from "./alert-form";
import { type DailyUsage, MODES } from "./types";
import { UsageCharts } from "./usage-charts";
import { UsageTable } from "./usage-table";

const utcDayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export function UsageDashboard() {
  const t = useTranslations("usage");
  const [range, setRange] = useState<DayRange>({ from: utcDayAgo(29), to: utcDayAgo(0) });
  const { data, error } = useApiData<DailyUsage>(
    `/api/v1/usage/daily?from=${range.from}&to=${range.to}`,
    t("loadFailed"),
  );

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </header>
      <RangePicker
        range={range}
        onChange={setRange}
        testIdPrefix="usage-range"
        labels={{
          from: t("range.from"),
          to: t("range.to"),
          apply: t("range.apply"),
          invalid: t("range.invalid"),
          form: t("range.form"),
        }}
      />
      {error && (
        <Alert variant="destructive" data-testid="usage-error">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {!data ? (
        <div role="status" aria-label={t("loading")} className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {["videos", "credits", "processing", "calls"].map((id) => (
            <Skeleton key={id} className="h-24 rounded-xl" />
          ))}
        </div>
      ) : (
        <>
          <Totals usage={data} />
          <UsageCharts usage={data} />
          <UsageTable usage={data} />
        </>
      )}
      <AlertForm />
    </div>
  );
}

function Totals({ usage }: { usage: DailyUsage }) {
  const t = useTranslations("usage");
  const { totals } = usage;
  const items = [
    ["videos", t("videosCreated"), String(totals.videosCreated)],
    ["credits", t("creditsConsumed"), String(totals.creditsConsumed)],
    ["processing", t("processing"), t("seconds", { seconds: totals.processingSeconds })],
    ["calls", t("apiCalls"), String(totals.apiCalls)],
  ] as const;
  return (
    <section aria-labelledby="usage-totals">
      <h2 id="usage-totals" className="mb-2 text-lg font-semibold">
        {t("totals", { days: usage.days.length })}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {items.map(([id, label, value]) => (
          <Card key={id} className="gap-1 px-4 py-4">
            <dt className="text-sm text-muted-foreground">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`usage-total-${id}`}>
              {value}
            </dd>
          </Card>
        ))}
      </dl>
      <p className="mt-2 text-xs text-muted-foreground">
        {MODES.map((m) => `${t(`modes.${m}`)}: ${totals.byMode[m]}`).join(" · ")}
      </p>
    </section>
  );
}
