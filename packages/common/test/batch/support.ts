import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { db, pool } from "@videofly/db";
import { processDueVideos } from "../../src/video/index.ts";

const SAMPLE = readFileSync(path.resolve(import.meta.dirname, "../../../../apps/nextjs/public/demo/sample.mp4"));

/** The app's demo file, served as the app would, for the demo provider's renders to be copied. */
export async function startFileServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.url !== "/demo/sample.mp4") return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "video/mp4", "content-length": String(SAMPLE.length) });
    res.end(SAMPLE);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Kling 2.6 text-to-video, 5 s, standard: 1 credit a video. */
export const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO" as const,
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

/** Runs the poll job until the batch is finished (its finishedAt set), as the worker would. */
export async function driveUntilFinished(batchId: string, onTick?: () => Promise<void>): Promise<void> {
  for (let tick = 0; tick < 500; tick += 1) {
    const batch = await db().batch.findUniqueOrThrow({ where: { id: batchId } });
    if (batch.finishedAt) return;
    await processDueVideos();
    await onTick?.();
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`batch ${batchId} never finished`);
}

export async function statusesOf(batchId: string): Promise<Record<string, number>> {
  const { rows } = await pool().query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM video WHERE "batchId" = $1 GROUP BY status`,
    [batchId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function runningOf(userId: string): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM video WHERE "userId" = $1 AND status IN ('PENDING', 'GENERATING', 'UPLOADING')`,
    [userId],
  );
  return rows[0]?.n ?? 0;
}

/** Counts every time a batch gets its finishedAt (a trigger), so a second finalisation would show. */
export async function countFinalisations(): Promise<() => Promise<Record<string, number>>> {
  await pool().query(`
    CREATE TABLE IF NOT EXISTS test_batch_finalised ("batchId" text NOT NULL);
    CREATE OR REPLACE FUNCTION test_log_finalised() RETURNS trigger AS $$
    BEGIN
      IF NEW."finishedAt" IS NOT NULL AND NEW."finishedAt" IS DISTINCT FROM OLD."finishedAt" THEN
        INSERT INTO test_batch_finalised VALUES (NEW.id);
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS test_batch_finalised ON batch;
    CREATE TRIGGER test_batch_finalised AFTER UPDATE ON batch FOR EACH ROW EXECUTE FUNCTION test_log_finalised();`);
  return async () => {
    const { rows } = await pool().query<{ batchId: string; n: number }>(
      `SELECT "batchId", count(*)::int AS n FROM test_batch_finalised GROUP BY "batchId"`,
    );
    return Object.fromEntries(rows.map((r) => [r.batchId, r.n]));
  };
}
