import { videoAccessStats } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.video.videoAccessStats, ({ identity, params, query }) =>
  videoAccessStats(identity.user.id, params.uuid, query.days),
);
