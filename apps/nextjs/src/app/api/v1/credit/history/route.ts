import { creditHistory, creditSchemas } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "session", query: creditSchemas.historyQuery }, ({ identity, query }) =>
  creditHistory(identity.user.id, query),
);
