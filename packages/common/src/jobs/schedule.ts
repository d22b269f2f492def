import { expireCredits } from "../credits/index.ts";
import { pruneIdempotencyKeys } from "../idempotency/index.ts";
import { abortAbandonedUploads } from "../uploads/service.ts";
import { pruneApiUsage } from "../usage/prune.ts";
import { cleanupVideos } from "../video/cleanup.ts";
import { processDueVideos } from "../video/processing.ts";
import { drainWebhookDeliveries } from "../webhooks/drain.ts";
import { releaseAbandonedHolds } from "./stale-holds.ts";

export interface ScheduledJob {
  name: string;
  /** Cron expression (UTC); the same schedule vercel.json gives the matching /api/cron route. */
  cron: string;
  run(): Promise<unknown>;
}

/** Background work, as plain functions; the worker and the /api/cron routes run the same ones. */
export const SCHEDULED_JOBS: ScheduledJob[] = [
  { name: "expire-credits", cron: "0 2 * * *", run: () => expireCredits() },
  { name: "release-stale-holds", cron: "0 * * * *", run: () => releaseAbandonedHolds() },
  { name: "process-videos", cron: "* * * * *", run: () => processDueVideos() },
  { name: "cleanup-videos", cron: "30 3 * * *", run: () => cleanupVideos() },
  {
    name: "prune-idempotency-keys",
    cron: "15 * * * *",
    run: () => pruneIdempotencyKeys().then((deleted) => ({ deleted })),
  },
  { name: "prune-api-usage", cron: "15 4 * * *", run: () => pruneApiUsage() },
  { name: "abort-abandoned-uploads", cron: "45 * * * *", run: () => abortAbandonedUploads() },
  // Where no worker runs (Vercel), the minute's cron delivers what is due; the worker's own loop
  // (worker.ts) delivers within a second, and this run then finds little left.
  { name: "deliver-webhooks", cron: "* * * * *", run: () => drainWebhookDeliveries() },
];
