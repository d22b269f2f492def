"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { api, describeError } from "@/lib/api";
import { type ApiKey, shownPrefix } from "@/lib/api-keys";
import { KeyUsageChart } from "./key-usage-chart";

const button =
  "rounded-md border px-3 py-1 text-xs focus:outline-none focus:ring-2 focus:ring-ring/40 disabled:opacity-60";

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
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${apiKey.enabled ? "bg-success/15 text-success" : "bg-muted text-foreground"}`}
          data-testid="api-key-state"
        >
          {apiKey.enabled ? t("enabled") : t("disabled")}
        </span>
        <span className="ml-auto flex flex-wrap gap-2">
          <button
            type="button"
            disabled={busy}
            onClick={() => void setEnabled(!apiKey.enabled)}
            className={`${button} border-input hover:border-primary`}
            data-testid="api-key-toggle"
          >
            {apiKey.enabled ? t("disable") : t("enable")}
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                disabled={busy}
                onClick={() => void revoke()}
                className={`${button} border-destructive bg-destructive text-white dark:text-background hover:bg-destructive/90`}
                data-testid="api-key-revoke-confirm"
              >
                {t("revokeConfirm")}
              </button>
              <button type="button" onClick={() => setConfirming(false)} className={`${button} border-input`}>
                {t("cancel")}
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => setConfirming(true)}
              className={`${button} border-destructive/40 text-destructive hover:border-destructive`}
              data-testid="api-key-revoke"
            >
              {t("revoke")}
            </button>
          )}
        </span>
      </div>
      {confirming && (
        <p role="alert" className="text-sm text-destructive">
          {t("revokeWarning")}
        </p>
      )}
      <ul className="flex flex-wrap gap-1" aria-label={t("scopes")} data-testid="api-key-scopes">
        {apiKey.scopes.map((scope) => (
          <li key={scope} className="rounded bg-primary/10 px-1.5 py-0.5 font-mono text-xs text-primary">
            {scope}
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
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </li>
  );
}
