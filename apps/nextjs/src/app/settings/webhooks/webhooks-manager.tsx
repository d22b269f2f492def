"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CardList } from "@/components/card-list";
import { useApiData } from "@/hooks/use-api-data";
import type { WebhookEndpoint, WebhookEndpointWithSecret } from "@/lib/webhooks";
import { CreateWebhookForm } from "./create-webhook-form";
import { EndpointCard } from "./endpoint-card";
import { SecretDialog } from "./secret-dialog";

export function WebhooksManager({ events }: { events: string[] }) {
  const t = useTranslations("webhooks");
  const { data: endpoints, error, reload: load } = useApiData<WebhookEndpoint[]>("/api/v1/webhooks", t("loadFailed"));
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);

  const showSecret = (endpoint: WebhookEndpointWithSecret) => {
    setSecret(endpoint);
    void load();
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </div>

      <CreateWebhookForm events={events} onCreated={showSecret} />

      <CardList
        heading={t("yourEndpoints")}
        items={endpoints}
        card={(endpoint) => (
          <EndpointCard key={endpoint.id} endpoint={endpoint} onChanged={() => void load()} onRotated={showSecret} />
        )}
        loadingText={t("loading")}
        emptyText={t("empty")}
        error={error}
        testId="webhook-endpoints"
      />

      {secret && <SecretDialog endpoint={secret} onClose={() => setSecret(null)} />}
    </div>
  );
}
