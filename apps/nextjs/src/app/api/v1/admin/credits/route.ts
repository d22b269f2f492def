import { adjustCredits } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.admin.adminAdjustCredits, async ({ identity, body }) =>
  respond(
    await adjustCredits({
      user: body.userId ? { id: body.userId } : { email: body.email ?? "" },
      credits: body.credits,
      reason: body.reason,
      expiresInDays: body.expiresInDays,
      actorId: identity.user.id,
    }),
    { status: 201 },
  ),
);
