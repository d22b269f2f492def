import { getCreditAlerts, setCreditAlerts } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.credits.creditAlerts, ({ identity }) => getCreditAlerts(identity.user.id));

export const PATCH = defineRoute(operations.credits.setCreditAlerts, ({ identity, body }) =>
  setCreditAlerts(identity.user.id, body),
);
