import { transaction } from "@videofly/db";
import { webhookConfig } from "./config.ts";
import type { AttemptResult } from "./post.ts";
import { type DeliveryJob, enqueueDelivery } from "./queue.ts";
import { retryDelayMs } from "./schedule.ts";

export type AttemptOutcome = "succeeded" | "retrying" | "failed" | "skipped";

export type DisableReason = "gone" | "failing";

export interface DisabledEndpoint {
  endpointId: string;
  userId: string;
  url: string;
  reason: DisableReason;
}

interface Decision {
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  outcome: AttemptOutcome;
  nextAttemptAt: Date | null;
  /** The endpoint's new failingSince (undefined: unchanged). */
  failingSince?: Date | null;
  disable?: DisableReason;
}

/** What one attempt's answer means for its delivery and its endpoint. */
export function decide(
  job: DeliveryJob,
  result: AttemptResult,
  endpoint: { enabled: boolean; failingSince: Date | null },
  now: Date,
  config = webhookConfig(),
): Decision {
  const code = result.statusCode;
  if (code !== null && code >= 200 && code < 300) {
    return { status: "SUCCEEDED", outcome: "succeeded", nextAttemptAt: null, failingSince: null };
  }
  if (!endpoint.enabled) return { status: "FAILED", outcome: "failed", nextAttemptAt: null };
  // 410 Gone: the receiver says the endpoint no longer exists.
  if (code === 410) return { status: "FAILED", outcome: "failed", nextAttemptAt: null, disable: "gone" };
  const failingSince = endpoint.failingSince ?? now;
  if (now.getTime() - failingSince.getTime() >= config.disableAfterMs) {
    return { status: "FAILED", outcome: "failed", nextAttemptAt: null, failingSince, disable: "failing" };
  }
  const delay = retryDelayMs(job.attempt, config.retryBaseMs);
  if (delay === null) return { status: "FAILED", outcome: "failed", nextAttemptAt: null, failingSince };
  return { status: "PENDING", outcome: "retrying", nextAttemptAt: new Date(now.getTime() + delay), failingSince };
}

/**
 * Records an attempt made (after its HTTP call) and, in the same transaction, schedules the next
 * one or settles the delivery, and updates the endpoint (failing since, disabled). The attempt's
 * unique number makes a second recording of it (a job run twice) a no-op.
 */
export async function recordAttempt(
  job: DeliveryJob,
  endpointId: string,
  result: AttemptResult,
  now = new Date(),
): Promise<{ outcome: AttemptOutcome; disabledEndpoint?: DisabledEndpoint }> {
  return transaction(async (client) => {
    const { rows } = await client.query<{ enabled: boolean; failingSince: Date | null; userId: string; url: string }>(
      `SELECT enabled, "failingSince", "userId", url FROM webhook_endpoint WHERE id = $1 FOR UPDATE`,
      [endpointId],
    );
    const endpoint = rows[0];
    if (!endpoint) return { outcome: "skipped" as const };
    const inserted = await client.query(
      `INSERT INTO webhook_attempt ("deliveryId", attempt, "statusCode", "durationMs", "responseBody", error, "createdAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ("deliveryId", attempt) DO NOTHING`,
      [job.deliveryId, job.attempt, result.statusCode, result.durationMs, result.responseBody, result.error, now],
    );
    if (inserted.rowCount === 0) return { outcome: "skipped" as const };
    const decision = decide(job, result, endpoint, now);
    await client.query(
      `UPDATE webhook_delivery SET status = $2::"WebhookDeliveryStatus", attempts = $3, "nextAttemptAt" = $4,
              "lastStatusCode" = $5, "updatedAt" = $6
        WHERE id = $1`,
      [job.deliveryId, decision.status, job.attempt, decision.nextAttemptAt, result.statusCode, now],
    );
    if (decision.failingSince !== undefined || decision.disable) {
      await client.query(
        `UPDATE webhook_endpoint
            SET "failingSince" = CASE WHEN $2 THEN $3::timestamptz ELSE "failingSince" END,
                enabled = enabled AND NOT $4, "disabledReason" = COALESCE($5, "disabledReason"), "updatedAt" = $6
          WHERE id = $1`,
        [
          endpointId,
          decision.failingSince !== undefined,
          decision.failingSince ?? null,
          Boolean(decision.disable),
          decision.disable ?? null,
          now,
        ],
      );
    }
    if (decision.nextAttemptAt) {
      await enqueueDelivery(client, { deliveryId: job.deliveryId, attempt: job.attempt + 1 }, decision.nextAttemptAt);
    }
    const disabledEndpoint = decision.disable
      ? { endpointId, userId: endpoint.userId, url: endpoint.url, reason: decision.disable }
      : undefined;
    return { outcome: decision.outcome, ...(disabledEndpoint ? { disabledEndpoint } : {}) };
  });
}
