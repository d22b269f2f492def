import { cancelBatch } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.batches.cancelBatch, ({ identity, params }) =>
  cancelBatch(identity.user.id, params.id),
);
