import { deleteVideo, getVideo, setVideoVisibility, videoSchemas } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "session", params: videoSchemas.uuidParams }, ({ identity, params }) =>
  getVideo(identity.user.id, params.uuid),
);

export const PATCH = defineRoute(
  { auth: "session", params: videoSchemas.uuidParams, body: videoSchemas.visibilityBody },
  ({ identity, params, body }) => setVideoVisibility(identity.user.id, params.uuid, body.isPublic),
);

export const DELETE = defineRoute({ auth: "session", params: videoSchemas.uuidParams }, ({ identity, params }) =>
  deleteVideo(identity.user.id, params.uuid),
);
