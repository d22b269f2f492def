import { pool } from "@videofly/db";
import type { z } from "zod";
import { addDays, type DayRange, inRange, utcDay } from "./day-range.ts";
import type { AccessAction, adminAccessStats, adminAccessTop } from "./schemas.ts";

export type AccessStats = z.output<typeof adminAccessStats>;
export type AccessTop = z.output<typeof adminAccessTop>;
type Decisions = AccessStats["totals"];

const TOP = 10;
const PROMPT_CHARS = 80;

interface Row {
  day: string;
  action: "PLAY" | "EMBED" | "DOWNLOAD" | null;
  allowed: number;
  refused: number;
}

const none = (): Decisions => ({
  play: { allowed: 0, refused: 0 },
  embed: { allowed: 0, refused: 0 },
  download: { allowed: 0, refused: 0 },
});

/**
 * Access decisions (video_access_log) per UTC day of `range` and action: how many were allowed
 * and how many refused. Every day of the range is there, with zeros when nothing happened.
 */
export async function accessStats(range: DayRange): Promise<AccessStats> {
  // Grouped by (day, action) over the range: the (createdAt, action) index serves the scan.
  const { rows } = await pool().query<Row>(
    `WITH d AS (SELECT generate_series($1::date, $2::date, '1 day')::date AS day),
     l AS (
       SELECT "createdAt"::date AS day, action::text AS action,
              count(*) FILTER (WHERE allowed) AS allowed, count(*) FILTER (WHERE NOT allowed) AS refused
         FROM video_access_log
        WHERE ${inRange('"createdAt"')}
        GROUP BY 1, 2
     )
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, l.action,
            COALESCE(l.allowed, 0)::int AS allowed, COALESCE(l.refused, 0)::int AS refused
       FROM d LEFT JOIN l ON l.day = d.day
      ORDER BY d.day`,
    [range.from, range.to],
  );
  const byDay = new Map<string, Decisions>();
  const totals = none();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? none();
    byDay.set(row.day, day);
    if (!row.action) continue;
    const action = row.action.toLowerCase() as AccessAction;
    day[action] = { allowed: row.allowed, refused: row.refused };
    totals[action].allowed += row.allowed;
    totals[action].refused += row.refused;
  }
  return { ...range, daily: [...byDay].map(([day, decisions]) => ({ day, ...decisions })), totals };
}

/**
 * The videos with the most allowed decisions for `action` over the last `days` UTC days (today
 * included), most first. A log row outlives its video; a video no longer in the table has nothing
 * to show, so only videos that still exist compete for the places.
 */
export async function accessTop(options: { action: AccessAction; days: number }, now = new Date()): Promise<AccessTop> {
  const today = utcDay(now);
  const since = addDays(today, 1 - options.days);
  const { rows } = await pool().query<AccessTop["items"][number]>(
    `SELECT v.uuid,
            CASE WHEN length(v.prompt) > $5 THEN left(v.prompt, $5 - 1) || '…' ELSE v.prompt END AS prompt,
            u.email AS "ownerEmail", t.allowed
       FROM (SELECT l."videoId", count(*)::int AS allowed
               FROM video_access_log l
               JOIN video v ON v.id = l."videoId"
              WHERE l.action = $3::"VideoAccessAction" AND l.allowed AND ${inRange('l."createdAt"')}
              GROUP BY l."videoId"
              ORDER BY allowed DESC, l."videoId"
              LIMIT $4) t
       JOIN video v ON v.id = t."videoId"
       JOIN "user" u ON u.id = v."userId"
      ORDER BY t.allowed DESC, t."videoId"`,
    [since, today, options.action.toUpperCase(), TOP, PROMPT_CHARS],
  );
  return { action: options.action, since, items: rows };
}
