"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ApiError, api } from "@/lib/api";

interface Billing {
  plan: { name: string; interval: string | null; creditsPerPeriod: number } | null;
  subscription: { status: string; active: boolean; currentPeriodEnd: string | null; cancelAtPeriodEnd: boolean } | null;
  purchases: {
    packageId: string;
    credits: number;
    remainingCredits: number;
    purchasedAt: string;
    expiresAt: string | null;
  }[];
}

export default function BillingPage() {
  const t = useTranslations("billing");
  const [billing, setBilling] = useState<Billing | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<Billing>("/api/v1/user/billing")
      .then(setBilling)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : t("loadFailed")));
  }, [t]);

  async function manage() {
    const res = await fetch("/api/auth/creem/create-portal", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const body = (await res.json().catch(() => null)) as { url?: string; message?: string } | null;
    if (res.ok && body?.url) window.location.href = body.url;
    else setError(body?.message ?? t("portalUnavailable"));
  }

  if (error && !billing) return <p className="text-destructive">{error}</p>;
  if (!billing) return <p className="text-muted-foreground">{t("loading")}</p>;
  const s = billing.subscription;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <section className="rounded-xl border border-border bg-card p-5 shadow-sm">
        {billing.plan && s ? (
          <div className="flex flex-col gap-1">
            <p className="text-lg font-semibold">{billing.plan.name}</p>
            <p>
              {t("plan", {
                credits: billing.plan.creditsPerPeriod,
                interval: billing.plan.interval ?? "",
                status: s.status,
              })}
            </p>
            {s.currentPeriodEnd && (
              <p className="text-muted-foreground">
                {t(s.cancelAtPeriodEnd ? "ends" : "renews", {
                  date: new Date(s.currentPeriodEnd).toLocaleDateString(),
                })}
              </p>
            )}
          </div>
        ) : (
          <p>
            {t.rich("noPlan", {
              link: (chunks) => (
                <Link href="/pricing" className="text-primary underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
        <button
          type="button"
          onClick={() => void manage()}
          className="mt-4 rounded-md border border-input px-3 py-1.5 text-sm"
        >
          {t("manage")}
        </button>
        {error && <p className="mt-2 text-sm text-destructive">{error}</p>}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("purchases")}</h2>
        {billing.purchases.length === 0 ? (
          <p className="text-muted-foreground">{t("noPurchases")}</p>
        ) : (
          <ul className="divide-y divide-border rounded-xl bg-card text-sm shadow-sm">
            {billing.purchases.map((p) => (
              <li key={p.packageId} className="flex justify-between p-2">
                <span>{new Date(p.purchasedAt).toLocaleDateString()}</span>
                <span>{t("purchaseCredits", { remaining: p.remainingCredits, credits: p.credits })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
