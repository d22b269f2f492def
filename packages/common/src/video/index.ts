export { type CallbackDelivery, receiveVideoCallback } from "./callback.ts";
export { signedCallbackUrl, verifyCallbackUrl } from "./callback-url.ts";
export { cleanupVideos } from "./cleanup.ts";
export { type VideoConfig, videoConfig } from "./config.ts";
export { type GenerateInput, type GenerateRequest, generateVideo } from "./generate.ts";
export { holdReference } from "./lifecycle.ts";
export { type GenerationMode, MODELS, modelCatalogue, priceOf, resolveModel, type VideoModel } from "./models.ts";
export { checkVideo, processDueVideos } from "./processing.ts";
export { providerRegistry } from "./providers.ts";
export {
  deleteVideo,
  findOwnVideo,
  getVideo,
  getVideoStatus,
  listVideos,
  playUrl,
  posterUrl,
  signedVideoView,
  updateVideoPolicy,
} from "./queries.ts";
export { type DurationEstimate, generationQueue, MEDIAN_SAMPLE, recentMedianDurationMs } from "./queue.ts";
export { retryVideo } from "./retry.ts";
export * as videoSchemas from "./schemas.ts";
export { MAX_UPLOAD_BYTES, presignedUpload, presignImageUpload, presignUploadBody } from "./uploads.ts";
export { mediaView, type VideoView, videoView } from "./view.ts";
export { estimatedSpeechMs, VOICES, type Voice, voiceCatalogue, voiceSchema, WORDS_PER_SECOND } from "./voices.ts";
