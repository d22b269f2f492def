import { getVideo, retryVideo } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.video.retryVideo, async ({ identity, params }) => {
  await retryVideo(identity.user.id, params.uuid);
  return respond(await getVideo(identity.user.id, params.uuid), { status: 202 });
});
