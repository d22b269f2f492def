import { listPackages } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.credits.creditPackages, ({ identity, query }) =>
  listPackages(identity.user.id, query),
);
