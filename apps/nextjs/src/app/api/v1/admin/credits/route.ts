import { adjustCredits, creditSchemas } from "@videofly/common";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({ auth: "admin", body: creditSchemas.adminCreditsBody }, async ({ identity, body }) =>
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
