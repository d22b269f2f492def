export { type BillingConfig, billingConfig } from "./config.ts";
export { type CreemEvent, parseCreemEvent } from "./events.ts";
export { getBillingOverview, hasActivePlan } from "./overview.ts";
export { type Product, productByCreemId, productCatalogue, products } from "./products.ts";
export * as billingSchemas from "./schemas.ts";
export { creemSignature, verifyCreemSignature } from "./signature.ts";
export { hasAccess } from "./subscriptions.ts";
export {
  orderGrantKey,
  periodGrantKey,
  processCreemEvent,
  receiveCreemWebhook,
  type WebhookOutcome,
} from "./webhook.ts";
