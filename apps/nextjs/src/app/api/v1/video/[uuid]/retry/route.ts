import { getVideo, retryVideo, videoSchemas } from "@videofly/common";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({ auth: "session", params: videoSchemas.uuidParams }, async ({ identity, params }) => {
  await retryVideo(identity.user.id, params.uuid);
  return respond(await getVideo(identity.user.id, params.uuid), { status: 202 });
});
