import { generateVideo, getVideo, videoSchemas } from "@videofly/common";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({ auth: "session", body: videoSchemas.generateBody }, async ({ identity, body }) => {
  const video = await generateVideo(identity.user.id, body);
  return respond(await getVideo(identity.user.id, video.uuid), { status: 201 });
});
