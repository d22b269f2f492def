import { pool } from "@videofly/db";
import type { Page } from "../pagination.ts";
import { type UserPosition, userCursor } from "./schemas.ts";

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  role: "user" | "admin";
  createdAt: Date;
  available: number;
  frozen: number;
  debt: number;
}

/**
 * Users newest first with their balances (the same sums as getBalance), in one query. `q`
 * matches email or name, case-insensitively; `cursor` is a position `usersQuery` decoded.
 */
export async function listUsersWithBalances(
  options: { q?: string; limit: number; cursor?: UserPosition },
  now = new Date(),
): Promise<Page<AdminUserRow>> {
  const q = options.q?.trim();
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await pool().query<AdminUserRow & { cursorAt: string }>(
    `SELECT u.id, u.email, u.name, u.role::text AS role, u."createdAt",
            to_char(u."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "cursorAt",
            COALESCE(p.available, 0)::int AS available,
            COALESCE(p.frozen, 0)::int AS frozen,
            COALESCE(d.debt, 0)::int AS debt
       FROM "user" u
       LEFT JOIN (
         SELECT "userId",
                sum("remainingCredits") FILTER (WHERE "expiresAt" IS NULL OR "expiresAt" > $2) AS available,
                sum("frozenCredits") AS frozen
           FROM credit_package
          WHERE status = 'ACTIVE'
          GROUP BY "userId"
       ) p ON p."userId" = u.id
       LEFT JOIN (SELECT "userId", sum(outstanding) AS debt FROM credit_debt GROUP BY "userId") d ON d."userId" = u.id
      WHERE ($1::text IS NULL OR u.email ILIKE $1 OR u.name ILIKE $1)
        AND ($4::timestamp IS NULL OR (u."createdAt", u.id) < ($4::timestamp, $5::text))
      ORDER BY u."createdAt" DESC, u.id DESC
      LIMIT $3`,
    [pattern, now, options.limit + 1, options.cursor?.[0] ?? null, options.cursor?.[1] ?? null],
  );
  const items = rows.slice(0, options.limit).map(
    ({ cursorAt: _, role, createdAt, ...r }): AdminUserRow => ({
      ...r,
      role: role === "admin" ? "admin" : "user",
      createdAt: new Date(createdAt),
    }),
  );
  const last = rows[options.limit - 1];
  return {
    items,
    nextCursor: rows.length > options.limit && last ? userCursor.encode([last.cursorAt, last.id]) : null,
  };
}

export interface DailyStat {
  /** The UTC day, YYYY-MM-DD. */
  day: string;
  videosCreated: number;
  videosFailed: number;
  creditsConsumed: number;
}

export interface AdminVideoRow {
  uuid: string;
  userEmail: string;
  status: string;
  model: string;
  prompt: string;
  creditsCost: number;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AdminStats {
  days: number;
  daily: DailyStat[];
  totals: { videosCreated: number; videosFailed: number; creditsConsumed: number };
  recentVideos: AdminVideoRow[];
  recentFailures: AdminVideoRow[];
}

const RECENT = 20;

/**
 * Activity per UTC day for the last `days` days (today included): videos created, videos that
 * failed (by when they failed) and credits consumed (settled holds); plus the latest videos and
 * failures across all users.
 */
export async function adminStats(options: { days?: number } = {}, now = new Date()): Promise<AdminStats> {
  const days = options.days ?? 14;
  const [daily, recent, failures] = await Promise.all([
    // Timestamps are stored as UTC wall-clock times (timestamp without time zone), so a UTC day is ::date.
    pool().query<DailyStat>(
      `WITH d AS (
         SELECT generate_series($1::date - ($2::int - 1), $1::date, '1 day')::date AS day
       ),
       created AS (
         SELECT "createdAt"::date AS day, count(*) AS n FROM video
          WHERE "createdAt" >= ($1::date - ($2::int - 1))::timestamp GROUP BY 1
       ),
       failed AS (
         SELECT "updatedAt"::date AS day, count(*) AS n FROM video
          WHERE status = 'FAILED' AND "updatedAt" >= ($1::date - ($2::int - 1))::timestamp GROUP BY 1
       ),
       consumed AS (
         SELECT "createdAt"::date AS day, sum(-amount) AS n FROM credit_transaction
          WHERE type = 'SETTLE' AND "createdAt" >= ($1::date - ($2::int - 1))::timestamp GROUP BY 1
       )
       SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
              COALESCE(c.n, 0)::int AS "videosCreated",
              COALESCE(f.n, 0)::int AS "videosFailed",
              COALESCE(s.n, 0)::int AS "creditsConsumed"
         FROM d
         LEFT JOIN created c ON c.day = d.day
         LEFT JOIN failed f ON f.day = d.day
         LEFT JOIN consumed s ON s.day = d.day
        ORDER BY d.day`,
      [now.toISOString().slice(0, 10), days],
    ),
    recentVideoRows(false),
    recentVideoRows(true),
  ]);
  const totals = daily.rows.reduce(
    (t, r) => ({
      videosCreated: t.videosCreated + r.videosCreated,
      videosFailed: t.videosFailed + r.videosFailed,
      creditsConsumed: t.creditsConsumed + r.creditsConsumed,
    }),
    { videosCreated: 0, videosFailed: 0, creditsConsumed: 0 },
  );
  return { days, daily: daily.rows, totals, recentVideos: recent, recentFailures: failures };
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
