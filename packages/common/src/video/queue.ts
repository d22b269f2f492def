import { db, pool } from "@videofly/db";
import { HOLDING_STATUSES } from "./lifecycle.ts";
import { signedVideoView } from "./queries.ts";

/** How many of a model's latest finished videos its estimate is the median of. */
export const MEDIAN_SAMPLE = 50;
/** How many running videos the queue shows (a batch may queue many more). */
export const QUEUE_LIMIT = 20;

// Per model, the median of completedAt − createdAt over its latest COMPLETED videos (anyone's,
// deleted ones too: how long the model took is what matters), and how many that was.
const MEDIAN_SQL = `
SELECT m.model, s.median::float8 AS median, s.sample::int AS sample
  FROM unnest($1::text[]) AS m(model)
 CROSS JOIN LATERAL (
   SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms) AS median, count(*) AS sample
     FROM (SELECT extract(epoch FROM v."completedAt" - v."createdAt") * 1000 AS ms
             FROM video v
            WHERE v.model = m.model AND v.status = 'COMPLETED' AND v."completedAt" IS NOT NULL
            ORDER BY v."completedAt" DESC
            LIMIT $2) r) s`;

export interface DurationEstimate {
  model: string;
  /** The median, in whole milliseconds; null when the model has finished nothing yet. */
  medianDurationMs: number | null;
  /** How many finished videos it is the median of. */
  sample: number;
}

/**
 * How long each of `models` recently took from request to finished video: the median over its
 * last `sample` completed videos. One statement, whatever the number of models.
 */
export async function recentMedianDurationMs(
  models: readonly string[],
  sample = MEDIAN_SAMPLE,
): Promise<DurationEstimate[]> {
  const unique = [...new Set(models)];
  if (unique.length === 0) return [];
  const { rows } = await pool().query<{ model: string; median: number | null; sample: number }>(MEDIAN_SQL, [
    unique,
    sample,
  ]);
  return rows.map((r) => ({
    model: r.model,
    medianDurationMs: r.median === null ? null : Math.round(r.median),
    sample: r.sample,
  }));
}

/** The user's running videos (queued to uploading), newest first, with an estimate per model. */
export async function generationQueue(userId: string) {
  const rows = await db().video.findMany({
    where: { userId, deletedAt: null, status: { in: [...HOLDING_STATUSES] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: QUEUE_LIMIT,
  });
  const [items, estimates] = await Promise.all([
    Promise.all(rows.map(signedVideoView)),
    recentMedianDurationMs(rows.map((r) => r.model)),
  ]);
  return { items, estimates };
}
