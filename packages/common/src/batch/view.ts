import type { SqlClient } from "@videofly/db";
import { pool } from "@videofly/db";
import type { GenerationMode } from "../video/models.ts";

export type BatchStatusName = "queued" | "running" | "completed" | "partially_failed" | "failed" | "cancelled";

export interface BatchView {
  id: string;
  status: BatchStatusName;
  model: string;
  mode: GenerationMode;
  duration: number;
  aspectRatio: string;
  quality: string;
  imageUrl: string | null;
  negativePrompt: string | null;
  template: string | null;
  variables: Record<string, string[]> | null;
  totalCount: number;
  costPerVideo: number;
  requiredCredits: number;
  counts: {
    queued: number;
    pending: number;
    generating: number;
    uploading: number;
    completed: number;
    failed: number;
    cancelled: number;
  };
  credits: { held: number; settled: number; released: number };
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  cancelledAt: Date | null;
}

export interface BatchRow extends Omit<BatchView, "status" | "counts" | "credits"> {
  userId: string;
  status: string;
  counts: BatchView["counts"];
  credits: BatchView["credits"];
}

/**
 * Batches with their counts per video status and their items' credits by hold status, in one
 * query. An item's holds are its first (`video:<uuid>`) and any retry's (`video:<uuid>:attempt-n`),
 * found among its owner's holds by reference. Times are UTC (TIMESTAMP(3) columns), read
 * as instants whatever the process's time zone.
 */
export const BATCH_SELECT = `
  SELECT b.id, b."userId", b.status, b.model, b.mode, b.duration, b."aspectRatio", b.quality, b."imageUrl",
         b."negativePrompt", b.template, b.variables, b."totalCount", b."costPerVideo", b."requiredCredits",
         b."createdAt" AT TIME ZONE 'UTC' AS "createdAt", b."startedAt" AT TIME ZONE 'UTC' AS "startedAt",
         b."finishedAt" AT TIME ZONE 'UTC' AS "finishedAt", b."cancelledAt" AT TIME ZONE 'UTC' AS "cancelledAt",
         (SELECT json_build_object(
                   'queued', count(*) FILTER (WHERE v.status = 'QUEUED'),
                   'pending', count(*) FILTER (WHERE v.status = 'PENDING'),
                   'generating', count(*) FILTER (WHERE v.status = 'GENERATING'),
                   'uploading', count(*) FILTER (WHERE v.status = 'UPLOADING'),
                   'completed', count(*) FILTER (WHERE v.status = 'COMPLETED'),
                   'failed', count(*) FILTER (WHERE v.status = 'FAILED'),
                   'cancelled', count(*) FILTER (WHERE v.status = 'CANCELLED'))
            FROM video v WHERE v."batchId" = b.id) AS counts,
         (SELECT json_build_object(
                   'held', COALESCE(sum(h.amount) FILTER (WHERE h.status = 'HELD'), 0),
                   'settled', COALESCE(sum(h.amount) FILTER (WHERE h.status = 'SETTLED'), 0),
                   'released', COALESCE(sum(h.amount) FILTER (WHERE h.status = 'RELEASED'), 0))
            FROM video v JOIN credit_hold h
              ON h."userId" = b."userId"
             AND (h.reference = 'video:' || v.uuid OR h.reference LIKE 'video:' || v.uuid || ':attempt-%')
           WHERE v."batchId" = b.id) AS credits
    FROM batch b`;

export function batchView(row: BatchRow): BatchView {
  const { userId: _, ...rest } = row;
  return { ...rest, status: row.status.toLowerCase() as BatchStatusName };
}

/** One batch as the API shows it; null when there is none (or, with `userId`, not the user's). */
export async function loadBatchView(
  id: string,
  options: { userId?: string; client?: SqlClient } = {},
): Promise<BatchView | null> {
  const { rows } = await (options.client ?? pool()).query<BatchRow>(
    `${BATCH_SELECT} WHERE b.id = $1 AND ($2::text IS NULL OR b."userId" = $2)`,
    [id, options.userId ?? null],
  );
  return rows[0] ? batchView(rows[0]) : null;
}
