import { adminUpdateApiKey } from "@videofly/auth";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute(operations.keys.adminUpdateApiKey, ({ params, body }) =>
  adminUpdateApiKey(params.id, body),
);
