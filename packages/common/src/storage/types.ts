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

/** A part a multipart upload received: its number (1-based), its ETag, its size in bytes. */
export interface UploadedPart {
  partNumber: number;
  etag: string;
  size: number;
}

/** A part the client says it sent, with the ETag the storage answered its PUT with. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
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
  /** The first `bytes` bytes of an object (fewer when it is shorter), for sniffing its type. */
  readHead(key: string, bytes: number): Promise<Buffer>;
  /** Starts a multipart upload to `key`; the id names it in every later call. */
  createMultipart(key: string, options: { contentType: string }): Promise<{ multipartId: string }>;
  /**
   * A URL the client PUTs part `partNumber` to, signed for exactly `contentLength` bytes. The
   * response's ETag header is what `completeMultipart` is later given for that part.
   */
  presignPart(
    key: string,
    multipartId: string,
    partNumber: number,
    options: { contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedUpload>;
  /** The parts received so far, by part number. */
  listParts(key: string, multipartId: string): Promise<UploadedPart[]>;
  /**
   * Assembles `parts`, in order, into the object at `key` and ends the multipart upload. Fails with
   * VALIDATION_FAILED naming `parts[i]` when a part was never received or its ETag differs.
   */
  completeMultipart(key: string, multipartId: string, parts: CompletedPart[]): Promise<{ size: number }>;
  /** Ends a multipart upload and drops its parts; aborting one that is gone is not an error. */
  abortMultipart(key: string, multipartId: string): Promise<void>;
  /** A permanent public URL when the bucket is public (STORAGE_PUBLIC_URL), else null. */
  publicUrl(key: string): string | null;
}
