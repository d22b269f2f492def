import PgBoss from "pg-boss";
import type { LowBalanceMailJob } from "../credits/low-balance-mail.ts";
import { logger } from "../logger.ts";
import { processDueVideos } from "../video/processing.ts";
import { DELIVERY_QUEUE, type DeliveryJob, deliveryBoss, runDeliveryJobs } from "../webhooks/index.ts";
import { SCHEDULED_JOBS } from "./schedule.ts";

const DELIVERY_POLLERS = 4;

export interface Worker {
  stop(): Promise<void>;
}

/**
 * The long-running worker for self-hosting: pg-boss (a queue in PostgreSQL) runs each scheduled
 * job once per tick however many workers are up, and a short loop picks up due videos between
 * ticks (SKIP LOCKED claims let any number of workers share them).
 */
export async function startWorker(options: { databaseUrl: string; pollIntervalMs: number }): Promise<Worker> {
  const log = logger().child({ component: "worker" });
  const boss = new PgBoss({ connectionString: options.databaseUrl, max: 4 });
  boss.on("error", (error) => log.error({ err: error }, "pg-boss error"));
  await boss.start();
  for (const job of SCHEDULED_JOBS) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, undefined, { tz: "UTC" });
    await boss.work(job.name, async () => {
      const result = await job.run();
      log.info({ job: job.name, result }, "job done");
    });
  }
  // Installs the delivery queue; then webhook attempts run as soon as they are due. pg-boss waits
  // out its polling interval after each batch, so several pollers keep deliveries flowing.
  await deliveryBoss();
  for (let i = 0; i < DELIVERY_POLLERS; i++) {
    await boss.work<DeliveryJob | LowBalanceMailJob>(
      DELIVERY_QUEUE,
      { batchSize: 25, pollingIntervalSeconds: 0.5 },
      (jobs) => runDeliveryJobs(boss, jobs),
    );
  }

  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = processDueVideos()
      .then((r) => (r.checked || r.dispatched) && log.info({ job: "process-videos", result: r }, "videos checked"))
      .catch((error: unknown) => log.error({ err: error }, "processing videos failed"))
      .finally(() => {
        if (!stopping) timer = setTimeout(tick, options.pollIntervalMs);
      });
  };
  tick();
  log.info({ jobs: SCHEDULED_JOBS.map((j) => j.name) }, "worker started");
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
      await boss.stop({ graceful: true, wait: true });
    },
  };
}
