import { rotateWebhookSecret } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.webhooks.rotateWebhookSecret, ({ identity, params }) =>
  rotateWebhookSecret(identity.user.id, params.id),
);
