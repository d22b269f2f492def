import { pool, type SqlClient } from "@videofly/db";
import { logger } from "../logger.ts";
import type { Storage } from "./types.ts";

/**
 * Schedules, inside the caller's transaction, storage folders whose files must go: they are
 * deleted only after that transaction commits (storage is a network call), and a folder whose
 * delete fails stays scheduled for the next `runStorageDeletions`.
 */
export async function scheduleStorageDeletion(client: SqlClient, prefixes: string[]): Promise<void> {
  if (!prefixes.length) return;
  await client.query(
    `INSERT INTO storage_deletion (prefix) SELECT unnest($1::text[]) ON CONFLICT (prefix) DO NOTHING`,
    [prefixes],
  );
}

export interface StorageDeletionResult {
  deleted: number;
  failed: number;
}

/**
 * Deletes the files of scheduled folders (the given ones, or the oldest `limit`), each one's row
 * after its files. A failure is logged and counted, and its folder stays scheduled.
 */
export async function runStorageDeletions(
  storage: Storage,
  options: { prefixes?: string[]; limit?: number } = {},
): Promise<StorageDeletionResult> {
  const { rows } = await pool().query<{ prefix: string }>(
    `SELECT prefix FROM storage_deletion WHERE $1::text[] IS NULL OR prefix = ANY($1::text[])
      ORDER BY "createdAt", prefix LIMIT $2`,
    [options.prefixes ?? null, options.limit ?? 500],
  );
  const result: StorageDeletionResult = { deleted: 0, failed: 0 };
  for (const { prefix } of rows) {
    try {
      await storage.deletePrefix(prefix);
      await pool().query(`DELETE FROM storage_deletion WHERE prefix = $1`, [prefix]);
      result.deleted += 1;
    } catch (error) {
      result.failed += 1;
      await pool().query(`UPDATE storage_deletion SET attempts = attempts + 1 WHERE prefix = $1`, [prefix]);
      logger().error(
        { err: error, prefix, event: "storage.deletion_failed" },
        "deleting stored files failed; the daily cleanup retries",
      );
    }
  }
  return result;
}
