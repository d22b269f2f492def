import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { pageSchema, timestamp } from "../wire.ts";
import { webhookEventType } from "./events.ts";

/** Where a page of deliveries stopped, newest first: creation time, then id. */
export const deliveryCursor = cursorCodec("webhook_deliveries", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type DeliveryPosition = NonNullable<z.output<typeof deliveryCursor.query>>;

const url = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .meta({ description: "https in production; checked again on every delivery." });
const events = z
  .array(webhookEventType)
  .min(1)
  .max(20)
  .transform((list) => [...new Set(list)]);

export const createBody = z.object({
  url,
  events,
  description: z.string().trim().max(500).optional(),
});

export const updateBody = z
  .object({
    url: url.optional(),
    events: events.optional(),
    description: z.string().trim().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Nothing to change." });

export const idParams = z.object({ id: z.string().regex(/^whe_[0-9a-f]{32}$/, "Not a webhook endpoint id.") });
export const deliveryParams = idParams.extend({
  deliveryId: z.string().regex(/^whd_[0-9a-f]{32}$/, "Not a delivery id."),
});

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: deliveryCursor.query,
});

export type CreateEndpointInput = z.output<typeof createBody>;
export type UpdateEndpointInput = z.output<typeof updateBody>;

// Responses: the envelope's `data`, as JSON carries it.

export const endpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(webhookEventType),
    enabled: z.boolean(),
    disabledReason: z.enum(["gone", "failing", "manual"]).nullable().meta({
      description: "gone: the receiver answered 410; failing: deliveries failed for 3 days; manual: turned off.",
    }),
    failingSince: timestamp().nullable(),
    previousSecretExpiresAt: timestamp()
      .nullable()
      .meta({ description: "While a rotation runs, the old secret signs beside the new one until then." }),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .meta({ id: "WebhookEndpoint" });

export const endpointWithSecret = endpoint
  .extend({ secret: z.string().meta({ description: "The signing secret (`whsec_…`), shown only now." }) })
  .meta({ id: "WebhookEndpointWithSecret" });

export const endpointList = z.array(endpoint);

export const deletedEndpoint = z
  .object({ id: z.string(), deleted: z.literal(true) })
  .meta({ id: "DeletedWebhookEndpoint" });

export const deliveryStatus = z.enum(["PENDING", "SUCCEEDED", "FAILED"]).meta({ id: "WebhookDeliveryStatus" });

export const attempt = z
  .object({
    attempt: z.int(),
    statusCode: z.int().nullable(),
    durationMs: z.int(),
    responseBody: z.string().nullable().meta({ description: "The first 1 KB of the answer." }),
    error: z.string().nullable().meta({ description: "Why there was no answer (timeout, refused address…)." }),
    createdAt: timestamp(),
  })
  .meta({ id: "WebhookAttempt" });

export const delivery = z
  .object({
    id: z.string(),
    eventId: z.string().meta({ description: "The `webhook-id` header: the same on every attempt." }),
    eventType: z.string(),
    status: deliveryStatus,
    attempts: z.int(),
    nextAttemptAt: timestamp().nullable(),
    lastStatusCode: z.int().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    attemptLog: z.array(attempt).meta({ description: "Every attempt, oldest first." }),
  })
  .meta({ id: "WebhookDelivery" });

export const deliveryPage = pageSchema(delivery, "WebhookDeliveryPage");

export const testSent = z
  .object({ eventId: z.string(), deliveryId: z.string() })
  .meta({ id: "WebhookTestSent", description: "The ping is queued; its attempts appear in the delivery log." });

export const retryQueued = z
  .object({ id: z.string(), attempt: z.int().meta({ description: "The number the new attempt will have." }) })
  .meta({ id: "WebhookRetryQueued" });
