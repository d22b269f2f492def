import { files } from "../video/files.ts";
import { accessConfig } from "./config.ts";

export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

/**
 * A short-lived signed URL to a stored video (VIDEO_URL_TTL_SECONDS): to play it, or with
 * `Content-Disposition: attachment` to download it. Never the bucket's permanent public URL, so
 * a URL handed out stops working when it expires.
 */
export async function signedVideoUrl(
  video: { uuid: string; storageKey: string },
  kind: "play" | "download",
  now = new Date(),
): Promise<SignedUrl> {
  const ttl = accessConfig().VIDEO_URL_TTL_SECONDS;
  const url = await files().presignDownload(video.storageKey, {
    expiresInSeconds: ttl,
    ...(kind === "download" ? { downloadName: `videofly-${video.uuid}.mp4` } : {}),
  });
  return { url, expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + ttl * 1000) };
}

/** A short-lived signed URL to a stored poster, for whoever may be shown its video (as `signedVideoUrl`). */
export function signedPosterUrl(video: { thumbnailKey: string }): Promise<string> {
  return files().presignDownload(video.thumbnailKey, { expiresInSeconds: accessConfig().VIDEO_URL_TTL_SECONDS });
}
