export { type WebhookConfig, webhookConfig } from "./config.ts";
export {
  listWebhookDeliveries,
  retryWebhookDelivery,
  sendWebhookTest,
  type WebhookAttemptView,
  type WebhookDeliveryView,
} from "./deliveries.ts";
export { drainWebhookDeliveries, runDeliveryJobs } from "./drain.ts";
export { emitWebhookEvent, type WebhookEventInput } from "./emit.ts";
export {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  ROTATION_OVERLAP_MS,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from "./endpoints.ts";
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./events.ts";
export { DELIVERY_QUEUE, type DeliveryJob, deliveryBoss } from "./queue.ts";
export { JITTER, RETRY_STEPS, retryDelayMs } from "./schedule.ts";
export * as webhookSchemas from "./schemas.ts";
