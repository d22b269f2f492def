import { getSessionIdentity } from "@videofly/auth";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { dashboardData } from "./data";
import { BalanceCard, QuickActions, RecentProjects, RunningJobs, SpendingChart, WeekCard } from "./sections";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Dashboard — VideoFly", robots: { index: false, follow: false } };

/** The signed-in home: where the credits stand, what ran this week, what runs now, and where to go next. */
export default async function DashboardPage() {
  const identity = await getSessionIdentity(await headers()).catch(() => null);
  if (!identity) redirect("/sign-in");
  const [t, data] = await Promise.all([getTranslations("dashboard"), dashboardData(identity.user.id)]);
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted-foreground">{t("intro")}</p>
      </header>
      <QuickActions />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <BalanceCard data={data} />
        <WeekCard data={data} />
        <RunningJobs data={data} />
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <SpendingChart data={data} />
        <RecentProjects data={data} />
      </div>
    </div>
  );
}
