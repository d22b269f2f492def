"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { api, describeError } from "@/lib/api";

interface CreditAlerts {
  lowBalanceThreshold: number;
}

/** The budget alert: the threshold below which credits.low (webhook and email) is sent. */
export function AlertForm() {
  const t = useTranslations("usage.alert");
  const [value, setValue] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api<CreditAlerts>("/api/v1/credit/alerts")
      .then((a) => setValue(String(a.lowBalanceThreshold)))
      .catch((e: unknown) => setStatus({ ok: false, text: describeError(e, t("failed")) }));
  }, [t]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      const saved = await api<CreditAlerts>("/api/v1/credit/alerts", {
        method: "PATCH",
        body: { lowBalanceThreshold: Number(value) },
      });
      setValue(String(saved.lowBalanceThreshold));
      const threshold = saved.lowBalanceThreshold;
      setStatus({ ok: true, text: threshold > 0 ? t("saved", { threshold }) : t("off") });
    } catch (e) {
      setStatus({ ok: false, text: describeError(e, t("failed")) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <SectionCard id="usage-alert-title" title={t("title")}>
      <form onSubmit={save} className="flex flex-wrap items-center gap-2 text-sm">
        <Label htmlFor="usage-alert-threshold">{t("label")}</Label>
        <Input
          id="usage-alert-threshold"
          type="number"
          min={0}
          max={1_000_000}
          step={1}
          required
          value={value ?? ""}
          disabled={value === null}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby="usage-alert-help"
          className="w-28"
          data-testid="usage-alert-threshold"
        />
        <span>{t("unit")}</span>
        <Button type="submit" disabled={saving || value === null} data-testid="usage-alert-save">
          {saving ? t("saving") : t("save")}
        </Button>
      </form>
      <p id="usage-alert-help" className="mt-2 text-xs text-muted-foreground">
        {t("help")}
      </p>
      <p
        role="status"
        aria-live="polite"
        className={`mt-1 min-h-5 text-sm ${status?.ok === false ? "text-destructive" : "text-success"}`}
        data-testid="usage-alert-status"
      >
        {status?.text ?? ""}
      </p>
    </SectionCard>
  );
}
