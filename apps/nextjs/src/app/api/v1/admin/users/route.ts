import { adminSchemas, listUsersWithBalances } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "admin", query: adminSchemas.usersQuery }, ({ query }) =>
  listUsersWithBalances(query),
);
