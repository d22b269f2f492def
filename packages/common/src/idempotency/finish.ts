import { pool } from "@videofly/db";
import { logger } from "../logger.ts";
import type { StoredResponse } from "./model.ts";

/**
 * Stores the handler's response on the claim, to be replayed to every retry until the key
 * expires. A claim no longer RUNNING under this id (its lease ran out and a retry took it over,
 * or it was released or pruned) keeps what it has: that retry's response is the one to store.
 */
export async function completeIdempotencyKey(id: string, response: StoredResponse): Promise<void> {
  const { rowCount } = await pool().query(
    `UPDATE idempotency_key
        SET state = 'COMPLETED', "lockedUntil" = NULL,
            "responseStatus" = $2, "responseHeaders" = $3::jsonb, "responseBody" = $4
      WHERE id = $1 AND state = 'RUNNING'`,
    [id, response.status, JSON.stringify(response.headers), response.body],
  );
  if (!rowCount) logger().warn({ idempotencyClaim: id }, "idempotency claim lost before its response was stored");
}

/**
 * Gives the claim up, for a handler that failed on our side (5xx): nothing is stored, and the
 * next request with the key runs afresh.
 */
export async function releaseIdempotencyKey(id: string): Promise<void> {
  await pool().query(`DELETE FROM idempotency_key WHERE id = $1 AND state = 'RUNNING'`, [id]);
}
