import { latestPublicVideos, videoSchemas } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "public", query: videoSchemas.latestQuery }, ({ query }) =>
  latestPublicVideos(query.limit),
);
