import { FolderOpen, KeyRound, Layers, Sparkles, Upload } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { DailyBarChart } from "@/components/daily-bars";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import type { DashboardData } from "./data";

const ACTIONS = [
  { href: "/create", key: "create", icon: Sparkles },
  { href: "/batches/new", key: "batch", icon: Layers },
  { href: "/uploads", key: "upload", icon: Upload },
  { href: "/settings/api-keys", key: "apiKeys", icon: KeyRound },
] as const;

export function QuickActions() {
  const t = useTranslations("dashboard.actions");
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-2">
      {ACTIONS.map(({ href, key, icon: Icon }, i) => (
        <Button key={key} asChild variant={i === 0 ? "default" : "outline"}>
          <Link href={href}>
            <Icon aria-hidden="true" />
            {t(key)}
          </Link>
        </Button>
      ))}
    </nav>
  );
}

export function BalanceCard({ data }: { data: DashboardData }) {
  const t = useTranslations("dashboard.balance");
  const format = useFormatter();
  const { balance, expiring } = data;
  return (
    <Card data-testid="dashboard-balance">
      <CardHeader>
        <CardDescription>{t("title")}</CardDescription>
        <CardTitle className="text-3xl tabular-nums">{t("credits", { count: balance.available })}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-1 text-sm text-muted-foreground">
        {balance.frozen > 0 && <p>{t("frozen", { count: balance.frozen })}</p>}
        {expiring.first ? (
          <p className="text-warning" data-testid="dashboard-expiring">
            {t("expiring", {
              count: expiring.credits,
              date: format.dateTime(expiring.first, { dateStyle: "medium", timeZone: "UTC" }),
            })}
          </p>
        ) : (
          <p>{t("nothingExpiring")}</p>
        )}
      </CardContent>
      <CardFooter>
        <Button asChild variant="secondary" size="sm">
          <Link href="/pricing">{t("topUp")}</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}

export function WeekCard({ data }: { data: DashboardData }) {
  const t = useTranslations("dashboard.week");
  return (
    <Card data-testid="dashboard-week">
      <CardHeader>
        <CardDescription>{t("title")}</CardDescription>
        <CardTitle className="text-3xl tabular-nums">{t("videos", { count: data.videosThisWeek })}</CardTitle>
      </CardHeader>
      <CardContent className="text-sm text-muted-foreground">
        {data.videosThisWeek === 0 ? (
          <p>
            {t("empty")}{" "}
            <Link href="/create" className="font-medium text-primary hover:underline">
              {t("emptyAction")}
            </Link>
          </p>
        ) : (
          <p>{t("spent", { count: data.creditsThisWeek })}</p>
        )}
      </CardContent>
    </Card>
  );
}

const clock = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

export function RunningJobs({ data }: { data: DashboardData }) {
  const t = useTranslations("dashboard.running");
  const tStatus = useTranslations("queue.status");
  return (
    <Card aria-labelledby="dashboard-running" data-testid="dashboard-running" className="md:col-span-2 xl:col-span-1">
      <CardHeader>
        <CardTitle id="dashboard-running">{t("title")}</CardTitle>
        {data.running.length > 0 && <CardDescription>{t("count", { count: data.running.length })}</CardDescription>}
      </CardHeader>
      <CardContent>
        {data.running.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {data.running.slice(0, 5).map((v) => {
              const median = data.estimates[v.model];
              return (
                <li key={v.uuid} className="flex items-center gap-2 text-sm">
                  <Link href={`/videos/${v.uuid}`} className="mr-auto truncate hover:underline">
                    {v.prompt || v.model}
                  </Link>
                  {median != null && (
                    <span className="shrink-0 text-xs text-muted-foreground">
                      {t("usually", { time: clock(median) })}
                    </span>
                  )}
                  <Badge variant="secondary">{tStatus(v.status)}</Badge>
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
      {data.running.length > 0 && (
        <CardFooter>
          <Link href="/create" className="text-sm font-medium text-primary hover:underline">
            {t("follow")}
          </Link>
        </CardFooter>
      )}
    </Card>
  );
}

export function SpendingChart({ data }: { data: DashboardData }) {
  const t = useTranslations("dashboard.chart");
  return (
    <DailyBarChart
      title={t("title")}
      days={data.days.map((d) => d.date)}
      series={[{ label: t("credits"), color: "indigo", values: data.days.map((d) => d.creditsConsumed) }]}
      testId="dashboard-chart"
      words={{ caption: t("caption"), day: t("day"), empty: t("empty") }}
    />
  );
}

export function RecentProjects({ data }: { data: DashboardData }) {
  const t = useTranslations("dashboard.projects");
  return (
    <Card aria-labelledby="dashboard-projects" data-testid="dashboard-projects">
      <CardHeader>
        <CardTitle id="dashboard-projects">{t("title")}</CardTitle>
      </CardHeader>
      <CardContent>
        {data.projects.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {t("empty")}{" "}
            <Link href="/projects" className="font-medium text-primary hover:underline">
              {t("emptyAction")}
            </Link>
          </p>
        ) : (
          <ul className="flex flex-col gap-2">
            {data.projects.map((p) => (
              <li key={p.id} className="flex items-center gap-2 text-sm">
                <FolderOpen aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
                <Link href={`/projects/${p.id}`} className="mr-auto truncate hover:underline">
                  {p.name}
                </Link>
                <span className="shrink-0 text-xs text-muted-foreground">{t("videos", { count: p.videoCount })}</span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <CardFooter>
        <Link href="/projects" className="text-sm font-medium text-primary hover:underline">
          {t("all")}
        </Link>
      </CardFooter>
    </Card>
  );
}
