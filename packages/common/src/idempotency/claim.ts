import { pool } from "@videofly/db";
import {
  IDEMPOTENCY_KEY_TTL_HOURS,
  IDEMPOTENCY_LEASE_SECONDS,
  type IdempotencyClaim,
  type StoredResponse,
} from "./model.ts";

export interface IdempotencyClaimInput {
  /** The caller: "user:<id>" or "key:<id>". */
  scope: string;
  /** The route pattern, e.g. "POST /video/generate". */
  route: string;
  /** The Idempotency-Key header's value (see idempotencyKeyHeader). */
  key: string;
  /** requestFingerprint() of this request. */
  requestHash: string;
  now?: Date;
}

// One statement claims a fresh key or takes over a row that counts as absent: one past its
// expiry (any request), or a RUNNING one whose lease ran out (the same request only: its process
// died). ON CONFLICT DO UPDATE locks the existing row and re-checks the WHERE on its latest
// version, so of many concurrent callers exactly one inserts or takes over. A takeover gets a new
// id (EXCLUDED.id is the column default), so the dead claim's owner can no longer finish it.
const CLAIM_SQL = `
  INSERT INTO idempotency_key AS k (scope, route, key, "requestHash", "lockedUntil", "createdAt", "expiresAt")
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (scope, route, key) DO UPDATE
     SET id = EXCLUDED.id, "requestHash" = EXCLUDED."requestHash", state = 'RUNNING',
         "lockedUntil" = EXCLUDED."lockedUntil", "responseStatus" = NULL, "responseHeaders" = NULL,
         "responseBody" = NULL, "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
   WHERE k."expiresAt" <= EXCLUDED."createdAt"
      OR (k.state = 'RUNNING' AND k."lockedUntil" <= EXCLUDED."createdAt"
          AND k."requestHash" = EXCLUDED."requestHash")
  RETURNING id`;

const EXISTING_SQL = `
  SELECT "requestHash", state, "lockedUntil", "responseStatus", "responseHeaders", "responseBody", "expiresAt"
    FROM idempotency_key
   WHERE scope = $1 AND route = $2 AND key = $3`;

interface ExistingRow {
  requestHash: string;
  state: "RUNNING" | "COMPLETED";
  lockedUntil: Date | null;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  expiresAt: Date;
}

// The row read after a lost claim can be gone (released, pruned) or replaced by then; each such
// race means trying again. Three rounds is far more than the races need.
const MAX_ROUNDS = 3;

/**
 * Claims (scope, route, key) for this request before its handler runs. Atomic under concurrency:
 * of any number of simultaneous callers with one key exactly one gets `claimed`.
 */
export async function claimIdempotencyKey(input: IdempotencyClaimInput): Promise<IdempotencyClaim> {
  const now = input.now ?? new Date();
  const lockedUntil = new Date(now.getTime() + IDEMPOTENCY_LEASE_SECONDS * 1000);
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);
  const identity = [input.scope, input.route, input.key];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const claimed = await pool().query<{ id: string }>(CLAIM_SQL, [
      ...identity,
      input.requestHash,
      lockedUntil,
      now,
      expiresAt,
    ]);
    const id = claimed.rows[0]?.id;
    if (id) return { kind: "claimed", id };
    const { rows } = await pool().query<ExistingRow>(EXISTING_SQL, identity);
    const answer = rows[0] && classify(rows[0], input.requestHash, now);
    if (answer) return answer;
  }
  // Only a row changing under every round gets here: the first request is evidently still busy.
  return { kind: "in_progress", retryAfterSeconds: 1 };
}

/** What an existing row means for this request; undefined when it counts as absent (try again). */
function classify(row: ExistingRow, requestHash: string, now: Date): IdempotencyClaim | undefined {
  if (row.expiresAt <= now) return undefined;
  if (row.requestHash !== requestHash) return { kind: "mismatch" };
  if (row.state === "COMPLETED") return { kind: "replay", response: storedResponse(row) };
  const leaseLeftMs = (row.lockedUntil?.getTime() ?? 0) - now.getTime();
  if (leaseLeftMs <= 0) return undefined;
  return { kind: "in_progress", retryAfterSeconds: Math.max(1, Math.ceil(leaseLeftMs / 1000)) };
}

function storedResponse(row: ExistingRow): StoredResponse {
  // The table's CHECK guarantees a COMPLETED row carries its whole response.
  return {
    status: row.responseStatus ?? 500,
    headers: row.responseHeaders ?? {},
    body: row.responseBody ?? "",
  };
}
