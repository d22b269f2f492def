import { dbConfig, type SqlClient } from "@videofly/db";
import PgBoss from "pg-boss";
import type { LowBalanceMailJob } from "../credits/low-balance-mail.ts";
import { logger } from "../logger.ts";

/** One job per delivery attempt; the credits.low mail rides along (same triggers, same retries). */
export const DELIVERY_QUEUE = "webhook-delivery";

export interface DeliveryJob {
  deliveryId: string;
  /** The attempt this job makes; a job whose attempt was already recorded does nothing. */
  attempt: number;
}

// A crashed attempt's job expires and pg-boss runs it again (the attempt guard keeps it single);
// an HTTP failure is not a job failure: the next attempt is its own job, at its own time.
const QUEUE_OPTIONS = { name: DELIVERY_QUEUE, retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 };

const globalForQueue = globalThis as unknown as { videoflyWebhookBoss?: Promise<PgBoss> };

/**
 * The process's pg-boss for sending and fetching delivery jobs: no maintenance and no cron here
 * (the worker does those). Starting it installs pg-boss's schema when it is missing and creates
 * the queue. It has two connections of its own rather than the app's pool: the first start can
 * happen inside a credit transaction (credits.low) that holds a user's lock while every pooled
 * connection waits for that same lock, and a start on the app's pool would then never get one.
 */
export function deliveryBoss(): Promise<PgBoss> {
  globalForQueue.videoflyWebhookBoss ??= start().catch((error: unknown) => {
    globalForQueue.videoflyWebhookBoss = undefined;
    throw error;
  });
  return globalForQueue.videoflyWebhookBoss;
}

async function start(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: dbConfig().DATABASE_URL,
    max: 2,
    supervise: false,
    schedule: false,
  });
  boss.on("error", (error) => logger().error({ err: error }, "pg-boss error (webhooks)"));
  await boss.start();
  await boss.createQueue(DELIVERY_QUEUE, QUEUE_OPTIONS);
  return boss;
}

/** Enqueues a mail job inside `client`'s open transaction, to be sent after it commits. */
export async function enqueueMail(client: SqlClient, job: LowBalanceMailJob): Promise<void> {
  const boss = await deliveryBoss();
  const id = await boss.send(DELIVERY_QUEUE, job, { db: { executeSql: (text, values) => client.query(text, values) } });
  if (!id) throw new Error(`the ${DELIVERY_QUEUE} queue refused a mail job`);
}

/** Enqueues an attempt inside `client`'s open transaction: the job exists if and only if it commits. */
export async function enqueueDelivery(client: SqlClient, job: DeliveryJob, startAfter?: Date): Promise<void> {
  const boss = await deliveryBoss();
  const id = await boss.send(DELIVERY_QUEUE, job, {
    db: { executeSql: (text, values) => client.query(text, values) },
    ...(startAfter ? { startAfter } : {}),
  });
  if (!id) throw new Error(`the ${DELIVERY_QUEUE} queue refused a job`);
}
