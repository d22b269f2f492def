import { revokeApiKey, updateApiKey } from "@videofly/auth";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute(operations.keys.updateApiKey, ({ identity, params, body }) =>
  updateApiKey(identity.user.id, params.id, body),
);

export const DELETE = defineRoute(operations.keys.revokeApiKey, async ({ identity, params }) => {
  await revokeApiKey(identity.user.id, params.id);
  return { id: params.id, revoked: true };
});
