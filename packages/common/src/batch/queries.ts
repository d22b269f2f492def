import { db, pool } from "@videofly/db";
import type { z } from "zod";
import { signedVideoView } from "../video/queries.ts";
import { batchNotFound } from "./cancel.ts";
import { batchCursor, batchVideoCursor } from "./schemas.ts";
import { BATCH_SELECT, type BatchRow, type BatchView, batchView, loadBatchView } from "./view.ts";

type BatchPosition = NonNullable<z.output<typeof batchCursor.query>>;
type VideoPosition = NonNullable<z.output<typeof batchVideoCursor.query>>;

/** The user's batch; another user's is "not found". */
export async function getBatch(userId: string, id: string): Promise<BatchView> {
  const batch = await loadBatchView(id, { userId });
  if (!batch) throw batchNotFound(id);
  return batch;
}

/** Batches newest first, the user's (or everyone's, `userId` null, with their owners); cursor-paginated. */
async function pageOfBatches(userId: string | null, options: { limit?: number; cursor?: BatchPosition }) {
  const limit = options.limit ?? 20;
  const at = options.cursor;
  const { rows } = await pool().query<BatchRow & { ownerEmail: string }>(
    `SELECT * FROM (${BATCH_SELECT}
       WHERE ($1::text IS NULL OR b."userId" = $1)
         AND ($2::timestamptz IS NULL OR (b."createdAt", b.id) < ($2::timestamptz AT TIME ZONE 'UTC', $3::text))
       ORDER BY b."createdAt" DESC, b.id DESC LIMIT $4) page
       JOIN LATERAL (SELECT email AS "ownerEmail" FROM "user" u WHERE u.id = page."userId") o ON true
      ORDER BY page."createdAt" DESC, page.id DESC`,
    [userId, at?.[0] ?? null, at?.[1] ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? batchCursor.encode([last.createdAt.toISOString(), last.id]) : null,
  };
}

export async function listBatches(userId: string, options: { limit?: number; cursor?: BatchPosition } = {}) {
  const { rows, nextCursor } = await pageOfBatches(userId, options);
  return { items: rows.map((r) => batchView(r)), nextCursor };
}

/** Every user's batches, newest first, with their owners (admins). */
export async function listAllBatches(options: { limit?: number; cursor?: BatchPosition } = {}) {
  const { rows, nextCursor } = await pageOfBatches(null, options);
  return {
    items: rows.map((r) => ({ ...batchView(r), owner: { id: r.userId, email: r.ownerEmail } })),
    nextCursor,
  };
}

/** A batch's videos in index order, each as GET /video/{uuid} shows it plus its index and metadata. */
export async function listBatchVideos(
  userId: string,
  id: string,
  options: { limit?: number; cursor?: VideoPosition } = {},
) {
  await getBatch(userId, id);
  const limit = options.limit ?? 50;
  const after = options.cursor?.[0];
  const rows = await db().video.findMany({
    where: { batchId: id, userId, ...(after === undefined ? {} : { batchIndex: { gt: after } }) },
    orderBy: { batchIndex: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await Promise.all(
      page.map(async (v) => ({
        ...(await signedVideoView(v)),
        batchIndex: v.batchIndex ?? 0,
        metadata: (v.metadata ?? null) as Record<string, unknown> | null,
      })),
    ),
    nextCursor: rows.length > limit && last ? batchVideoCursor.encode([last.batchIndex ?? 0]) : null,
  };
}
