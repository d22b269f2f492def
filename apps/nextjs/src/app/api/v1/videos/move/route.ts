import { moveVideos } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.projects.moveVideos, ({ identity, body }) =>
  moveVideos(identity.user.id, body.projectId, body.videoUuids),
);
