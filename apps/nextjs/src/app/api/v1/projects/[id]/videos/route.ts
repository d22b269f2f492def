import { listProjectVideos, moveVideos } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.projects.listProjectVideos, ({ identity, params, query }) =>
  listProjectVideos(identity.user.id, params.id, query),
);

export const POST = defineRoute(operations.projects.addProjectVideos, ({ identity, params, body }) =>
  moveVideos(identity.user.id, params.id, body.videoUuids),
);
