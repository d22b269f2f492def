import { pool, SqlParams } from "@videofly/db";
import type { Page } from "../pagination.ts";
import type { ApiRequestRow } from "./entry.ts";
import { type ApiRequestPosition, requestCursor } from "./schemas.ts";

export type UsageGroupBy = "day" | "key" | "route";

export interface UsageGroup {
  /** The UTC day ("YYYY-MM-DD"), the key id or the route pattern. */
  group: string;
  /** The key's name, when grouped by key and the key still exists and has one. */
  keyName?: string;
  requests: number;
  /** Answers with status 400 or above. */
  errors: number;
  credits: number;
  /** Median and 95th percentile of the duration (interpolated), to 0.01 ms. */
  p50Ms: number;
  p95Ms: number;
}

/** A recorded request as its lists show it: the row, with its id, its key's name and when it came. */
export type ApiRequestView = Omit<ApiRequestRow, "at"> & { id: string; keyName?: string; createdAt: Date };

interface Scope {
  userId?: string;
  keyId?: string;
  from?: Date;
  to?: Date;
}

// Columns hold UTC wall-clock time: ISO strings in, ISO strings out, whatever the session time zone.
const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The WHERE clause of a scope; without `userId` every user's rows (an admin's view). */
function scopeSql(scope: Scope, p: SqlParams): string {
  const where = ["true"];
  if (scope.userId !== undefined) where.push(`r."userId" = ${p.add(scope.userId)}`);
  if (scope.keyId !== undefined) where.push(`r."keyId" = ${p.add(scope.keyId)}`);
  if (scope.from) where.push(`r."createdAt" >= ${p.add(scope.from.toISOString(), "timestamp")}`);
  if (scope.to) where.push(`r."createdAt" < ${p.add(scope.to.toISOString(), "timestamp")}`);
  return where.join(" AND ");
}

const GROUP_SQL: Record<UsageGroupBy, { key: string; order: string }> = {
  day: { key: `to_char(r."createdAt", 'YYYY-MM-DD')`, order: `g."group"` },
  key: { key: `r."keyId"`, order: `g.requests DESC, g."group"` },
  route: { key: `r.route`, order: `g.requests DESC, g."group"` },
};

/**
 * Requests, errors, credits held and duration percentiles per UTC day (oldest first), per key or
 * per route (busiest first), for `from` (inclusive) to `to` (exclusive).
 */
export async function usageSummary(
  input: Scope & { from: Date; to: Date; groupBy: UsageGroupBy },
): Promise<UsageGroup[]> {
  const p = new SqlParams();
  const { key, order } = GROUP_SQL[input.groupBy];
  const percentile = (f: number) =>
    `round((percentile_cont(${f}) WITHIN GROUP (ORDER BY r."durationMs"))::numeric, 2)::float8`;
  const { rows } = await pool().query<{
    group: string;
    keyName: string | null;
    requests: string;
    errors: string;
    credits: string;
    p50Ms: number;
    p95Ms: number;
  }>(
    `WITH g AS (
       SELECT ${key} AS "group", count(*) AS requests, count(*) FILTER (WHERE r.status >= 400) AS errors,
              COALESCE(sum(r."creditsHeld"), 0) AS credits,
              ${percentile(0.5)} AS "p50Ms", ${percentile(0.95)} AS "p95Ms"
         FROM api_request r
        WHERE ${scopeSql(input, p)}
        GROUP BY 1
     )
     SELECT g."group", ${input.groupBy === "key" ? "k.name" : "NULL::text"} AS "keyName",
            g.requests::text, g.errors::text, g.credits::text, g."p50Ms", g."p95Ms"
       FROM g ${input.groupBy === "key" ? `LEFT JOIN apikey k ON k.id = g."group"` : ""}
      ORDER BY ${order}`,
    p.values,
  );
  return rows.map(({ keyName, requests, errors, credits, ...r }) => ({
    ...r,
    ...(keyName ? { keyName } : {}),
    requests: Number(requests),
    errors: Number(errors),
    credits: Number(credits),
  }));
}

/** Single requests, newest first; `cursor` is a position `requestsQuery` decoded. */
export async function listApiRequests(
  input: Scope & { cursor?: ApiRequestPosition; limit: number },
): Promise<Page<ApiRequestView>> {
  const p = new SqlParams();
  let where = scopeSql(input, p);
  if (input.cursor) {
    where += ` AND (r."createdAt", r.id) < (${p.add(input.cursor[0], "timestamp")}, ${p.add(input.cursor[1], "bigint")})`;
  }
  const { rows } = await pool().query<
    Omit<ApiRequestView, "createdAt" | "keyName"> & { keyName: string | null; at: string }
  >(
    `SELECT r.id::text AS id, r."keyId", k.name AS "keyName", r."userId", r.method, r.route, r.status,
            r."durationMs", r."creditsHeld", r."requestId", r.ip, r."userAgent", to_char(r."createdAt", ${ISO_MS}) AS at
       FROM api_request r LEFT JOIN apikey k ON k.id = r."keyId"
      WHERE ${where}
      ORDER BY r."createdAt" DESC, r.id DESC
      LIMIT ${p.add(input.limit + 1)}`,
    p.values,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ at, keyName, ...r }) => ({ ...r, ...(keyName ? { keyName } : {}), createdAt: new Date(at) })),
    nextCursor: rows.length > input.limit && last ? requestCursor.encode([last.at, last.id]) : null,
  };
}

/** Requests and the latest one per key (within what is kept); every asked key is in the map. */
export async function keyUsageTotals(
  keyIds: string[],
): Promise<Map<string, { requests: number; lastUsedAt: Date | null }>> {
  const totals = new Map(keyIds.map((id) => [id, { requests: 0, lastUsedAt: null as Date | null }]));
  if (!keyIds.length) return totals;
  const { rows } = await pool().query<{ keyId: string; requests: string; last: string }>(
    `SELECT "keyId", count(*)::text AS requests, to_char(max("createdAt"), ${ISO_MS}) AS last
       FROM api_request WHERE "keyId" = ANY($1::text[]) GROUP BY "keyId"`,
    [keyIds],
  );
  for (const r of rows) totals.set(r.keyId, { requests: Number(r.requests), lastUsedAt: new Date(r.last) });
  return totals;
}

/** Keys as listed to their owner or an admin: each with the requests the audit holds for it. */
export async function withRequestCounts<K extends { id: string }>(keys: K[]): Promise<(K & { requests: number })[]> {
  const totals = await keyUsageTotals(keys.map((k) => k.id));
  return keys.map((key) => ({ ...key, requests: totals.get(key.id)?.requests ?? 0 }));
}
