"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { ScrollRegion } from "@/components/scroll-region";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { api } from "@/lib/api";

interface Balance {
  available: number;
  frozen: number;
  debt: number;
  expiringSoon: { credits: number; withinDays: number };
}
interface Pkg {
  id: string;
  source: string;
  initialCredits: number;
  remainingCredits: number;
  frozenCredits: number;
  expiresAt: string | null;
}
interface Entry {
  id: string;
  type: string;
  amount: number;
  availableAfter: number;
  reason: string | null;
  createdAt: string;
}

const SOON_MS = 7 * 86_400_000;

export default function CreditsPage() {
  const t = useTranslations("credits");
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString() : t("never"));
  const [balance, setBalance] = useState<Balance | null>(null);
  const [packages, setPackages] = useState<Pkg[]>([]);
  const [history, setHistory] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);

  const more = useCallback(async (after: string | null) => {
    const page = await api<{ items: Entry[]; nextCursor: string | null }>(
      `/api/v1/credit/history?limit=20${after ? `&cursor=${after}` : ""}`,
    );
    setHistory((h) => (after ? [...h, ...page.items] : page.items));
    setCursor(page.nextCursor);
  }, []);

  useEffect(() => {
    void api<Balance>("/api/v1/credit/balance").then(setBalance);
    void api<{ items: Pkg[] }>("/api/v1/credit/packages?limit=100").then((p) => setPackages(p.items));
    void more(null);
  }, [more]);

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          [t("available"), balance?.available, "available"],
          [t("frozen"), balance?.frozen, "frozen"],
          [t("debt"), balance?.debt, "debt"],
          [t("expiring", { days: balance?.expiringSoon.withinDays ?? 7 }), balance?.expiringSoon.credits, "expiring"],
        ].map(([label, value, id]) => (
          <Card key={String(id)} className="gap-1 px-4 py-4">
            <dt className="text-sm text-muted-foreground">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`balance-${id}`}>
              {value ?? "…"}
            </dd>
          </Card>
        ))}
      </dl>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("packages")}</h2>
        <ScrollRegion label={t("packages")} className="rounded-xl border bg-card shadow-xs">
          <table className="w-full text-sm">
            <thead className="border-b bg-muted/60 text-left text-xs text-muted-foreground">
              <tr>
                <th scope="col" className="p-2 font-medium">
                  {t("source")}
                </th>
                <th scope="col" className="p-2 font-medium">
                  {t("remaining")}
                </th>
                <th scope="col" className="p-2 font-medium">
                  {t("frozen")}
                </th>
                <th scope="col" className="p-2 font-medium">
                  {t("expires")}
                </th>
              </tr>
            </thead>
            <tbody>
              {packages.map((p) => {
                const soon = p.expiresAt !== null && new Date(p.expiresAt).getTime() - Date.now() < SOON_MS;
                return (
                  <tr key={p.id} className={`border-t border-border ${soon ? "bg-warning/10" : ""}`}>
                    <td className="p-2">{p.source}</td>
                    <td className="p-2">
                      {p.remainingCredits} / {p.initialCredits}
                    </td>
                    <td className="p-2">{p.frozenCredits}</td>
                    <td className="p-2">
                      {date(p.expiresAt)}
                      {soon && (
                        <Badge variant="warning" className="ml-2">
                          {t("soon")}
                        </Badge>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("history")}</h2>
        <ul className="divide-y divide-border rounded-xl border bg-card text-sm shadow-xs" data-testid="history">
          {history.map((e) => (
            <li key={e.id} className="flex flex-wrap justify-between gap-x-4 gap-y-1 p-3">
              <span className="font-mono text-xs" data-testid="history-type">
                {e.type}
              </span>
              <span className="flex-1 text-muted-foreground">{e.reason ?? ""}</span>
              <span className={`tabular-nums ${e.amount < 0 ? "text-destructive" : "text-success"}`}>
                {e.amount > 0 ? `+${e.amount}` : e.amount}
              </span>
              <span className="text-muted-foreground">{new Date(e.createdAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
        {cursor && (
          <Button variant="outline" size="sm" onClick={() => void more(cursor)} className="mt-2">
            {t("loadMore")}
          </Button>
        )}
      </section>
    </div>
  );
}
