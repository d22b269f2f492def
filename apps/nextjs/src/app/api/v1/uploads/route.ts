import { declareUpload } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.uploads.declareUpload, async ({ identity, body }) =>
  respond(await declareUpload(identity.user.id, body), { status: 201 }),
);
