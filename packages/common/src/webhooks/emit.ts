import type { SqlClient } from "@videofly/db";
import type { WebhookEventType } from "./events.ts";
import { enqueueDelivery } from "./queue.ts";

export interface WebhookEventInput {
  userId: string;
  type: WebhookEventType;
  /** The resource as the API returns it; it becomes the payload's `data`. */
  data: unknown;
}

/**
 * Writes an event into the outbox inside the caller's open transaction: the event, one delivery
 * per enabled endpoint of the user subscribed to its type, and each delivery's first job (nothing
 * at all when no endpoint subscribes). Nothing
 * is sent before the caller commits, and a rollback leaves neither rows nor jobs.
 */
export async function emitWebhookEvent(client: SqlClient, event: WebhookEventInput): Promise<void> {
  const { rows } = await client.query<{ deliveryId: string }>(
    // No subscriber, no event: the hot paths that emit (every grant, every finished video) write nothing.
    `WITH w AS (
       SELECT id FROM webhook_endpoint WHERE "userId" = $1 AND enabled AND $2 = ANY (events)
     ), e AS (
       INSERT INTO webhook_event ("userId", type, payload)
       SELECT $1, $2, $3::jsonb WHERE EXISTS (SELECT 1 FROM w) RETURNING id
     )
     INSERT INTO webhook_delivery ("eventId", "endpointId")
     SELECT e.id, w.id FROM e, w
     RETURNING id AS "deliveryId"`,
    [event.userId, event.type, JSON.stringify(event.data ?? null)],
  );
  for (const { deliveryId } of rows) await enqueueDelivery(client, { deliveryId, attempt: 1 });
}

/** The test button's `ping`: one event for one endpoint, whatever it subscribes to. */
export async function emitPing(
  client: SqlClient,
  input: { userId: string; endpointId: string },
): Promise<{ eventId: string; deliveryId: string }> {
  const { rows } = await client.query<{ eventId: string; deliveryId: string }>(
    `WITH e AS (
       INSERT INTO webhook_event ("userId", type, payload) VALUES ($1, 'ping', $2::jsonb) RETURNING id
     )
     INSERT INTO webhook_delivery ("eventId", "endpointId") SELECT e.id, $3 FROM e
     RETURNING "eventId", id AS "deliveryId"`,
    [input.userId, JSON.stringify({ endpointId: input.endpointId, message: "Hello from VideoFly." }), input.endpointId],
  );
  const row = rows[0];
  if (!row) throw new Error("ping was not written");
  await enqueueDelivery(client, { deliveryId: row.deliveryId, attempt: 1 });
  return row;
}
