import { pool, SqlParams, transaction } from "@videofly/db";
import { AppError } from "../errors/index.ts";
import type { Page } from "../pagination.ts";
import { emitPing } from "./emit.ts";
import { enqueueDelivery } from "./queue.ts";
import { type DeliveryPosition, deliveryCursor } from "./schemas.ts";

export interface WebhookAttemptView {
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  createdAt: Date;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  createdAt: Date;
  updatedAt: Date;
  attemptLog: WebhookAttemptView[];
}

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

function notFound(what: "endpoint" | "delivery"): AppError {
  return new AppError("NOT_FOUND", { message: `Webhook ${what} not found.` });
}

async function ownEndpoint(userId: string, endpointId: string): Promise<{ enabled: boolean }> {
  const { rows } = await pool().query<{ enabled: boolean }>(
    `SELECT enabled FROM webhook_endpoint WHERE id = $1 AND "userId" = $2`,
    [endpointId, userId],
  );
  if (!rows[0]) throw notFound("endpoint");
  return rows[0];
}

function assertEnabled(endpoint: { enabled: boolean }, action: string): void {
  if (!endpoint.enabled)
    throw new AppError("CONFLICT", { message: `The endpoint is disabled; turn it on to ${action}.` });
}

/** An endpoint's deliveries, newest first, each with every attempt made. */
export async function listWebhookDeliveries(
  userId: string,
  endpointId: string,
  input: { limit: number; cursor?: DeliveryPosition },
): Promise<Page<WebhookDeliveryView>> {
  await ownEndpoint(userId, endpointId);
  const p = new SqlParams();
  let where = `d."endpointId" = ${p.add(endpointId)}`;
  if (input.cursor) {
    where += ` AND (d."createdAt", d.id) < (${p.add(input.cursor[0], "timestamptz")}, ${p.add(input.cursor[1])})`;
  }
  const { rows } = await pool().query<Omit<WebhookDeliveryView, "attemptLog"> & { at: string; attemptLog: unknown[] }>(
    `SELECT d.id, d."eventId", e.type AS "eventType", d.status, d.attempts, d."nextAttemptAt", d."lastStatusCode",
            d."createdAt", d."updatedAt", to_char(d."createdAt" AT TIME ZONE 'UTC', ${ISO_MS}) AS at,
            COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'statusCode', a."statusCode",
                       'durationMs', a."durationMs", 'responseBody', a."responseBody", 'error', a.error,
                       'createdAt', a."createdAt") ORDER BY a.attempt)
                        FROM webhook_attempt a WHERE a."deliveryId" = d.id), '[]') AS "attemptLog"
       FROM webhook_delivery d JOIN webhook_event e ON e.id = d."eventId"
      WHERE ${where}
      ORDER BY d."createdAt" DESC, d.id DESC
      LIMIT ${p.add(input.limit + 1)}`,
    p.values,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ at: _at, attemptLog, ...d }) => ({
      ...d,
      attemptLog: (attemptLog as (Omit<WebhookAttemptView, "createdAt"> & { createdAt: string })[]).map((a) => ({
        ...a,
        createdAt: new Date(a.createdAt),
      })),
    })),
    nextCursor: rows.length > input.limit && last ? deliveryCursor.encode([last.at, last.id]) : null,
  };
}

/**
 * One more attempt of a delivery, now, with the same event id; the schedule goes on from there if
 * it fails. A disabled endpoint must be turned on first (409).
 */
export async function retryWebhookDelivery(
  userId: string,
  endpointId: string,
  deliveryId: string,
): Promise<{ id: string; attempt: number }> {
  assertEnabled(await ownEndpoint(userId, endpointId), "retry a delivery");
  return transaction(async (client) => {
    const { rows } = await client.query<{ attempts: number }>(
      `UPDATE webhook_delivery SET status = 'PENDING', "nextAttemptAt" = now(), "updatedAt" = now()
        WHERE id = $1 AND "endpointId" = $2 RETURNING attempts`,
      [deliveryId, endpointId],
    );
    const row = rows[0];
    if (!row) throw notFound("delivery");
    const attempt = row.attempts + 1;
    await enqueueDelivery(client, { deliveryId, attempt });
    return { id: deliveryId, attempt };
  });
}

/** Sends a `ping` event to this endpoint only (a disabled one must be turned on first: 409). */
export async function sendWebhookTest(
  userId: string,
  endpointId: string,
): Promise<{ eventId: string; deliveryId: string }> {
  assertEnabled(await ownEndpoint(userId, endpointId), "send a test");
  return transaction((client) => emitPing(client, { userId, endpointId }));
}
