export { cancelBatch, cancelQueuedInTransaction, cancelQueuedVideo } from "./cancel.ts";
export { type CreateBatchBody, type CreatedBatch, createBatch } from "./create.ts";
export { dispatchQueuedVideos, startQueuedVideos } from "./dispatch.ts";
export { finaliseBatchInTransaction } from "./finalise.ts";
export { getBatch, listAllBatches, listBatches, listBatchVideos } from "./queries.ts";
export { retryFailedBatchItems } from "./retry.ts";
export * as batchSchemas from "./schemas.ts";
export { combinationCount, expandTemplate } from "./template.ts";
export { type BatchStatusName, type BatchView, loadBatchView } from "./view.ts";
