import { listWebhookDeliveries } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.webhooks.listWebhookDeliveries, ({ identity, params, query }) =>
  listWebhookDeliveries(identity.user.id, params.id, query),
);
