import { createBatch, listBatches, startQueuedVideos } from "@videofly/common";
import { after } from "next/server";
import { operations } from "@/api/operations";
import { defineRoute, respond } from "@/server/define-route";

export const dynamic = "force-dynamic";

export const POST = defineRoute(operations.batches.createBatch, async ({ identity, body, heldCredits }) => {
  const batch = await createBatch(identity.user.id, body, { maxItems: identity.key?.batchMaxItems });
  heldCredits(batch.requiredCredits);
  // The first items start after the answer: the caller does not wait for the providers.
  after(() => startQueuedVideos(identity.user.id));
  return respond(batch, { status: 201 });
});

export const GET = defineRoute(operations.batches.listBatches, ({ identity, query }) =>
  listBatches(identity.user.id, query),
);
