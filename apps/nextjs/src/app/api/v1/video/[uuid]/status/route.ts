import { getVideoStatus, videoSchemas } from "@videofly/common";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ auth: "session", params: videoSchemas.uuidParams }, ({ identity, params }) =>
  getVideoStatus(identity.user.id, params.uuid),
);
