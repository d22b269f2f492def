"use client";

import { useTranslations } from "next-intl";
import { ScrollRegion } from "@/components/scroll-region";
import { type DailyUsage, MODES } from "./types";

/** Every figure of every day: the charts' text alternative, and the place to read exact numbers. */
export function UsageTable({ usage }: { usage: DailyUsage }) {
  const t = useTranslations("usage");
  const cell = "p-2 text-right tabular-nums";
  return (
    <details className="rounded-xl border border-border bg-card p-4 shadow-xs">
      <summary
        className="cursor-pointer rounded-sm font-medium outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
        data-testid="usage-table-toggle"
      >
        {t("showTable")}
      </summary>
      <p className="mt-2 text-xs text-muted-foreground">{t("creditsRule")}</p>
      <ScrollRegion label={t("showTable")} className="mt-3 rounded-md">
        <table className="w-full text-sm" data-testid="usage-table">
          <thead className="bg-muted/60 text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="p-2 text-left">
                {t("day")}
              </th>
              <th scope="col" className="p-2 text-right">
                {t("videosCreated")}
              </th>
              {MODES.map((m) => (
                <th key={m} scope="col" className="p-2 text-right">
                  {t(`modes.${m}`)}
                </th>
              ))}
              <th scope="col" className="p-2 text-right">
                {t("creditsConsumed")}
              </th>
              <th scope="col" className="p-2 text-right">
                {t("processing")}
              </th>
              <th scope="col" className="p-2 text-right">
                {t("apiCalls")}
              </th>
            </tr>
          </thead>
          <tbody>
            {usage.days.map((d) => (
              <tr key={d.date} className="border-t border-border" data-testid={`usage-row-${d.date}`}>
                <th scope="row" className="p-2 text-left font-normal">
                  {d.date}
                </th>
                <td className={cell}>{d.videosCreated}</td>
                {MODES.map((m) => (
                  <td key={m} className={cell}>
                    {d.byMode[m]}
                  </td>
                ))}
                <td className={cell}>{d.creditsConsumed}</td>
                <td className={cell}>{t("seconds", { seconds: d.processingSeconds })}</td>
                <td className={cell}>{d.apiCalls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
