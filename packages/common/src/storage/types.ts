import type { Readable } from "node:stream";

export interface PutOptions {
  contentType: string;
  /** When known; drivers stream either way, and fail the put, storing nothing, if the body differs. */
  contentLength?: number;
}

export interface PresignedUpload {
  url: string;
  method: "PUT";
  /** Headers the uploader must send with the body (Content-Type, …). */
  headers: Record<string, string>;
  expiresAt: Date;
}

/**
 * Where files live: S3-compatible object storage, or the local disk by default. Keys look like
 * `uploads/<userId>/<id>.<ext>` and `videos/<videoUuid>/<id>.mp4` (or `.webm`).
 */
export interface Storage {
  readonly driver: "s3" | "local";
  /** Streams `body` to `key` without holding it whole in memory; resolves with the bytes written. */
  put(key: string, body: Readable, options: PutOptions): Promise<{ key: string; size: number }>;
  /**
   * A URL the client PUTs the file to. `contentLength`, when the client declared its file's size,
   * is signed too: S3 then refuses any other size. S3 cannot enforce `maxBytes` on a presigned PUT,
   * so after an upload check the object's size with `head` before trusting it.
   */
  presignUpload(
    key: string,
    options: { contentType: string; maxBytes: number; expiresInSeconds: number; contentLength?: number },
  ): Promise<PresignedUpload>;
  presignDownload(key: string, options: { expiresInSeconds: number; downloadName?: string }): Promise<string>;
  /** Size of an object, or null when there is none. */
  head(key: string): Promise<{ size: number; contentType?: string } | null>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Deletes every object under the folder `prefix` (`uploads/<userId>` holds `uploads/<userId>/…`). */
  deletePrefix(prefix: string): Promise<void>;
  /** A permanent public URL when the bucket is public (STORAGE_PUBLIC_URL), else null. */
  publicUrl(key: string): string | null;
}
