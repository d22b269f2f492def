import { createApiKey, listApiKeys } from "@videofly/auth";
import { withRequestCounts } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.keys.createApiKey, async ({ identity, body }) =>
  respond(await createApiKey(identity.user.id, body), { status: 201 }),
);

export const GET = defineRoute(operations.keys.listApiKeys, async ({ identity }) =>
  withRequestCounts(await listApiKeys(identity.user.id)),
);
