import { dailyUsage } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.usage.usageDaily, ({ identity, query }) =>
  dailyUsage(identity.user.id, query),
);
