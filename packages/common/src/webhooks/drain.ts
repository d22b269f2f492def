import type PgBoss from "pg-boss";
import { isLowBalanceMailJob, type LowBalanceMailJob, sendLowBalanceMail } from "../credits/low-balance-mail.ts";
import { logger } from "../logger.ts";
import { runDeliveryJob } from "./deliver.ts";
import { DELIVERY_QUEUE, type DeliveryJob, deliveryBoss } from "./queue.ts";

const BATCH = 20;

/**
 * Runs a fetched batch of delivery jobs (and credits.low mails) side by side. A job that throws (the
 * database or the SMTP server, not a receiver: a receiver's failure is recorded and scheduled) is
 * failed alone, for pg-boss to retry.
 */
export async function runDeliveryJobs(
  boss: PgBoss,
  jobs: PgBoss.Job<DeliveryJob | LowBalanceMailJob>[],
): Promise<number> {
  const results = await Promise.allSettled(
    jobs.map((job) => (isLowBalanceMailJob(job.data) ? sendLowBalanceMail(job.data) : runDeliveryJob(job.data))),
  );
  let done = 0;
  for (const [index, result] of results.entries()) {
    const job = jobs[index] as PgBoss.Job<DeliveryJob | LowBalanceMailJob>;
    if (result.status === "fulfilled") {
      done += 1;
      continue;
    }
    logger().error({ err: result.reason, job: job.data }, "webhook delivery job failed");
    await boss.fail(DELIVERY_QUEUE, job.id, { message: String(result.reason) });
  }
  return done;
}

/**
 * The cron route's way to deliver (deployments without `pnpm worker`): takes due jobs in batches
 * until none are left or `budgetMs` has passed, completing each as it goes. It first runs pg-boss's
 * maintenance, which nothing else runs without a worker: jobs a crashed run left active expire (so
 * this run takes them again) and finished ones are archived and, later, dropped.
 */
export async function drainWebhookDeliveries(budgetMs = 50_000): Promise<{ attempts: number }> {
  const boss = await deliveryBoss();
  await boss.maintain();
  const end = Date.now() + budgetMs;
  let attempts = 0;
  while (Date.now() < end) {
    const jobs = await boss.fetch<DeliveryJob | LowBalanceMailJob>(DELIVERY_QUEUE, { batchSize: BATCH });
    if (!jobs.length) break;
    attempts += await runDeliveryJobs(boss, jobs);
    // Only active jobs complete: the ones failed above stay failed.
    await boss.complete(
      DELIVERY_QUEUE,
      jobs.map((j) => j.id),
    );
  }
  return { attempts };
}
