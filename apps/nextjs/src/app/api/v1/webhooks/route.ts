import { createWebhookEndpoint, listWebhookEndpoints } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.webhooks.createWebhook, async ({ identity, body }) =>
  respond(await createWebhookEndpoint(identity.user.id, body), { status: 201 }),
);

export const GET = defineRoute(operations.webhooks.listWebhooks, ({ identity }) =>
  listWebhookEndpoints(identity.user.id),
);
