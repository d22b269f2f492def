import { latestPublicVideos } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.video.latestPublicVideos, ({ identity, query }) =>
  latestPublicVideos({ viewerId: identity?.user.id ?? null, ...query }),
);
