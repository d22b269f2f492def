import type { pool } from "@videofly/db";
import type { ApiRequestRow } from "./entry.ts";

export type Pool = ReturnType<typeof pool>;

/**
 * Writes rows in one INSERT (one array parameter per column, so the statement is the same for any
 * number of rows). Rows of a user who is gone or deleted are skipped rather than failing the batch.
 * `FOR KEY SHARE` on the user row makes a concurrent account deletion either wait for this insert
 * (and then delete its rows) or finish first (and then this insert sees `deletedAt` and skips them).
 * Ids follow the order of `rows`. Timestamps go as ISO strings: the columns hold UTC wall-clock time whatever the session time zone.
 */
export async function insertApiRequests(pool: Pool, rows: ApiRequestRow[]): Promise<number> {
  if (!rows.length) return 0;
  const column = <K extends keyof ApiRequestRow>(key: K) => rows.map((r) => r[key]);
  const result = await pool.query(
    `INSERT INTO api_request ("keyId", "userId", method, route, status, "durationMs", "creditsHeld",
                              "requestId", ip, "userAgent", "createdAt")
     SELECT t."keyId", t."userId", t.method, t.route, t.status, t."durationMs", t."creditsHeld",
            t."requestId", t.ip, t."userAgent", t."createdAt"
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[],
                   $8::text[], $9::text[], $10::text[], $11::timestamp[]) WITH ORDINALITY
            AS t("keyId", "userId", method, route, status, "durationMs", "creditsHeld", "requestId", ip, "userAgent", "createdAt", n)
       JOIN "user" u ON u.id = t."userId" AND u."deletedAt" IS NULL
      ORDER BY t.n
        FOR KEY SHARE OF u`,
    [
      column("keyId"),
      column("userId"),
      column("method"),
      column("route"),
      column("status"),
      column("durationMs"),
      column("creditsHeld"),
      column("requestId"),
      column("ip"),
      column("userAgent"),
      rows.map((r) => r.at.toISOString()),
    ],
  );
  return result.rowCount ?? 0;
}
