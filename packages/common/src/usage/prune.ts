import { pool } from "@videofly/db";
import { commonConfig } from "../config.ts";

const DAY_MS = 86_400_000;
// Small deletes keep each statement short, so a large backlog never holds locks or WAL for long.
const CHUNK = 5000;

/** The daily job: deletes request records older than API_USAGE_RETENTION_DAYS; returns how many. */
export async function pruneApiUsage(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - commonConfig().API_USAGE_RETENTION_DAYS * DAY_MS).toISOString();
  let deleted = 0;
  for (;;) {
    const result = await pool().query(
      `DELETE FROM api_request WHERE id IN (
         SELECT id FROM api_request WHERE "createdAt" < $1::timestamp ORDER BY "createdAt" LIMIT $2)`,
      [cutoff, CHUNK],
    );
    const n = result.rowCount ?? 0;
    deleted += n;
    if (n < CHUNK) return deleted;
  }
}
