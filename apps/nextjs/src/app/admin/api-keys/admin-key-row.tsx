"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { api } from "@/lib/api";
import { type AdminApiKey, shownPrefix } from "@/lib/api-keys";

export function AdminKeyRow({ apiKey, onUpdated }: { apiKey: AdminApiKey; onUpdated: (key: AdminApiKey) => void }) {
  const t = useTranslations("adminKeys");
  const [limit, setLimit] = useState(apiKey.rateLimitPerMinute?.toString() ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function patch(body: { enabled?: boolean; rateLimitPerMinute?: number | null }) {
    setBusy(true);
    setError(null);
    try {
      // The answer has no request count: the row keeps the one it was listed with.
      onUpdated({
        ...apiKey,
        ...(await api<AdminApiKey>(`/api/v1/admin/api-keys/${apiKey.id}`, { method: "PATCH", body })),
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : t("actionFailed"));
    } finally {
      setBusy(false);
    }
  }

  function saveLimit(event: FormEvent) {
    event.preventDefault();
    void patch({ rateLimitPerMinute: limit.trim() ? Number(limit) : null });
  }

  return (
    <tr data-testid="admin-api-key-row" data-key-id={apiKey.id}>
      <td className="max-w-64 truncate p-2" title={apiKey.owner.email} data-testid="admin-api-key-owner">
        {apiKey.owner.email}
      </td>
      <td className="p-2">
        <div className="font-medium">{apiKey.name}</div>
        <code className="text-xs text-muted-foreground">{shownPrefix(apiKey.prefix)}</code>
      </td>
      <td className="max-w-56 p-2 font-mono text-xs">{apiKey.scopes.join(" ")}</td>
      <td className="p-2 text-right tabular-nums">{apiKey.requests}</td>
      <td className="whitespace-nowrap p-2 text-muted-foreground">
        {apiKey.lastUsedAt ? new Date(apiKey.lastUsedAt).toLocaleString() : t("never")}
      </td>
      <td className="p-2">
        <div className="flex items-center gap-2">
          <Badge variant={apiKey.enabled ? "success" : "secondary"} data-testid="admin-api-key-state">
            {apiKey.enabled ? t("enabled") : t("disabled")}
          </Badge>
          <Button
            variant="outline"
            size="sm"
            className="h-7"
            disabled={busy}
            onClick={() => void patch({ enabled: !apiKey.enabled })}
            aria-label={`${apiKey.enabled ? t("disable") : t("enable")} ${apiKey.name} (${apiKey.owner.email})`}
            data-testid="admin-api-key-toggle"
          >
            {apiKey.enabled ? t("disable") : t("enable")}
          </Button>
        </div>
        {error && (
          <p role="alert" className="mt-1 text-xs text-destructive">
            {error}
          </p>
        )}
      </td>
      <td className="p-2">
        <form onSubmit={saveLimit} className="flex items-center gap-1">
          <Input
            type="number"
            min={1}
            max={10_000}
            step={1}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            placeholder={t("defaultLimit")}
            aria-label={`${t("rateLimit")} ${apiKey.name}`}
            className="h-7 w-24 px-2 text-xs"
            data-testid="admin-api-key-limit"
          />
          <Button
            type="submit"
            variant="outline"
            size="sm"
            className="h-7"
            disabled={busy}
            data-testid="admin-api-key-limit-save"
          >
            {t("save")}
          </Button>
        </form>
      </td>
    </tr>
  );
}
