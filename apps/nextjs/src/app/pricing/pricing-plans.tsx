"use client";

import type { Product } from "@videofly/common";
import { Check, Coins } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader } from "@/components/ui/card";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import { ApiError } from "@/lib/api";

export interface Catalogue {
  checkoutEnabled: boolean;
  message: string | null;
  products: Product[];
}

/** Plans (monthly or yearly) and packs side by side as cards, each with its checkout button. */
export function PricingPlans({ catalogue }: { catalogue: Catalogue }) {
  const t = useTranslations("pricing");
  const [interval, setBillingInterval] = useState<"month" | "year">("month");
  const [error, setError] = useState<string | null>(null);

  async function buy(product: Product) {
    setError(null);
    const res = await fetch("/api/auth/creem/create-checkout", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ productId: product.creemProductId }),
    });
    if (res.status === 401) {
      window.location.href = "/sign-in";
      return;
    }
    const body = (await res.json().catch(() => null)) as { url?: string; message?: string } | null;
    if (res.ok && body?.url) window.location.href = body.url;
    else setError(body?.message ?? new ApiError(res.status, "E5000", t("checkoutFailed")).message);
  }

  const plans = catalogue.products.filter((p) => p.kind === "subscription" && p.interval === interval);
  const packs = catalogue.products.filter((p) => p.kind === "pack");
  const card = (p: Product, highlight: boolean) => (
    <PlanCard key={p.key} product={p} highlight={highlight} enabled={catalogue.checkoutEnabled} onBuy={buy} />
  );

  return (
    <section aria-labelledby="plans-heading" className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="plans-heading" className="text-2xl font-semibold tracking-tight">
          {t("plans")}
        </h2>
        <ToggleGroup
          type="single"
          value={interval}
          onValueChange={(v) => v && setBillingInterval(v as "month" | "year")}
          aria-label={t("billingPeriod")}
        >
          <ToggleGroupItem value="month">{t("monthly")}</ToggleGroupItem>
          <ToggleGroupItem value="year">{t("yearly")}</ToggleGroupItem>
        </ToggleGroup>
      </div>
      {!catalogue.checkoutEnabled && (
        <Alert role="status" variant="warning">
          <AlertDescription>{t("checkoutDisabled")}</AlertDescription>
        </Alert>
      )}
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">{plans.map((p, i) => card(p, i === plans.length - 1))}</div>
      <h2 className="text-xl font-semibold tracking-tight">{t("packs")}</h2>
      <div className="grid gap-4 md:grid-cols-2">{packs.map((p) => card(p, false))}</div>
    </section>
  );
}

/** One plan or pack: its price, its credits and what a credit costs, and its checkout button. */
function PlanCard({
  product: p,
  highlight,
  enabled,
  onBuy,
}: {
  product: Product;
  highlight: boolean;
  enabled: boolean;
  onBuy: (p: Product) => Promise<void>;
}) {
  const t = useTranslations("pricing");
  return (
    <Card className={highlight ? "border-primary shadow-md ring-1 ring-primary/30" : undefined}>
      <CardHeader>
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-lg font-semibold">{p.name}</h3>
          {highlight && <Badge>{t("popular")}</Badge>}
        </div>
        <CardDescription>
          {p.kind === "pack" ? t("packNote", { days: p.creditValidityDays }) : t("planNote")}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-4xl font-bold tracking-tight">
          ${(p.priceCents / 100).toFixed(2)}
          {p.interval && (
            <span className="text-base font-normal text-muted-foreground">
              {t("perInterval", { interval: p.interval })}
            </span>
          )}
        </p>
        <ul className="flex flex-col gap-2 text-sm">
          <li className="flex items-center gap-2">
            <Coins className="size-4 text-primary" aria-hidden="true" />
            {t("credits", { credits: p.credits, recurring: p.interval ? "yes" : "no", days: p.creditValidityDays })}
          </li>
          <li className="flex items-center gap-2">
            <Check className="size-4 text-success" aria-hidden="true" />
            {t("perCredit", { cents: Math.round((p.priceCents / p.credits) * 10) / 10 })}
          </li>
        </ul>
        {!p.freeUsersMayBuy && <Badge variant="secondary">{t("subscribersOnly")}</Badge>}
      </CardContent>
      <CardFooter className="mt-auto">
        <Button
          className="w-full"
          variant={highlight ? "default" : "outline"}
          disabled={!enabled}
          onClick={() => void onBuy(p)}
        >
          {t("buy")}
        </Button>
      </CardFooter>
    </Card>
  );
}
