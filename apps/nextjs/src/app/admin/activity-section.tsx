import { DailyBarChart } from "@/components/daily-bars";
import { ScrollRegion } from "@/components/scroll-region";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { type AdminStats, duration, percent } from "@/lib/admin-stats";

const th = "p-2 text-left font-medium";
const num = "p-2 text-right tabular-nums";

/** The range's totals, the charts per day, the figures per model and provider, and the top spenders. */
export function ActivitySection({ stats, error }: { stats: AdminStats | null; error: string | null }) {
  const t = stats?.totals;
  const totals = [
    ["Sign-ups", t?.signUps, "signups"],
    ["Active users", t?.activeUsers, "active"],
    ["Videos created", t?.videosCreated, "created"],
    ["Videos completed", t?.videosCompleted, "completed"],
    ["Videos failed", t?.videosFailed, "failed"],
    ["Credits consumed", t?.creditsConsumed, "consumed"],
    ["Credits granted, paid", t?.creditsGranted.revenue, "granted-revenue"],
    ["Credits granted, free", t?.creditsGranted.bonus, "granted-bonus"],
  ] as const;
  const days = stats?.daily.map((d) => d.day) ?? [];
  const of = (pick: (d: AdminStats["daily"][number]) => number) => stats?.daily.map(pick) ?? [];
  return (
    <section aria-labelledby="activity-heading" className="flex flex-col gap-3">
      <h2 id="activity-heading" className="text-lg font-semibold">
        {stats ? `Activity, ${stats.from} to ${stats.to} (UTC, ${stats.days} days)` : "Activity"}
      </h2>
      {error && (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {totals.map(([label, value, id]) => (
          <Card key={id} className="gap-1 px-4 py-4">
            <dt className="text-sm text-muted-foreground">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`admin-total-${id}`}>
              {value ?? "…"}
            </dd>
          </Card>
        ))}
      </dl>
      <p className="text-xs text-muted-foreground">
        Active: asked for a video or called the API with a key that day. Paid grants are purchases and subscriptions;
        free ones sign-up bonuses, promotions and admin grants.
      </p>
      {stats && (
        <div className="grid gap-3 md:grid-cols-2">
          <DailyBarChart
            title="Sign-ups"
            days={days}
            series={[{ label: "Sign-ups", color: "indigo", values: of((d) => d.signUps) }]}
            testId="admin-chart-signups"
          />
          <DailyBarChart
            title="Active users"
            days={days}
            series={[{ label: "Active users", color: "sky", values: of((d) => d.activeUsers) }]}
          />
          <DailyBarChart
            title="Videos"
            days={days}
            series={[
              { label: "Created", color: "indigo", values: of((d) => d.videosCreated) },
              { label: "Completed", color: "emerald", values: of((d) => d.videosCompleted) },
              { label: "Failed", color: "rose", values: of((d) => d.videosFailed) },
            ]}
          />
          <DailyBarChart
            title="Credits"
            days={days}
            series={[
              { label: "Consumed", color: "amber", values: of((d) => d.creditsConsumed) },
              { label: "Granted, paid", color: "emerald", values: of((d) => d.creditsGranted.revenue) },
              { label: "Granted, free", color: "sky", values: of((d) => d.creditsGranted.bonus) },
            ]}
          />
        </div>
      )}
      {stats && (
        <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
          <ModelTable models={stats.models} />
          <SpenderTable spenders={stats.topSpenders} />
        </div>
      )}
    </section>
  );
}

function ModelTable({ models }: { models: AdminStats["models"] }) {
  return (
    <ScrollRegion label="Videos per model and provider" className="rounded-xl border bg-card shadow-xs">
      <table className="w-full text-sm" data-testid="admin-models">
        <caption className="p-2 text-left font-medium">Videos per model and provider</caption>
        <thead className="border-y bg-muted/60 text-xs text-muted-foreground">
          <tr>
            <th scope="col" className={th}>
              Model
            </th>
            <th scope="col" className={th}>
              Provider
            </th>
            <th scope="col" className={`${th} text-right`}>
              Videos
            </th>
            <th scope="col" className={`${th} text-right`}>
              Success rate
            </th>
            <th scope="col" className={`${th} text-right`}>
              Median time
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {models.length === 0 ? (
            <tr>
              <td colSpan={5} className="p-3 text-muted-foreground">
                No videos in this range.
              </td>
            </tr>
          ) : (
            models.map((m) => (
              <tr key={`${m.model}/${m.provider ?? ""}`} data-testid="admin-model-row">
                <th scope="row" className="p-2 text-left font-normal">
                  {m.model}
                </th>
                <td className="p-2">{m.provider ?? "not submitted"}</td>
                <td className={num}>{m.videos}</td>
                <td className={num} title={`${m.completed} completed, ${m.failed} failed`}>
                  {percent(m.successRate)}
                </td>
                <td className={num}>{duration(m.medianSeconds)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function SpenderTable({ spenders }: { spenders: AdminStats["topSpenders"] }) {
  return (
    <ScrollRegion label="Top users by credits spent" className="rounded-xl border bg-card shadow-xs">
      <table className="w-full text-sm" data-testid="admin-top-spenders">
        <caption className="p-2 text-left font-medium">Top users by credits spent</caption>
        <thead className="border-y bg-muted/60 text-xs text-muted-foreground">
          <tr>
            <th scope="col" className={th}>
              User
            </th>
            <th scope="col" className={`${th} text-right`}>
              Credits
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {spenders.length === 0 ? (
            <tr>
              <td colSpan={2} className="p-3 text-muted-foreground">
                Nobody spent credits in this range.
              </td>
            </tr>
          ) : (
            spenders.map((s) => (
              <tr key={s.id} data-testid="admin-spender-row">
                <th scope="row" className="max-w-56 truncate p-2 text-left font-normal" title={s.id}>
                  {s.email}
                </th>
                <td className={num}>{s.credits}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
