"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { api, describeError } from "@/lib/api";
import type { WebhookEndpoint, WebhookEndpointWithSecret } from "@/lib/webhooks";
import { DeliveryLog } from "./delivery-log";

export function EndpointCard(props: {
  endpoint: WebhookEndpoint;
  onChanged: () => void;
  onRotated: (endpoint: WebhookEndpointWithSecret) => void;
}) {
  const t = useTranslations("webhooks");
  const { endpoint } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [showLog, setShowLog] = useState(false);
  const [logVersion, setLogVersion] = useState(0);
  const base = `/api/v1/webhooks/${endpoint.id}`;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      setError(describeError(e, t("actionFailed")));
    } finally {
      setBusy(false);
    }
  }

  const test = () =>
    run(async () => {
      await api(`${base}/test`, { method: "POST" });
      setNotice(t("testSent"));
      setShowLog(true);
      setLogVersion((v) => v + 1);
    });
  const rotate = () =>
    run(async () => props.onRotated(await api<WebhookEndpointWithSecret>(`${base}/rotate-secret`, { method: "POST" })));
  const toggle = () =>
    run(async () => {
      await api(base, { method: "PATCH", body: { enabled: !endpoint.enabled } });
      props.onChanged();
    });
  const remove = () =>
    run(async () => {
      await api(base, { method: "DELETE" });
      props.onChanged();
    });

  return (
    <li
      className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4 shadow-sm"
      data-testid="webhook-endpoint"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1">
          <span className="break-all font-mono text-sm" data-testid="webhook-endpoint-url">
            {endpoint.url}
          </span>
          {endpoint.description && <span className="text-sm text-muted-foreground">{endpoint.description}</span>}
          <span className="text-xs text-muted-foreground">{endpoint.events.join(", ")}</span>
        </div>
        <Badge variant={endpoint.enabled ? "success" : "secondary"} data-testid="webhook-endpoint-state">
          {endpoint.enabled ? t("enabled") : t(`disabledBecause.${endpoint.disabledReason ?? "manual"}`)}
        </Badge>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="outline"
          size="sm"
          disabled={busy || !endpoint.enabled}
          onClick={() => void test()}
          data-testid="webhook-test"
        >
          {t("sendTest")}
        </Button>
        <Button variant="outline" size="sm" disabled={busy} onClick={() => void rotate()} data-testid="webhook-rotate">
          {t("rotate")}
        </Button>
        <Button variant="outline" size="sm" disabled={busy} onClick={() => void toggle()} data-testid="webhook-toggle">
          {endpoint.enabled ? t("disable") : t("enable")}
        </Button>
        <Button variant="outline" size="sm" onClick={() => setShowLog((s) => !s)} data-testid="webhook-show-log">
          {showLog ? t("hideLog") : t("showLog")}
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={busy}
          onClick={() => void remove()}
          className="text-destructive hover:bg-destructive/10"
          data-testid="webhook-delete"
        >
          {t("delete")}
        </Button>
        <span role="status" aria-live="polite" className="text-sm text-success">
          {notice}
        </span>
      </div>
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {showLog && <DeliveryLog endpointId={endpoint.id} version={logVersion} />}
    </li>
  );
}
