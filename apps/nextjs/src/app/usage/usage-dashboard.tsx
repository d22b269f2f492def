"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { type DayRange, RangePicker } from "@/components/range-picker";
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
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
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
        <p role="alert" className="text-sm text-destructive" data-testid="usage-error">
          {error}
        </p>
      )}
      {!data ? (
        <p className="text-sm text-muted-foreground">{t("loading")}</p>
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
          <div key={id} className="rounded-xl border border-border bg-card p-4 shadow-sm">
            <dt className="text-sm text-muted-foreground">{label}</dt>
            <dd className="text-2xl font-semibold" data-testid={`usage-total-${id}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-xs text-muted-foreground">
        {MODES.map((m) => `${t(`modes.${m}`)}: ${totals.byMode[m]}`).join(" · ")}
      </p>
    </section>
  );
}
