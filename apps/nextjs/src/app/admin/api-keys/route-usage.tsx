"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ScrollRegion } from "@/components/scroll-region";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { api } from "@/lib/api";
import type { UsageGroup } from "@/lib/api-keys";

/** Every user's API requests per route over the usage API's default range (the last 30 days). */
export function RouteUsage() {
  const t = useTranslations("adminKeys");
  const [routes, setRoutes] = useState<UsageGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<UsageGroup[]>("/api/v1/admin/usage?groupBy=route")
      .then(setRoutes)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : t("loadFailed")));
  }, [t]);

  const columns = [t("route"), t("requests"), t("errors"), t("credits"), "p50", "p95"];
  return (
    <section aria-labelledby="route-usage-heading" className="flex min-w-0 flex-col gap-3">
      <h2 id="route-usage-heading" className="text-lg font-semibold">
        {t("usageTitle")}
      </h2>
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <ScrollRegion label={t("usageTable")} className="rounded-xl border bg-card shadow-xs">
        <table className="w-full text-sm" data-testid="admin-route-usage">
          <thead className="border-b bg-muted/60 text-left text-xs text-muted-foreground">
            <tr>
              {columns.map((c, i) => (
                <th key={c} scope="col" className={`p-2 font-medium ${i > 0 ? "text-right" : ""}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {routes === null ? (
              <tr>
                <td colSpan={columns.length} className="p-3 text-muted-foreground">
                  {t("loading")}
                </td>
              </tr>
            ) : routes.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="p-3 text-muted-foreground">
                  {t("noUsage")}
                </td>
              </tr>
            ) : (
              routes.map((r) => (
                <tr key={r.group} data-testid="admin-route-usage-row">
                  <td className="p-2 font-mono text-xs">{r.group}</td>
                  <td className="p-2 text-right tabular-nums">{r.requests}</td>
                  <td className={`p-2 text-right tabular-nums ${r.errors > 0 ? "text-destructive" : ""}`}>
                    {r.errors}
                  </td>
                  <td className="p-2 text-right tabular-nums">{r.credits}</td>
                  <td className="p-2 text-right tabular-nums">{t("ms", { ms: r.p50Ms })}</td>
                  <td className="p-2 text-right tabular-nums">{t("ms", { ms: r.p95Ms })}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
