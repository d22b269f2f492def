"use client";

import { ExternalLinkIcon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
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

  if (error && !billing)
    return (
      <Alert variant="destructive">
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    );
  if (!billing) return <Skeleton role="status" aria-label={t("loading")} className="h-40 rounded-xl" />;
  const s = billing.subscription;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <Card>
        <CardContent>
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
                  <Link href="/pricing" className="text-primary underline underline-offset-4 hover:no-underline">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          )}
        </CardContent>
        <CardFooter className="flex-col items-start gap-3">
          <Button variant="outline" onClick={() => void manage()}>
            <ExternalLinkIcon aria-hidden />
            {t("manage")}
          </Button>
          {error && (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          )}
        </CardFooter>
      </Card>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("purchases")}</h2>
        {billing.purchases.length === 0 ? (
          <p className="text-muted-foreground">{t("noPurchases")}</p>
        ) : (
          <ul className="divide-y divide-border rounded-xl border bg-card text-sm shadow-xs">
            {billing.purchases.map((p) => (
              <li key={p.packageId} className="flex justify-between p-3">
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
