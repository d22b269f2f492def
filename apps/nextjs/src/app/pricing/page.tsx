"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ApiError, api } from "@/lib/api";

interface Product {
  key: string;
  kind: "subscription" | "pack";
  name: string;
  creemProductId: string;
  priceCents: number;
  credits: number;
  interval: "month" | "year" | null;
  creditValidityDays: number;
  freeUsersMayBuy: boolean;
}

export default function PricingPage() {
  const t = useTranslations("pricing");
  const [catalogue, setCatalogue] = useState<{
    checkoutEnabled: boolean;
    message: string | null;
    products: Product[];
  } | null>(null);
  const [interval, setBillingInterval] = useState<"month" | "year">("month");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api<typeof catalogue>("/api/v1/config/products").then(setCatalogue);
  }, []);

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

  if (!catalogue) return <p className="text-muted-foreground">{t("loading")}</p>;
  const plans = catalogue.products.filter((p) => p.kind === "subscription" && p.interval === interval);
  const packs = catalogue.products.filter((p) => p.kind === "pack");
  const card = (p: Product) => (
    <div key={p.key} className="flex flex-col gap-2 rounded-xl border border-border bg-card p-5 shadow-sm">
      <h3 className="text-lg font-semibold">{p.name}</h3>
      <p className="text-3xl font-bold">
        ${(p.priceCents / 100).toFixed(2)}
        {p.interval && (
          <span className="text-base font-normal text-muted-foreground">
            {t("perInterval", { interval: p.interval })}
          </span>
        )}
      </p>
      <p>{t("credits", { credits: p.credits, recurring: p.interval ? "yes" : "no", days: p.creditValidityDays })}</p>
      {!p.freeUsersMayBuy && <p className="text-sm text-muted-foreground">{t("subscribersOnly")}</p>}
      <button
        type="button"
        disabled={!catalogue.checkoutEnabled}
        onClick={() => void buy(p)}
        className="mt-auto rounded-md bg-primary px-4 py-2 font-medium text-primary-foreground hover:bg-primary/90 disabled:opacity-50"
      >
        {t("buy")}
      </button>
    </div>
  );
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {catalogue.message && (
        <p role="status" className="rounded-md bg-warning/15 px-3 py-2 text-sm text-warning">
          {catalogue.message}
        </p>
      )}
      {error && <p className="text-sm text-destructive">{error}</p>}
      <div className="flex gap-2">
        {(["month", "year"] as const).map((i) => (
          <button
            key={i}
            type="button"
            onClick={() => setBillingInterval(i)}
            className={`rounded-md border px-3 py-1 text-sm ${interval === i ? "border-primary bg-primary/10" : "border-input"}`}
          >
            {i === "month" ? t("monthly") : t("yearly")}
          </button>
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">{plans.map(card)}</div>
      <h2 className="text-lg font-semibold">{t("packs")}</h2>
      <div className="grid gap-4 sm:grid-cols-2">{packs.map(card)}</div>
    </div>
  );
}
