import { confirmAccountDeletion } from "@videofly/auth";
import { deleteAccount } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.account.currentUser, async ({ identity }) => ({
  ...identity.user,
  authenticatedVia: identity.via,
}));

export const DELETE = defineRoute(operations.account.deleteAccount, async ({ identity, request, body }) => {
  await confirmAccountDeletion(identity, request.headers, body?.password);
  return deleteAccount(identity.user.id);
});
