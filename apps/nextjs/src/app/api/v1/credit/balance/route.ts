import { getBalance } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.credits.creditBalance, ({ identity }) => getBalance(identity.user.id));
