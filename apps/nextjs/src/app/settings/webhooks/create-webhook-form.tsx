"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { api, describeError } from "@/lib/api";
import type { WebhookEndpointWithSecret } from "@/lib/webhooks";
import { EventChoice } from "./event-choice";

const input =
  "w-full rounded-md border border-input px-3 py-1.5 text-sm focus:border-primary focus:outline-none focus:ring-2 focus:ring-ring/40";

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
    <section aria-labelledby="create-webhook-heading" className="rounded-xl border border-border bg-card p-4 shadow-sm">
      <h2 id="create-webhook-heading" className="mb-3 text-lg font-semibold">
        {t("createTitle")}
      </h2>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
        <label className="flex flex-col gap-1 text-sm">
          <span>{t("url")}</span>
          <input
            required
            type="url"
            maxLength={2048}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://example.com/webhooks/videofly"
            className={input}
            data-testid="webhook-url"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>{t("description")}</span>
          <input
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            className={input}
            data-testid="webhook-description"
          />
        </label>
        <EventChoice events={props.events} chosen={chosen} onChange={setChosen} />
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={busy}
            className="rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground hover:bg-primary/90 focus:outline-none focus:ring-2 focus:ring-ring/40 disabled:opacity-60"
            data-testid="webhook-create"
          >
            {busy ? t("creating") : t("create")}
          </button>
          {error && (
            <p role="alert" className="text-sm text-destructive" data-testid="webhook-create-error">
              {error}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
