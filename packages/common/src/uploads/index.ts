export { uploadConfig } from "./config.ts";
export {
  type CompleteUploadInput,
  completeUploadBody,
  type DeclareUploadInput,
  declaredUpload,
  declareUploadBody,
  PART_SIZE,
  UPLOAD_PURPOSES,
  type UploadPurpose,
  uploadFactsSchema,
  uploadIdParams,
  uploadSchema,
} from "./schemas.ts";
export {
  abortAbandonedUploads,
  abortPendingUploads,
  abortUpload,
  completeUpload,
  declareUpload,
  getUpload,
  UPLOAD_TTL_HOURS,
  type UploadView,
} from "./service.ts";
export { type UploadFacts, type UploadPurposeName, type UsableUpload, usableUpload } from "./usable.ts";
