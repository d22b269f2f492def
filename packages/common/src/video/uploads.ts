import { randomUUID } from "node:crypto";
import { z } from "zod";
import { storageKeys } from "../storage/index.ts";
import { timestamp } from "../wire.ts";
import { files } from "./files.ts";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" } as const;

export const presignUploadBody = z.object({
  contentType: z.enum(Object.keys(IMAGE_TYPES) as [keyof typeof IMAGE_TYPES, ...(keyof typeof IMAGE_TYPES)[]]),
  size: z.number().int().positive().max(MAX_UPLOAD_BYTES, `at most ${MAX_UPLOAD_BYTES} bytes (10 MB)`),
});

export const presignedUpload = z
  .object({
    key: z.string().meta({ description: "The storage key the file will have." }),
    upload: z
      .object({
        url: z.url(),
        method: z.literal("PUT"),
        headers: z.record(z.string(), z.string()).meta({ description: "Send these with the file." }),
        expiresAt: timestamp(),
      })
      .meta({ description: "PUT the file's bytes here." }),
    fileUrl: z.string().meta({ description: "Pass as `imageUrl` when generating." }),
  })
  .meta({ id: "PresignedUpload" });

/**
 * Where the browser (or a script) puts the image of an image-to-video generation: a presigned
 * upload under the user's own prefix, and the URL to pass as `imageUrl` (long enough for a provider
 * to fetch it).
 */
export async function presignImageUpload(userId: string, input: z.infer<typeof presignUploadBody>) {
  const key = storageKeys.upload(userId, randomUUID(), IMAGE_TYPES[input.contentType]);
  const upload = await files().presignUpload(key, {
    contentType: input.contentType,
    maxBytes: MAX_UPLOAD_BYTES,
    // The declared size is signed (S3) or becomes the cap (local), so a bigger body is refused.
    contentLength: input.size,
    expiresInSeconds: 15 * 60,
  });
  const fileUrl = files().publicUrl(key) ?? (await files().presignDownload(key, { expiresInSeconds: 48 * 3600 }));
  return { key, upload, fileUrl };
}
