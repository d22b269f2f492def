import { dailyUsage, generationQueue, getBalance, listPackages, listProjects } from "@videofly/common";

const DAY_MS = 86_400_000;
/** The chart's span: two weeks, so this week reads against the last. */
export const CHART_DAYS = 14;
/** Packages expiring within this many days are named on the dashboard. */
export const EXPIRING_WITHIN_DAYS = 14;

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Everything the dashboard shows, for one user, read at once: the balance and the packages that
 * expire within two weeks, two weeks of daily usage, the running videos, the newest projects.
 */
export async function dashboardData(userId: string, now = new Date()) {
  const to = utcDay(now.getTime());
  const from = utcDay(now.getTime() - (CHART_DAYS - 1) * DAY_MS);
  const [balance, packages, usage, queue, projects] = await Promise.all([
    getBalance(userId, now),
    // Spending order is soonest expiry first: the ones expiring soon are at the front.
    listPackages(userId, { limit: 20 }),
    dailyUsage(userId, { from, to }),
    generationQueue(userId),
    listProjects(userId, { limit: 4 }),
  ]);
  const horizon = now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS;
  const expiring = packages.items.filter(
    (p) => p.remainingCredits > 0 && p.expiresAt !== null && p.expiresAt > now && p.expiresAt.getTime() <= horizon,
  );
  const week = usage.days.slice(-7);
  return {
    balance,
    expiring: {
      credits: expiring.reduce((sum, p) => sum + p.remainingCredits, 0),
      first: expiring[0]?.expiresAt ?? null,
    },
    videosThisWeek: week.reduce((sum, d) => sum + d.videosCreated, 0),
    creditsThisWeek: week.reduce((sum, d) => sum + d.creditsConsumed, 0),
    days: usage.days,
    running: queue.items,
    estimates: Object.fromEntries(queue.estimates.map((e) => [e.model, e.medianDurationMs])),
    projects: projects.items,
  };
}

export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;
