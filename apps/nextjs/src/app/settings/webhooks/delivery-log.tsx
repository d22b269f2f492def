"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api";
import type { WebhookDelivery, WebhookDeliveryPage } from "@/lib/webhooks";

const REFRESH_MS = 1500;

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
      <p role="alert" className="text-sm text-destructive">
        {error}
      </p>
    );
  if (deliveries === null) return <p className="text-sm text-muted-foreground">{t("loading")}</p>;
  if (deliveries.length === 0) return <p className="text-sm text-muted-foreground">{t("noDeliveries")}</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="webhook-deliveries">
      {deliveries.map((d) => (
        <li key={d.id} className="rounded-md border border-border p-2 text-sm" data-testid="webhook-delivery">
          <div className="flex flex-wrap items-center gap-3">
            <span className="font-mono text-xs">{d.eventType}</span>
            <span data-testid="webhook-delivery-status">{t(`status.${d.status}`)}</span>
            <span className="text-xs text-muted-foreground">{t("attempts", { count: d.attempts })}</span>
            <span className="text-xs text-muted-foreground">{new Date(d.createdAt).toLocaleString()}</span>
            <button
              type="button"
              onClick={() => void retry(d.id)}
              className="ml-auto rounded-md border border-input px-2 py-0.5 text-xs hover:bg-muted"
              data-testid="webhook-delivery-retry"
            >
              {t("retry")}
            </button>
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
