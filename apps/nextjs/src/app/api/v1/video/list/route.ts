import { listVideos, videoSchemas } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "session", query: videoSchemas.listQuery }, ({ identity, query }) =>
  listVideos(identity.user.id, query),
);
