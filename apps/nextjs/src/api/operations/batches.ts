import { batchSchemas, commonConfig } from "@videofly/common";
import { operation } from "@/server/operation";

const tags = ["Batches"];
const generatePolicy = { policy: "generate", perMinute: () => commonConfig().GENERATE_RATE_LIMIT_PER_MINUTE };

export const createBatch = operation({
  method: "POST",
  path: "/batches",
  auth: "session",
  scope: "batches:write",
  rateLimit: generatePolicy,
  idempotent: true,
  // Clients of the original design send their retry key in the body.
  idempotencyKeyFrom: (body) => body.requestId,
  body: batchSchemas.createBody,
  response: batchSchemas.createdBatch,
  status: 201,
  summary: "Create a batch of videos",
  description:
    "One video per combination of a template's variables, or per item of a list. The whole batch is priced and its credits held at once; items start as the concurrency limit frees slots (status queued until then). `requestId` acts as the Idempotency-Key header.",
  tags,
  errors: ["INSUFFICIENT_CREDITS", "MODEL_NOT_FOUND", "INVALID_DURATION", "IMAGE_REQUIRED", "PROVIDER_ERROR"],
});

export const listBatches = operation({
  method: "GET",
  path: "/batches",
  auth: "session",
  scope: "batches:read",
  query: batchSchemas.listQuery,
  response: batchSchemas.batchPage,
  summary: "List your batches, newest first",
  tags,
});

export const getBatch = operation({
  method: "GET",
  path: "/batches/{id}",
  auth: "session",
  scope: "batches:read",
  params: batchSchemas.idParams,
  response: batchSchemas.batch,
  summary: "Get a batch: status, counts per video status, credits",
  tags,
  errors: ["NOT_FOUND"],
});

export const listBatchVideos = operation({
  method: "GET",
  path: "/batches/{id}/videos",
  auth: "session",
  scope: "batches:read",
  params: batchSchemas.idParams,
  query: batchSchemas.videosQuery,
  response: batchSchemas.batchVideoPage,
  summary: "A batch's videos, in index order",
  tags,
  errors: ["NOT_FOUND"],
});

export const cancelBatch = operation({
  method: "POST",
  path: "/batches/{id}/cancel",
  auth: "session",
  scope: "batches:write",
  params: batchSchemas.idParams,
  response: batchSchemas.batch,
  summary: "Cancel a batch",
  description:
    "Items not yet submitted are cancelled and their credits released at once; running ones finish. Cancelling again changes nothing.",
  tags,
  errors: ["NOT_FOUND"],
});

export const adminListBatches = operation({
  method: "GET",
  path: "/admin/batches",
  auth: "admin",
  query: batchSchemas.listQuery,
  response: batchSchemas.adminBatchPage,
  summary: "Every user's batches, newest first",
  tags: ["Admin"],
});

export const adminRetryFailed = operation({
  method: "POST",
  path: "/admin/batches/{id}/retry-failed",
  auth: "admin",
  params: batchSchemas.idParams,
  response: batchSchemas.retriedBatch,
  summary: "Queue a batch's failed items again, with new holds",
  tags: ["Admin"],
  errors: ["NOT_FOUND", "CONFLICT", "INSUFFICIENT_CREDITS"],
});

export const adminCancelBatch = operation({
  method: "POST",
  path: "/admin/batches/{id}/cancel",
  auth: "admin",
  params: batchSchemas.idParams,
  response: batchSchemas.batch,
  summary: "Cancel any user's batch",
  tags: ["Admin"],
  errors: ["NOT_FOUND"],
});
