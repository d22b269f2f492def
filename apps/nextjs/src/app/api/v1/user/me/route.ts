import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "session" }, async ({ identity }) => ({
  ...identity.user,
  authenticatedVia: identity.via,
}));
