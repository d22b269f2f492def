/**
 * The S3 driver: AWS S3, Cloudflare R2, MinIO and other S3-compatible servers.
 *
 * Presigned PUTs sign the Content-Type (and the exact Content-Length when the caller knows it), but
 * S3 has no way to cap the size of a presigned PUT: `maxBytes` is only enforced for a declared
 * `contentLength`, so whoever accepts an upload must check its size with `head` afterwards.
 */

import { pipeline } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { AppError, isAppError } from "../errors/index.ts";
import type { S3StorageConfig } from "./config.ts";
import { assertPartsReceived, bareEtag } from "./multipart.ts";
import { assertStorageKey, attachmentDisposition } from "./naming.ts";
import { assertUploadSize, ByteCounter } from "./size-limits.ts";
import type { Storage, UploadedPart } from "./types.ts";

// Multipart upload holds about queueSize + 1 parts in memory, whatever the object's size.
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

export function createS3Storage(config: S3StorageConfig): Storage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // The SDK's default adds CRC32 checksums: as aws-chunked trailers on streamed bodies, which many
    // S3-compatible servers reject, and as signed query parameters on presigned PUTs, which then
    // fail for any body but the empty one. Checksums only where the API requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;

  // ListParts answers up to 1000 parts a page; a 500 MB upload has 100.
  async function listAllParts(key: string, multipartId: string): Promise<UploadedPart[]> {
    assertStorageKey(key);
    const parts: UploadedPart[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(
        new ListPartsCommand({ Bucket, Key: key, UploadId: multipartId, PartNumberMarker: marker }),
      );
      for (const p of page.Parts ?? []) {
        if (p.PartNumber && p.ETag) parts.push({ partNumber: p.PartNumber, etag: bareEtag(p.ETag), size: p.Size ?? 0 });
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return parts;
  }

  return {
    driver: "s3",

    async put(key, body, { contentType, contentLength }) {
      assertStorageKey(key);
      const counter = new ByteCounter({ expectedBytes: contentLength });
      // pipeline, not pipe: an error in `body` must fail the counter, and with it the upload.
      let streamError: unknown;
      pipeline(body, counter, (error) => {
        streamError ??= error;
      });
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: counter, ContentType: contentType },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        // A failed multipart upload is aborted, so its parts don't linger (and bill) in the bucket.
        leavePartsOnError: false,
      });
      try {
        await upload.done();
        return { key, size: counter.bytes };
      } catch (error) {
        // When the stream failed (too short, or its source broke), that is the story: the upload's
        // own error may only be the failed abort that followed.
        const cause = streamError ?? error;
        counter.destroy();
        throw isAppError(cause) ? cause : new AppError("STORAGE_UPLOAD_FAILED", { cause });
      }
    },

    async presignUpload(key, { contentType, maxBytes, expiresInSeconds, contentLength }) {
      assertStorageKey(key);
      assertUploadSize(maxBytes, contentLength);
      const command = new PutObjectCommand({
        Bucket,
        Key: key,
        ContentType: contentType,
        ContentLength: contentLength,
      });
      const url = await getSignedUrl(client, command, {
        expiresIn: expiresInSeconds,
        // The presigner leaves Content-Type unsigned by default; signed, S3 refuses any other type.
        signableHeaders: new Set(["content-type"]),
      });
      return {
        url,
        method: "PUT",
        headers: { "Content-Type": contentType },
        expiresAt: new Date(Date.now() + expiresInSeconds * 1000),
      };
    },

    async presignDownload(key, { expiresInSeconds, downloadName }) {
      assertStorageKey(key);
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ResponseContentDisposition: downloadName === undefined ? undefined : attachmentDisposition(downloadName),
      });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },

    async head(key) {
      assertStorageKey(key);
      try {
        const object = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: object.ContentLength ?? 0, contentType: object.ContentType };
      } catch (error) {
        // HEAD responses have no body, so a missing object is only recognisable by its status.
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
        throw error;
      }
    },

    async delete(key) {
      assertStorageKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async deletePrefix(prefix) {
      assertStorageKey(prefix);
      // Each page is listed after the previous one was deleted, so the next listing starts afresh.
      for (;;) {
        const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: `${prefix}/`, MaxKeys: 1000 }));
        const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        if (!keys.length) return;
        const result = await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys, Quiet: true } }));
        if (result.Errors?.length) {
          throw new Error(
            `deleting under ${prefix}/ failed for ${result.Errors.length} objects: ${result.Errors[0]?.Code}`,
          );
        }
      }
    },

    async readHead(key, bytes) {
      assertStorageKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
        return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      } catch (error) {
        // An empty object has no byte 0: S3 answers 416.
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) return Buffer.alloc(0);
        throw error;
      }
    },

    async createMultipart(key, { contentType }) {
      assertStorageKey(key);
      const created = await client.send(
        new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }),
      );
      if (!created.UploadId) throw new AppError("STORAGE_UPLOAD_FAILED", { message: "S3 gave no UploadId." });
      return { multipartId: created.UploadId };
    },

    async presignPart(key, multipartId, partNumber, { contentLength, expiresInSeconds }) {
      assertStorageKey(key);
      // The exact length is signed: S3 refuses a part of any other size (a truncated body, say).
      const command = new UploadPartCommand({
        Bucket,
        Key: key,
        UploadId: multipartId,
        PartNumber: partNumber,
        ContentLength: contentLength,
      });
      const url = await getSignedUrl(client, command, {
        expiresIn: expiresInSeconds,
        signableHeaders: new Set(["content-length"]),
      });
      return { url, method: "PUT", headers: {}, expiresAt: new Date(Date.now() + expiresInSeconds * 1000) };
    },

    listParts: (key, multipartId) => listAllParts(key, multipartId),

    async completeMultipart(key, multipartId, parts) {
      const received = assertPartsReceived(parts, await listAllParts(key, multipartId));
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: key,
          UploadId: multipartId,
          MultipartUpload: {
            Parts: received.map((p) => ({ PartNumber: p.partNumber, ETag: `"${bareEtag(p.etag)}"` })),
          },
        }),
      );
      return { size: received.reduce((sum, p) => sum + p.size, 0) };
    },

    async abortMultipart(key, multipartId) {
      assertStorageKey(key);
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: multipartId }));
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return;
        throw error;
      }
    },

    publicUrl(key) {
      assertStorageKey(key);
      return config.publicUrl ? `${config.publicUrl}/${key}` : null;
    },
  };
}
