"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { type DailyUsage, MODES, type UsageDay } from "./types";

const MODE_COLOURS = {
  TEXT_TO_VIDEO: "var(--primary)",
  IMAGE_TO_VIDEO: "var(--info)",
  LIPSYNC: "var(--accent)",
} as const;

/** "05-02" on the axis: the year and month repeat on every tick otherwise. */
const tick = (date: string) => date.slice(5);

/** One chart in a figure whose caption says in words what the bars show (screen readers, no-vision). */
function ChartFigure({
  id,
  title,
  summary,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <figure
      className="rounded-xl border border-border bg-card p-4 shadow-xs"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      data-testid={id}
    >
      <h3 id={`${id}-title`} className="mb-1 font-medium">
        {title}
      </h3>
      <figcaption id={`${id}-summary`} className="mb-3 text-sm text-muted-foreground" data-testid={`${id}-summary`}>
        {summary}
      </figcaption>
      {/* The figures are in the caption and in the table below: the drawing itself is decoration for assistive tech
          (so each chart has no accessibility layer: it would make the hidden drawing focusable). */}
      <div aria-hidden="true" className="h-56 w-full">
        {children}
      </div>
    </figure>
  );
}

export function UsageCharts({ usage }: { usage: DailyUsage }) {
  const t = useTranslations("usage");
  const summary = (value: (d: UsageDay) => number, total: number) => {
    if (total === 0) return t("summaryEmpty", { from: usage.from, to: usage.to });
    const peak = usage.days.reduce((best, d) => (value(d) > value(best) ? d : best));
    return t("summary", { total, from: usage.from, to: usage.to, peakDay: peak.date, peak: value(peak) });
  };
  const videosByMode = usage.days.map((d) => ({ date: d.date, ...d.byMode }));
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="date" tickFormatter={tick} fontSize={12} minTickGap={8} />
      <YAxis allowDecimals={false} fontSize={12} width={40} />
      <Tooltip />
    </>
  );

  // One figure per day in one colour (credits, API calls).
  const dailyBars = (figure: "creditsConsumed" | "apiCalls", fill: string) => (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={usage.days} accessibilityLayer={false}>
        {axes}
        <Bar dataKey={figure} name={t(figure)} fill={fill} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );

  return (
    <section className="grid gap-4 lg:grid-cols-2" aria-label={t("title")}>
      <ChartFigure
        id="usage-credits-chart"
        title={t("creditsChart")}
        summary={summary((d) => d.creditsConsumed, usage.totals.creditsConsumed)}
      >
        {dailyBars("creditsConsumed", "var(--primary)")}
      </ChartFigure>
      <ChartFigure
        id="usage-videos-chart"
        title={t("videosChart")}
        summary={summary((d) => d.videosCreated, usage.totals.videosCreated)}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={videosByMode} accessibilityLayer={false}>
            {axes}
            <Legend
              wrapperStyle={{ fontSize: 12 }}
              // The modes in their usual order (as in the table), not alphabetically by translated name.
              itemSorter={(item) => MODES.indexOf(item.dataKey as (typeof MODES)[number])}
            />
            {MODES.map((mode) => (
              <Bar
                key={mode}
                dataKey={mode}
                stackId="videos"
                name={t(`modes.${mode}`)}
                fill={MODE_COLOURS[mode]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
      <ChartFigure
        id="usage-calls-chart"
        title={t("callsChart")}
        summary={summary((d) => d.apiCalls, usage.totals.apiCalls)}
      >
        {dailyBars("apiCalls", "var(--info)")}
      </ChartFigure>
    </section>
  );
}
