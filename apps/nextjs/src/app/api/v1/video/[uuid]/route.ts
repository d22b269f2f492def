import { deleteVideo, getVideo, updateVideoPolicy } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.video.getVideo, ({ identity, params }) =>
  getVideo(identity.user.id, params.uuid),
);

export const PATCH = defineRoute(operations.video.updateVideoPolicy, ({ identity, params, body }) =>
  updateVideoPolicy(identity.user.id, params.uuid, body),
);

export const DELETE = defineRoute(operations.video.deleteVideo, ({ identity, params }) =>
  deleteVideo(identity.user.id, params.uuid),
);
