import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.webhooks.getWebhook, ({ identity, params }) =>
  getWebhookEndpoint(identity.user.id, params.id),
);

export const PATCH = defineRoute(operations.webhooks.updateWebhook, ({ identity, params, body }) =>
  updateWebhookEndpoint(identity.user.id, params.id, body),
);

export const DELETE = defineRoute(operations.webhooks.deleteWebhook, ({ identity, params }) =>
  deleteWebhookEndpoint(identity.user.id, params.id),
);
