import { confirmAccountDeletion } from "@videofly/auth";
import { deleteAccount, deleteAccountBody } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "session" }, async ({ identity }) => ({
  ...identity.user,
  authenticatedVia: identity.via,
}));

export const DELETE = defineRoute({ auth: "session", body: deleteAccountBody }, async ({ identity, request, body }) => {
  await confirmAccountDeletion(identity, request.headers, body?.password);
  return deleteAccount(identity.user.id);
});
