import { presignImageUpload } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.video.presignUpload, async ({ identity, body }) =>
  respond(await presignImageUpload(identity.user.id, body), { status: 201 }),
);
