import { listBatchVideos } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const GET = defineRoute(operations.batches.listBatchVideos, ({ identity, params, query }) =>
  listBatchVideos(identity.user.id, params.id, query),
);
