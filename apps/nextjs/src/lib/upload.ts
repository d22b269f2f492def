"use client";

import { ApiError, api } from "@/lib/api";

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** What is wrong with `image` as a generation's input, as a message key of "imageField"; null if nothing. */
export const imageProblem = (image: File | null): "imageType" | "imageSize" | null =>
  image && !IMAGE_TYPES.includes(image.type) ? "imageType" : image && image.size > MAX_IMAGE_BYTES ? "imageSize" : null;

/** Uploads `image` straight to storage through a presigned URL; returns the URL a generation takes. */
export async function uploadImage(image: File): Promise<string> {
  const presigned = await api<{ fileUrl: string; upload: { url: string; headers: Record<string, string> } }>(
    "/api/v1/upload/presign",
    { method: "POST", body: { contentType: image.type, size: image.size } },
  );
  const put = await fetch(presigned.upload.url, { method: "PUT", headers: presigned.upload.headers, body: image });
  if (!put.ok) throw new ApiError(put.status, "E5002", "Uploading the image failed.");
  return presigned.fileUrl;
}
