import { retryWebhookDelivery } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.webhooks.retryWebhookDelivery, async ({ identity, params }) =>
  respond(await retryWebhookDelivery(identity.user.id, params.id, params.deliveryId), { status: 202 }),
);
