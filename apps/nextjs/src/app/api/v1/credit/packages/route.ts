import { creditSchemas, listPackages } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "session", query: creditSchemas.packagesQuery }, ({ identity, query }) =>
  listPackages(identity.user.id, query),
);
