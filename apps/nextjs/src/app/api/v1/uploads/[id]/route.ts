import { abortUpload, getUpload } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.uploads.getUpload, ({ identity, params }) =>
  getUpload(identity.user.id, params.id),
);

export const DELETE = defineRoute(operations.uploads.abortUpload, ({ identity, params }) =>
  abortUpload(identity.user.id, params.id),
);
