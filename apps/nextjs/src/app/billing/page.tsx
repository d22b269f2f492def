"use client";

import Link from "next/link";
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
  const [billing, setBilling] = useState<Billing | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<Billing>("/api/v1/user/billing")
      .then(setBilling)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : "Could not load billing."));
  }, []);

  async function manage() {
    const res = await fetch("/api/auth/creem/create-portal", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const body = (await res.json().catch(() => null)) as { url?: string; message?: string } | null;
    if (res.ok && body?.url) window.location.href = body.url;
    else setError(body?.message ?? "The billing portal is not available.");
  }

  if (error && !billing) return <p className="text-red-700">{error}</p>;
  if (!billing) return <p className="text-slate-500">Loading…</p>;
  const s = billing.subscription;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Billing</h1>
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        {billing.plan && s ? (
          <div className="flex flex-col gap-1">
            <p className="text-lg font-semibold">{billing.plan.name}</p>
            <p>
              {billing.plan.creditsPerPeriod} credits every {billing.plan.interval} · status {s.status}
            </p>
            {s.currentPeriodEnd && (
              <p className="text-slate-600">
                {s.cancelAtPeriodEnd ? "Ends" : "Renews"} on {new Date(s.currentPeriodEnd).toLocaleDateString()}
              </p>
            )}
          </div>
        ) : (
          <p>
            No plan yet.{" "}
            <Link href="/pricing" className="text-indigo-600">
              See plans
            </Link>
          </p>
        )}
        <button
          type="button"
          onClick={() => void manage()}
          className="mt-4 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        >
          Manage billing
        </button>
        {error && <p className="mt-2 text-sm text-red-700">{error}</p>}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Purchases</h2>
        {billing.purchases.length === 0 ? (
          <p className="text-slate-500">No purchases yet.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl bg-white text-sm shadow-sm">
            {billing.purchases.map((p) => (
              <li key={p.packageId} className="flex justify-between p-2">
                <span>{new Date(p.purchasedAt).toLocaleDateString()}</span>
                <span>
                  {p.remainingCredits} / {p.credits} credits
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
