import { getBillingOverview } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.credits.billingOverview, ({ identity }) =>
  getBillingOverview(identity.user.id),
);
