import { pool } from "@videofly/db";
import type { z } from "zod";
import { type DayRange, inRange } from "./day-range.ts";
import { modelStats, topSpenders } from "./model-stats.ts";
import type { adminStats as adminStatsSchema } from "./schemas.ts";

type Wire = z.output<typeof adminStatsSchema>;
type Activity = Wire["totals"];
export type DailyStat = Wire["daily"][number];
export type AdminVideoRow = Omit<Wire["recentVideos"][number], "createdAt" | "updatedAt"> & {
  createdAt: Date;
  updatedAt: Date;
};
export type AdminStats = Omit<Wire, "recentVideos" | "recentFailures"> & {
  recentVideos: AdminVideoRow[];
  recentFailures: AdminVideoRow[];
};

const RECENT = 20;

/**
 * Every figure of the admin dashboard for the UTC days of `range`: activity per day and in total,
 * per model and provider, the top spenders, and the latest videos and failures of all users.
 */
export async function adminStats(range: DayRange): Promise<AdminStats> {
  const [activity, models, spenders, recent, failures] = await Promise.all([
    dailyActivity(range),
    modelStats(range),
    topSpenders(range),
    recentVideoRows(false),
    recentVideoRows(true),
  ]);
  return { ...range, ...activity, models, topSpenders: spenders, recentVideos: recent, recentFailures: failures };
}

interface DailyRow {
  day: string;
  signUps: number;
  activeUsers: number;
  videosCreated: number;
  videosCompleted: number;
  videosFailed: number;
  creditsConsumed: number;
  purchase: number;
  subscription: number;
  signupBonus: number;
  promo: number;
  adminGrant: number;
  /** The range's distinct active users, the same on every row. */
  activeInRange: number;
}

// Each family is counted apart and joined to the days, so one busy table never multiplies another.
// A user is active on a day they asked for a video or made an API request (api_request logs
// requests made with an API key); the web app's own calls leave no row to count.
const DAILY_SQL = `
  WITH d AS (SELECT generate_series($1::date, $2::date, '1 day')::date AS day),
  signups AS (SELECT "createdAt"::date AS day, count(*) AS n FROM "user" WHERE ${inRange('"createdAt"')} GROUP BY 1),
  active AS (
    SELECT "createdAt"::date AS day, "userId" FROM video WHERE ${inRange('"createdAt"')}
    UNION
    SELECT "createdAt"::date AS day, "userId" FROM api_request WHERE ${inRange('"createdAt"')}
  ),
  active_days AS (SELECT day, count(*) AS n FROM active GROUP BY 1),
  created AS (SELECT "createdAt"::date AS day, count(*) AS n FROM video WHERE ${inRange('"createdAt"')} GROUP BY 1),
  completed AS (
    SELECT "completedAt"::date AS day, count(*) AS n FROM video
     WHERE status = 'COMPLETED' AND ${inRange('"completedAt"')} GROUP BY 1
  ),
  failed AS (
    SELECT "updatedAt"::date AS day, count(*) AS n FROM video
     WHERE status = 'FAILED' AND ${inRange('"updatedAt"')} GROUP BY 1
  ),
  consumed AS (
    SELECT "createdAt"::date AS day, sum(-amount) AS n FROM credit_transaction
     WHERE type = 'SETTLE' AND ${inRange('"createdAt"')} GROUP BY 1
  ),
  granted AS (
    SELECT "createdAt"::date AS day,
           sum("initialCredits") FILTER (WHERE source = 'PURCHASE') AS purchase,
           sum("initialCredits") FILTER (WHERE source = 'SUBSCRIPTION') AS subscription,
           sum("initialCredits") FILTER (WHERE source = 'SIGNUP_BONUS') AS "signupBonus",
           sum("initialCredits") FILTER (WHERE source = 'PROMO') AS promo,
           sum("initialCredits") FILTER (WHERE source = 'ADMIN_GRANT') AS "adminGrant"
      FROM credit_package WHERE ${inRange('"createdAt"')} GROUP BY 1
  )
  SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
         COALESCE(su.n, 0)::int AS "signUps",
         COALESCE(a.n, 0)::int AS "activeUsers",
         COALESCE(c.n, 0)::int AS "videosCreated",
         COALESCE(co.n, 0)::int AS "videosCompleted",
         COALESCE(f.n, 0)::int AS "videosFailed",
         COALESCE(s.n, 0)::int AS "creditsConsumed",
         COALESCE(g.purchase, 0)::int AS purchase,
         COALESCE(g.subscription, 0)::int AS subscription,
         COALESCE(g."signupBonus", 0)::int AS "signupBonus",
         COALESCE(g.promo, 0)::int AS promo,
         COALESCE(g."adminGrant", 0)::int AS "adminGrant",
         (SELECT count(DISTINCT "userId") FROM active)::int AS "activeInRange"
    FROM d
    LEFT JOIN signups su ON su.day = d.day
    LEFT JOIN active_days a ON a.day = d.day
    LEFT JOIN created c ON c.day = d.day
    LEFT JOIN completed co ON co.day = d.day
    LEFT JOIN failed f ON f.day = d.day
    LEFT JOIN consumed s ON s.day = d.day
    LEFT JOIN granted g ON g.day = d.day
   ORDER BY d.day`;

async function dailyActivity(range: DayRange): Promise<{ daily: DailyStat[]; totals: Activity }> {
  const { rows } = await pool().query<DailyRow>(DAILY_SQL, [range.from, range.to]);
  const daily = rows.map(
    ({ activeInRange: _, purchase, subscription, signupBonus, promo, adminGrant, ...r }): DailyStat => ({
      ...r,
      creditsGranted: grantsOf({ purchase, subscription, signupBonus, promo, adminGrant }),
    }),
  );
  const sum = (pick: (d: DailyStat) => number) => daily.reduce((t, d) => t + pick(d), 0);
  const totals: Activity = {
    signUps: sum((d) => d.signUps),
    activeUsers: rows[0]?.activeInRange ?? 0,
    videosCreated: sum((d) => d.videosCreated),
    videosCompleted: sum((d) => d.videosCompleted),
    videosFailed: sum((d) => d.videosFailed),
    creditsConsumed: sum((d) => d.creditsConsumed),
    creditsGranted: grantsOf({
      purchase: sum((d) => d.creditsGranted.purchase),
      subscription: sum((d) => d.creditsGranted.subscription),
      signupBonus: sum((d) => d.creditsGranted.signupBonus),
      promo: sum((d) => d.creditsGranted.promo),
      adminGrant: sum((d) => d.creditsGranted.adminGrant),
    }),
  };
  return { daily, totals };
}

type BySource = Pick<Activity["creditsGranted"], "purchase" | "subscription" | "signupBonus" | "promo" | "adminGrant">;

function grantsOf(g: BySource): Activity["creditsGranted"] {
  return { ...g, revenue: g.purchase + g.subscription, bonus: g.signupBonus + g.promo + g.adminGrant };
}

async function recentVideoRows(failedOnly: boolean): Promise<AdminVideoRow[]> {
  const { rows } = await pool().query<AdminVideoRow>(
    `SELECT v.uuid, u.email AS "userEmail", v.status::text AS status, v.model, v.prompt, v."creditsCost",
            v."errorCode", v."errorMessage", v."createdAt", v."updatedAt"
       FROM video v JOIN "user" u ON u.id = v."userId"
      WHERE NOT $1::boolean OR v.status = 'FAILED'
      ORDER BY ${failedOnly ? 'v."updatedAt" DESC' : 'v."createdAt" DESC'}, v.id DESC
      LIMIT $2`,
    [failedOnly, RECENT],
  );
  return rows;
}
