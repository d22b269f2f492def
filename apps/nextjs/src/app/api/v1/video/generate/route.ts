import { generateVideo, getVideo } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.video.generateVideo, async ({ identity, body, heldCredits }) => {
  const video = await generateVideo(identity.user.id, body);
  heldCredits(video.creditsCost);
  return respond(await getVideo(identity.user.id, video.uuid), { status: 201 });
});
