"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { CheckboxGroup } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api, describeError } from "@/lib/api";
import type { WebhookEndpointWithSecret } from "@/lib/webhooks";

export function CreateWebhookForm(props: {
  events: string[];
  onCreated: (endpoint: WebhookEndpointWithSecret) => void;
}) {
  const t = useTranslations("webhooks");
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.size === 0) {
      setError(t("chooseEvent"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await api<WebhookEndpointWithSecret>("/api/v1/webhooks", {
        method: "POST",
        body: {
          url: url.trim(),
          events: props.events.filter((e) => chosen.has(e)),
          ...(description.trim() ? { description: description.trim() } : {}),
        },
      });
      setUrl("");
      setDescription("");
      setChosen(new Set());
      props.onCreated(created);
    } catch (e) {
      setError(describeError(e, t("createFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SectionCard id="create-webhook-heading" title={t("createTitle")}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
        <Label className="flex-col items-stretch gap-1.5">
          <span>{t("url")}</span>
          <Input
            required
            type="url"
            maxLength={2048}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://example.com/webhooks/videofly"
            data-testid="webhook-url"
          />
        </Label>
        <Label className="flex-col items-stretch gap-1.5">
          <span>{t("description")}</span>
          <Input
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="webhook-description"
          />
        </Label>
        <CheckboxGroup
          legend={t("events")}
          options={props.events.map((event) => ({
            value: event,
            description: t(`event.${event.replace(".", "_")}`),
          }))}
          chosen={chosen}
          onChange={setChosen}
          testIdPrefix="event-"
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy} data-testid="webhook-create">
            {busy ? t("creating") : t("create")}
          </Button>
          {error && (
            <p role="alert" className="text-sm text-destructive" data-testid="webhook-create-error">
              {error}
            </p>
          )}
        </div>
      </form>
    </SectionCard>
  );
}
