// `pnpm worker`: runs the background jobs until SIGINT/SIGTERM.
import { dbConfig, disconnectDb } from "@videofly/db";
import { logger } from "../logger.ts";
import { videoConfig } from "../video/config.ts";
import { webhookConfig } from "../webhooks/config.ts";
import { startWorker } from "./worker.ts";

// A bad webhook setting stops the worker here, naming it, rather than failing every delivery.
webhookConfig();

const worker = await startWorker({
  databaseUrl: dbConfig().DATABASE_URL,
  pollIntervalMs: videoConfig().WORKER_POLL_INTERVAL_MS,
});

async function shutdown(signal: string) {
  logger().info({ signal }, "worker stopping");
  await worker.stop();
  await disconnectDb();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
