import { getBatch } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.batches.getBatch, ({ identity, params }) =>
  getBatch(identity.user.id, params.id),
);
