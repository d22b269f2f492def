import { pool } from "@videofly/db";
import type { z } from "zod";
import { type DayRange, inRange } from "./day-range.ts";
import type { adminModelStat, adminTopSpender } from "./schemas.ts";

export type ModelStat = z.output<typeof adminModelStat>;
export type TopSpender = z.output<typeof adminTopSpender>;

const TOP_SPENDERS = 10;

/**
 * Per model and provider, the videos created in the range: how many, how many of them completed
 * or failed, the success rate among those that finished, and the median time from the start of
 * the (last) attempt to completion.
 */
export async function modelStats(range: DayRange): Promise<ModelStat[]> {
  const { rows } = await pool().query<ModelStat>(
    `SELECT model, provider, count(*)::int AS videos,
            count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
            count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
            (count(*) FILTER (WHERE status = 'COMPLETED'))::float8
              / NULLIF(count(*) FILTER (WHERE status IN ('COMPLETED', 'FAILED')), 0) AS "successRate",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "completedAt" - "startedAt"))
              FILTER (WHERE status = 'COMPLETED' AND "startedAt" IS NOT NULL AND "completedAt" IS NOT NULL)
              AS "medianSeconds"
       FROM video
      WHERE ${inRange('"createdAt"')}
      GROUP BY model, provider
      ORDER BY videos DESC, model, provider NULLS LAST`,
    [range.from, range.to],
  );
  return rows;
}

/** The users who spent the most credits (settled holds) in the range, most first. */
export async function topSpenders(range: DayRange): Promise<TopSpender[]> {
  const { rows } = await pool().query<TopSpender>(
    `SELECT u.id, u.email, s.credits
       FROM (SELECT "userId", sum(-amount)::int AS credits
               FROM credit_transaction
              WHERE type = 'SETTLE' AND ${inRange('"createdAt"')}
              GROUP BY "userId") s
       JOIN "user" u ON u.id = s."userId"
      WHERE s.credits > 0
      ORDER BY s.credits DESC, u.id
      LIMIT $3`,
    [range.from, range.to, TOP_SPENDERS],
  );
  return rows;
}
