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
