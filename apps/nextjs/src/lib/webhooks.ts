// What the webhooks page receives from /api/v1/webhooks: the API document's own types, through the SDK.
import type { components } from "@videofly/sdk";

export type WebhookEndpoint = components["schemas"]["WebhookEndpoint"];
/** The answer to a create or a rotation: the only time the secret is seen. */
export type WebhookEndpointWithSecret = components["schemas"]["WebhookEndpointWithSecret"];
export type WebhookDelivery = components["schemas"]["WebhookDelivery"];
export type WebhookDeliveryPage = components["schemas"]["WebhookDeliveryPage"];
