import { z } from "zod";

/** What an endpoint can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  "video.completed",
  "video.failed",
  "batch.completed",
  "credits.low",
  "credits.granted",
] as const;

/** Every type an event can have: the subscribable ones and `ping`, which the test button sends to one endpoint. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | "ping";

export const webhookEventType = z.enum(WEBHOOK_EVENT_TYPES).meta({ id: "WebhookEventType" });
