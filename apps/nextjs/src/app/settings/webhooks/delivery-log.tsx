"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/api";
import type { WebhookDelivery, WebhookDeliveryPage } from "@/lib/webhooks";

const REFRESH_MS = 1500;

const STATUS_BADGE: Record<string, "success" | "warning" | "destructive" | "secondary"> = {
  SUCCEEDED: "success",
  PENDING: "warning",
  FAILED: "destructive",
};

/** An endpoint's recent deliveries with every attempt; it refreshes itself while one is pending. */
export function DeliveryLog({ endpointId, version }: { endpointId: string; version: number }) {
  const t = useTranslations("webhooks");
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/v1/webhooks/${endpointId}`;

  const load = useCallback(async () => {
    try {
      setDeliveries((await api<WebhookDeliveryPage>(`${base}/deliveries?limit=20`)).items);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : t("loadFailed"));
    }
  }, [base, t]);

  // `version` changes when the card sends a test: load again at once.
  useEffect(() => {
    void version;
    void load();
  }, [load, version]);

  const pending = deliveries?.some((d) => d.status === "PENDING") ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, load]);

  async function retry(id: string) {
    try {
      await api(`${base}/deliveries/${id}/retry`, { method: "POST" });
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : t("actionFailed"));
    }
  }

  if (error)
    return (
      <Alert variant="destructive">
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    );
  if (deliveries === null)
    return (
      <div className="flex flex-col gap-2" role="status" aria-label={t("loading")}>
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
      </div>
    );
  if (deliveries.length === 0) return <p className="text-sm text-muted-foreground">{t("noDeliveries")}</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="webhook-deliveries">
      {deliveries.map((d) => (
        <li
          key={d.id}
          className="rounded-md border border-border bg-muted/30 p-3 text-sm"
          data-testid="webhook-delivery"
        >
          <div className="flex flex-wrap items-center gap-3">
            <span className="font-mono text-xs">{d.eventType}</span>
            <Badge variant={STATUS_BADGE[d.status] ?? "secondary"} data-testid="webhook-delivery-status">
              {t(`status.${d.status}`)}
            </Badge>
            <span className="text-xs text-muted-foreground">{t("attempts", { count: d.attempts })}</span>
            <span className="text-xs text-muted-foreground">{new Date(d.createdAt).toLocaleString()}</span>
            <Button
              variant="outline"
              size="sm"
              onClick={() => void retry(d.id)}
              className="ml-auto h-7"
              data-testid="webhook-delivery-retry"
            >
              {t("retry")}
            </Button>
          </div>
          {d.attemptLog.length > 0 && (
            <table className="mt-2 w-full text-left text-xs">
              <thead className="text-muted-foreground">
                <tr>
                  <th className="pr-2 font-normal">#</th>
                  <th className="pr-2 font-normal">{t("statusCode")}</th>
                  <th className="pr-2 font-normal">{t("duration")}</th>
                  <th className="font-normal">{t("response")}</th>
                </tr>
              </thead>
              <tbody>
                {d.attemptLog.map((a) => (
                  <tr key={a.attempt} className="align-top" data-testid="webhook-attempt">
                    <td className="pr-2">{a.attempt}</td>
                    <td className="pr-2 font-mono">{a.statusCode ?? "—"}</td>
                    <td className="pr-2">{t("ms", { ms: a.durationMs })}</td>
                    <td>
                      <pre className="max-h-24 overflow-auto whitespace-pre-wrap break-all font-mono">
                        {a.error ?? a.responseBody ?? ""}
                      </pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ul>
  );
}
