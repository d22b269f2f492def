import { retryFailedBatchItems } from "@videofly/common";
import { operations } from "@/api/operations";
import { defineRoute } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.batches.adminRetryFailed, ({ params }) => retryFailedBatchItems(params.id));
