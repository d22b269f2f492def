import { type StorageConfig, storageConfig } from "./config.ts";
import { createLocalStorage } from "./local.ts";
import { createS3Storage } from "./s3.ts";
import type { Storage } from "./types.ts";

export { type LocalStorageConfig, type S3StorageConfig, type StorageConfig, storageConfig } from "./config.ts";
export { runStorageDeletions, type StorageDeletionResult, scheduleStorageDeletion } from "./deletions.ts";
export {
  type LocalFile,
  type LocalFileSignatureInput,
  localFilePath,
  openLocalFile,
  verifyLocalFileSignature,
  writeLocalPart,
  writeLocalUpload,
} from "./local.ts";
export { assertStorageKey, attachmentDisposition, isStorageKey, storageKeys } from "./naming.ts";
export { storageOrigins } from "./origins.ts";
export type { CompletedPart, PresignedUpload, PutOptions, Storage, UploadedPart } from "./types.ts";

/**
 * A storage driver for `config`. `baseUrl` is the app's public origin (APP_URL), under which the
 * local driver's signed URLs point at the files route; the S3 driver has no use for it.
 */
export function createStorage(config: StorageConfig, { baseUrl }: { baseUrl: string }): Storage {
  return config.driver === "s3" ? createS3Storage(config.s3) : createLocalStorage(config.local, { baseUrl });
}

// One driver per base URL (in practice one per process): the S3 client keeps its connection pool.
const drivers = new Map<string, Storage>();

/** The process-wide driver configured by the environment (STORAGE_DRIVER and friends). */
export function storage({ baseUrl }: { baseUrl: string }): Storage {
  let driver = drivers.get(baseUrl);
  if (!driver) {
    driver = createStorage(storageConfig(), { baseUrl });
    drivers.set(baseUrl, driver);
  }
  return driver;
}
