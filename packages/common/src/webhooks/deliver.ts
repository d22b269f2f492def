import { pool } from "@videofly/db";
import { logger } from "../logger.ts";
import { notifyEndpointDisabled } from "./notify.ts";
import { type AttemptResult, postWebhook } from "./post.ts";
import type { DeliveryJob } from "./queue.ts";
import { type AttemptOutcome, recordAttempt } from "./record.ts";
import { decryptSecret } from "./secrets.ts";

interface DeliveryRow {
  status: string;
  attempts: number;
  eventId: string;
  type: string;
  payload: unknown;
  eventAt: Date;
  endpointId: string;
  url: string;
  enabled: boolean;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The body of every attempt of an event: the same bytes each time, so a receiver can deduplicate by id. */
export function eventBody(row: { type: string; eventAt: Date; payload: unknown }): string {
  return JSON.stringify({ type: row.type, timestamp: row.eventAt.toISOString(), data: row.payload });
}

/**
 * Runs one attempt of a delivery: reads it (no transaction), POSTs it, then records the attempt
 * and schedules the next in one transaction. A job for an attempt already made, or for a
 * delivery that is no longer pending, does nothing.
 */
export async function runDeliveryJob(job: DeliveryJob): Promise<AttemptOutcome | "skipped"> {
  const { rows } = await pool().query<DeliveryRow>(
    `SELECT d.status, d.attempts, e.id AS "eventId", e.type, e.payload, e."createdAt" AS "eventAt",
            w.id AS "endpointId", w.url, w.enabled, w."secretEncrypted", w."previousSecretEncrypted",
            w."previousSecretExpiresAt"
       FROM webhook_delivery d JOIN webhook_event e ON e.id = d."eventId" JOIN webhook_endpoint w ON w.id = d."endpointId"
      WHERE d.id = $1`,
    [job.deliveryId],
  );
  const row = rows[0];
  if (row?.status !== "PENDING" || row.attempts !== job.attempt - 1) return "skipped";
  const result: AttemptResult = row.enabled
    ? await postWebhook({ url: row.url, msgId: row.eventId, body: eventBody(row), secrets: secretsOf(row) })
    : { statusCode: null, durationMs: 0, responseBody: null, error: "endpoint_disabled: the endpoint is disabled" };
  const recorded = await recordAttempt(job, row.endpointId, result);
  if (recorded.disabledEndpoint) {
    await notifyEndpointDisabled(recorded.disabledEndpoint).catch((error: unknown) =>
      logger().error(
        { err: error, endpointId: row.endpointId },
        "webhook endpoint disabled, but its owner was not mailed",
      ),
    );
  }
  return recorded.outcome;
}

function secretsOf(row: DeliveryRow): string[] {
  const secrets = [decryptSecret(row.secretEncrypted)];
  if (row.previousSecretEncrypted && row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date()) {
    secrets.push(decryptSecret(row.previousSecretEncrypted));
  }
  return secrets;
}
