"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { CheckboxGroup } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api, describeError } from "@/lib/api";
import type { CreatedApiKey } from "@/lib/api-keys";

/** "1.2.3.4, 10.0.0.0/8" or one per line: the list the API takes. */
const parseIps = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function CreateKeyForm({ scopes, onCreated }: { scopes: string[]; onCreated: (key: CreatedApiKey) => void }) {
  const t = useTranslations("apiKeys");
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [expiresInDays, setExpiresInDays] = useState("");
  const [rateLimit, setRateLimit] = useState("");
  const [ips, setIps] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ipsHint = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.size === 0) {
      setError(t("chooseScope"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const allowedIps = parseIps(ips);
      const key = await api<CreatedApiKey>("/api/v1/api-keys", {
        method: "POST",
        body: {
          name: name.trim(),
          scopes: scopes.filter((s) => chosen.has(s)),
          ...(expiresInDays ? { expiresInDays: Number(expiresInDays) } : {}),
          ...(rateLimit ? { rateLimitPerMinute: Number(rateLimit) } : {}),
          ...(allowedIps.length ? { allowedIps } : {}),
        },
      });
      setName("");
      setChosen(new Set());
      setExpiresInDays("");
      setRateLimit("");
      setIps("");
      onCreated(key);
    } catch (e) {
      setError(describeError(e, t("createFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SectionCard id="create-key-heading" title={t("createTitle")}>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-4">
        <Label className="flex-col items-stretch gap-1.5">
          <span>{t("name")}</span>
          <Input
            required
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t("namePlaceholder")}
            data-testid="key-name"
          />
        </Label>
        <CheckboxGroup
          legend={t("scopes")}
          options={scopes.map((scope) => ({ value: scope, description: t(`scope.${scope.replace(":", "_")}`) }))}
          chosen={chosen}
          onChange={setChosen}
          testIdPrefix="scope-"
        />
        <div className="grid gap-3 sm:grid-cols-3">
          <NumberField
            label={t("expiresInDays")}
            max={365}
            value={expiresInDays}
            onChange={setExpiresInDays}
            placeholder={t("never")}
            testId="key-expiry"
          />
          <NumberField
            label={t("rateLimit")}
            max={10_000}
            value={rateLimit}
            onChange={setRateLimit}
            placeholder={t("defaultLimit")}
            testId="key-rate-limit"
          />
          <Label className="flex-col items-stretch gap-1.5">
            <span>{t("allowedIps")}</span>
            <Input
              value={ips}
              onChange={(e) => setIps(e.target.value)}
              placeholder="203.0.113.7, 10.0.0.0/8"
              aria-describedby={ipsHint}
              data-testid="key-ips"
            />
            <span id={ipsHint} className="text-xs font-normal text-muted-foreground">
              {t("allowedIpsHint")}
            </span>
          </Label>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={busy} data-testid="key-create">
            {busy ? t("creating") : t("create")}
          </Button>
          {error && (
            <p role="alert" className="text-sm text-destructive" data-testid="key-create-error">
              {error}
            </p>
          )}
        </div>
      </form>
    </SectionCard>
  );
}

function NumberField(props: {
  label: string;
  max: number;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  testId: string;
}) {
  return (
    <Label className="flex-col items-stretch gap-1.5">
      <span>{props.label}</span>
      <Input
        type="number"
        min={1}
        max={props.max}
        step={1}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        data-testid={props.testId}
      />
    </Label>
  );
}
