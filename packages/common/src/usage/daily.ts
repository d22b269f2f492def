import { pool } from "@videofly/db";
import type { DailyQuery } from "./daily-schemas.ts";

export interface UsageFigures {
  videosCreated: number;
  byMode: { TEXT_TO_VIDEO: number; IMAGE_TO_VIDEO: number; LIPSYNC: number };
  creditsConsumed: number;
  processingSeconds: number;
  apiCalls: number;
}

export interface UsageDay extends UsageFigures {
  /** The UTC day, YYYY-MM-DD. */
  date: string;
}

export interface DailyUsage {
  from: string;
  to: string;
  days: UsageDay[];
  totals: UsageFigures;
}

interface DayRow {
  date: string;
  t2v: number;
  i2v: number;
  lipsync: number;
  credits: number;
  seconds: number;
  calls: number;
}

// Each family is aggregated per day in its own CTE, over the index on ("userId", <its time column>)
// where one exists, then joined to the calendar so that quiet days come out as zeros. Columns hold
// UTC wall-clock time, so a day is [d::timestamp, d::timestamp + 1 day) and ::date is its UTC day.
//  - videos: by createdAt, every row (failed and deleted videos were still created);
//  - credits: the ledger's SETTLE entries (amount = the frozen credits spent, negative) on the day
//    the hold was settled; HOLD entries of open holds and RELEASE entries (refunded holds) spend nothing;
//  - processing: videos COMPLETED that day, completedAt − startedAt;
//  - API calls: the audit rows of the caller's keys.
const DAILY_SQL = `
WITH videos AS (
  SELECT v."createdAt"::date AS day,
         count(*) FILTER (WHERE v.mode = 'TEXT_TO_VIDEO') AS t2v,
         count(*) FILTER (WHERE v.mode = 'IMAGE_TO_VIDEO') AS i2v,
         count(*) FILTER (WHERE v.mode = 'LIPSYNC') AS lipsync
    FROM video v
   WHERE v."userId" = $1 AND v."createdAt" >= $2::date::timestamp AND v."createdAt" < ($3::date + 1)::timestamp
   GROUP BY 1),
credits AS (
  SELECT t."createdAt"::date AS day, -sum(t.amount) AS credits
    FROM credit_transaction t
   WHERE t."userId" = $1 AND t.type = 'SETTLE' AND t."createdAt" >= $2::date::timestamp AND t."createdAt" < ($3::date + 1)::timestamp
   GROUP BY 1),
processing AS (
  SELECT v."completedAt"::date AS day, sum(extract(epoch FROM v."completedAt" - v."startedAt")) AS seconds
    FROM video v
   WHERE v."userId" = $1 AND v.status = 'COMPLETED' AND v."startedAt" IS NOT NULL
     AND v."completedAt" >= $2::date::timestamp AND v."completedAt" < ($3::date + 1)::timestamp
   GROUP BY 1),
calls AS (
  SELECT r."createdAt"::date AS day, count(*) AS calls
    FROM api_request r
   WHERE r."userId" = $1 AND r."createdAt" >= $2::date::timestamp AND r."createdAt" < ($3::date + 1)::timestamp
   GROUP BY 1)
SELECT to_char(d.day, 'YYYY-MM-DD') AS date,
       COALESCE(videos.t2v, 0)::int AS t2v, COALESCE(videos.i2v, 0)::int AS i2v,
       COALESCE(videos.lipsync, 0)::int AS lipsync, COALESCE(credits.credits, 0)::int AS credits,
       round(COALESCE(processing.seconds, 0), 3)::float8 AS seconds, COALESCE(calls.calls, 0)::int AS calls
  FROM generate_series($2::date, $3::date, interval '1 day') AS g(ts)
 CROSS JOIN LATERAL (SELECT g.ts::date AS day) d
  LEFT JOIN videos ON videos.day = d.day
  LEFT JOIN credits ON credits.day = d.day
  LEFT JOIN processing ON processing.day = d.day
  LEFT JOIN calls ON calls.day = d.day
 ORDER BY d.day`;

/** The statement and its parameters, for tests that EXPLAIN it. */
export function dailyUsageStatement(userId: string, range: DailyQuery): { text: string; values: string[] } {
  return { text: DAILY_SQL, values: [userId, range.from, range.to] };
}

const zero = (): UsageFigures => ({
  videosCreated: 0,
  byMode: { TEXT_TO_VIDEO: 0, IMAGE_TO_VIDEO: 0, LIPSYNC: 0 },
  creditsConsumed: 0,
  processingSeconds: 0,
  apiCalls: 0,
});

/**
 * One user's activity per UTC day from `from` to `to` (both included, already validated by
 * `dailyQuery`), every day present, with the totals over the range. One statement.
 */
export async function dailyUsage(userId: string, range: DailyQuery): Promise<DailyUsage> {
  const { text, values } = dailyUsageStatement(userId, range);
  const { rows } = await pool().query<DayRow>(text, values);
  const totals = zero();
  const days = rows.map((r): UsageDay => {
    const day: UsageDay = {
      date: r.date,
      videosCreated: r.t2v + r.i2v + r.lipsync,
      byMode: { TEXT_TO_VIDEO: r.t2v, IMAGE_TO_VIDEO: r.i2v, LIPSYNC: r.lipsync },
      creditsConsumed: r.credits,
      processingSeconds: r.seconds,
      apiCalls: r.calls,
    };
    totals.videosCreated += day.videosCreated;
    totals.byMode.TEXT_TO_VIDEO += r.t2v;
    totals.byMode.IMAGE_TO_VIDEO += r.i2v;
    totals.byMode.LIPSYNC += r.lipsync;
    totals.creditsConsumed += r.credits;
    totals.processingSeconds += r.seconds;
    totals.apiCalls += r.calls;
    return day;
  });
  // Sums of millisecond-precise figures: rounded again so float addition leaves no 0.30000000000000004.
  totals.processingSeconds = Math.round(totals.processingSeconds * 1000) / 1000;
  return { from: range.from, to: range.to, days, totals };
}
