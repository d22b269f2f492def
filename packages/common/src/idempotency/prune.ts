import { pool } from "@videofly/db";

const BATCH_SIZE = 1000;

/**
 * Deletes keys past their expiry (they already count as absent to a claim), in batches so no
 * statement holds many row locks. A row a claim is taking over right now is skipped, and one taken
 * over between the two steps is kept: a takeover gives the row a new id.
 */
export async function pruneIdempotencyKeys(now: Date = new Date()): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await pool().query(
      `WITH doomed AS (
         SELECT id FROM idempotency_key WHERE "expiresAt" <= $1
          ORDER BY "expiresAt" LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       DELETE FROM idempotency_key k USING doomed WHERE k.id = doomed.id`,
      [now, BATCH_SIZE],
    );
    deleted += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH_SIZE) return deleted;
  }
}
