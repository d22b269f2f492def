"use client";

import { Coins } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "@/lib/api";
import { onBalance } from "@/lib/balance-signal";

/**
 * The available balance (a link to its packages and history), read again on every page change and
 * set to what a page announces after spending, and the way to top up.
 */
export function BalanceBadge() {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const [available, setAvailable] = useState<number | null>(null);
  useEffect(() => {
    if (!pathname) return;
    api<{ available: number }>("/api/v1/credit/balance").then(
      (b) => setAvailable(b.available),
      () => setAvailable(null),
    );
  }, [pathname]);
  useEffect(() => onBalance(setAvailable), []);
  return (
    <span className="flex items-center gap-2 text-sm">
      <span
        className="flex items-center gap-1.5 rounded-md border bg-card px-2 py-1 font-medium"
        data-testid="shell-balance"
      >
        <Coins className="size-4 text-warning" aria-hidden />
        {available === null ? "…" : t("balance", { count: available })}
      </span>
      <Link href="/pricing" className="font-medium text-primary underline-offset-4 hover:underline">
        {t("topUp")}
      </Link>
    </span>
  );
}
