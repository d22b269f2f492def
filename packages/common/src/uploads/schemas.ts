import { z } from "zod";
import { timestamp } from "../wire.ts";

export const UPLOAD_PURPOSES = ["image", "video", "audio"] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** S3's smallest part (all but the last); 100 parts for 500 MB, far under S3's 10,000. */
export const PART_SIZE = 5 * 1024 * 1024;

export const declareUploadBody = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentType: z.string().min(1).max(255).meta({ description: "As the client sees it; the bytes decide." }),
  size: z.int().positive().meta({ description: "The file's exact size in bytes." }),
  purpose: z.enum(UPLOAD_PURPOSES),
});
export type DeclareUploadInput = z.output<typeof declareUploadBody>;

export const declaredUpload = z
  .object({
    uploadId: z.string(),
    key: z.string().meta({ description: "The storage key the file will have." }),
    partSize: z.int().meta({ description: "Every part but the last is exactly this long." }),
    parts: z
      .array(z.object({ partNumber: z.int(), url: z.url() }))
      .meta({ description: "PUT each part's bytes to its URL and keep the response's ETag header." }),
    expiresAt: timestamp(),
  })
  .meta({ id: "DeclaredUpload" });

export const completeUploadBody = z.object({
  parts: z
    .array(z.object({ partNumber: z.int().min(1).max(10_000), etag: z.string().min(1).max(128) }))
    .min(1)
    .max(10_000),
});
export type CompleteUploadInput = z.output<typeof completeUploadBody>;

export const uploadFactsSchema = z
  .object({
    mime: z.string(),
    ext: z.string(),
    kind: z.enum(UPLOAD_PURPOSES),
    size: z.int(),
    container: z.string(),
    durationMs: z.int().nullable(),
    width: z.int().nullable(),
    height: z.int().nullable(),
    videoCodec: z.string().nullable(),
    audioCodec: z.string().nullable(),
    hasVideo: z.boolean(),
    hasAudio: z.boolean(),
  })
  .meta({ id: "UploadFacts", description: "What the bytes are (magic numbers) and what ffprobe found." });

export const uploadSchema = z
  .object({
    uploadId: z.string(),
    status: z.enum(["pending", "completed", "aborted"]),
    purpose: z.enum(UPLOAD_PURPOSES),
    fileName: z.string(),
    size: z.int(),
    key: z.string(),
    facts: uploadFactsSchema.nullable(),
    createdAt: timestamp(),
    completedAt: timestamp().nullable(),
  })
  .meta({ id: "Upload" });

export const uploadIdParams = z.object({ id: z.string().min(1).max(64) });
