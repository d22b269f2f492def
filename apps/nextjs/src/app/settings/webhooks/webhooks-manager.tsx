"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api";
import type { WebhookEndpoint, WebhookEndpointWithSecret } from "@/lib/webhooks";
import { CreateWebhookForm } from "./create-webhook-form";
import { EndpointCard } from "./endpoint-card";
import { SecretDialog } from "./secret-dialog";

export function WebhooksManager({ events }: { events: string[] }) {
  const t = useTranslations("webhooks");
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);

  const load = useCallback(async () => {
    try {
      setEndpoints(await api<WebhookEndpoint[]>("/api/v1/webhooks"));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : t("loadFailed"));
    }
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  const showSecret = (endpoint: WebhookEndpointWithSecret) => {
    setSecret(endpoint);
    void load();
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>

      <CreateWebhookForm events={events} onCreated={showSecret} />

      <section aria-labelledby="endpoints-heading" className="flex flex-col gap-3">
        <h2 id="endpoints-heading" className="text-lg font-semibold">
          {t("yourEndpoints")}
        </h2>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        {endpoints === null ? (
          <p className="text-sm text-slate-500">{t("loading")}</p>
        ) : endpoints.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
            {t("empty")}
          </p>
        ) : (
          <ul className="flex flex-col gap-3" data-testid="webhook-endpoints">
            {endpoints.map((endpoint) => (
              <EndpointCard
                key={endpoint.id}
                endpoint={endpoint}
                onChanged={() => void load()}
                onRotated={showSecret}
              />
            ))}
          </ul>
        )}
      </section>

      {secret && <SecretDialog endpoint={secret} onClose={() => setSecret(null)} />}
    </div>
  );
}
