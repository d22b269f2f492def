import { presignImageUpload, presignUploadBody } from "@videofly/common";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({ auth: "session", body: presignUploadBody }, async ({ identity, body }) =>
  respond(await presignImageUpload(identity.user.id, body), { status: 201 }),
);
