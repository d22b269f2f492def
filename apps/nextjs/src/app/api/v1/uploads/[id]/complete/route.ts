import { completeUpload } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.uploads.completeUpload, ({ identity, params, body }) =>
  completeUpload(identity.user.id, params.id, body),
);
