"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api, describeError } from "@/lib/api";
import { type ApiKey, shownPrefix } from "@/lib/api-keys";
import { KeyUsageChart } from "./key-usage-chart";

export function KeyCard({ apiKey, onChanged }: { apiKey: ApiKey; onChanged: () => void }) {
  const t = useTranslations("apiKeys");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string | null, none: string) => (iso ? new Date(iso).toLocaleString() : none);

  async function run(request: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await request();
      onChanged();
    } catch (e) {
      setError(describeError(e, t("actionFailed")));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  const setEnabled = (enabled: boolean) =>
    run(() => api(`/api/v1/api-keys/${apiKey.id}`, { method: "PATCH", body: { enabled } }));
  const revoke = () => run(() => api(`/api/v1/api-keys/${apiKey.id}`, { method: "DELETE" }));

  return (
    <li
      className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4 shadow-sm"
      data-testid="api-key"
      data-key-id={apiKey.id}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium" data-testid="api-key-name">
          {apiKey.name}
        </h3>
        <code className="rounded bg-muted px-1.5 py-0.5 text-xs" data-testid="api-key-prefix">
          {shownPrefix(apiKey.prefix)}
        </code>
        <Badge variant={apiKey.enabled ? "success" : "secondary"} data-testid="api-key-state">
          {apiKey.enabled ? t("enabled") : t("disabled")}
        </Badge>
        <span className="ml-auto flex flex-wrap gap-2">
          <Button
            variant="outline"
            size="sm"
            disabled={busy}
            onClick={() => void setEnabled(!apiKey.enabled)}
            data-testid="api-key-toggle"
          >
            {apiKey.enabled ? t("disable") : t("enable")}
          </Button>
          {confirming ? (
            <>
              <Button
                variant="destructive"
                size="sm"
                disabled={busy}
                onClick={() => void revoke()}
                data-testid="api-key-revoke-confirm"
              >
                {t("revokeConfirm")}
              </Button>
              <Button variant="outline" size="sm" onClick={() => setConfirming(false)}>
                {t("cancel")}
              </Button>
            </>
          ) : (
            <Button
              variant="outline"
              size="sm"
              onClick={() => setConfirming(true)}
              className="border-destructive/40 text-destructive hover:bg-destructive/10"
              data-testid="api-key-revoke"
            >
              {t("revoke")}
            </Button>
          )}
        </span>
      </div>
      {confirming && (
        <Alert variant="destructive">
          <AlertDescription>{t("revokeWarning")}</AlertDescription>
        </Alert>
      )}
      <ul className="flex flex-wrap gap-1" aria-label={t("scopes")} data-testid="api-key-scopes">
        {apiKey.scopes.map((scope) => (
          <li key={scope}>
            <Badge variant="info" className="font-mono">
              {scope}
            </Badge>
          </li>
        ))}
      </ul>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-3 lg:grid-cols-6">
        {(
          [
            [t("created"), date(apiKey.createdAt, ""), "created"],
            [t("lastUsed"), date(apiKey.lastUsedAt, t("neverUsed")), "last-used"],
            [t("requests"), String(apiKey.requests), "requests"],
            [t("expires"), date(apiKey.expiresAt, t("never")), "expires"],
            [t("rateLimit"), apiKey.rateLimitPerMinute ?? t("defaultLimit"), "rate-limit"],
            [t("allowedIps"), apiKey.allowedIps?.join(", ") ?? t("anyAddress"), "ips"],
          ] as const
        ).map(([label, value, id]) => (
          <div key={id} className="flex flex-col">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="truncate" data-testid={`api-key-${id}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <KeyUsageChart keyId={apiKey.id} />
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
    </li>
  );
}
