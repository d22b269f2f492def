import { creditHistory } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.credits.creditHistory, ({ identity, query }) =>
  creditHistory(identity.user.id, query),
);
