import { sendWebhookTest } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.webhooks.testWebhook, async ({ identity, params }) =>
  respond(await sendWebhookTest(identity.user.id, params.id), { status: 202 }),
);
