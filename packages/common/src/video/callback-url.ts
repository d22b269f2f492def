import { createHmac, timingSafeEqual } from "node:crypto";
import { videoConfig } from "./config.ts";

function signature(provider: string, videoUuid: string, expires: number, secret: string): string {
  return createHmac("sha256", secret).update(`${provider}:${videoUuid}:${expires}`).digest("hex");
}

/** The URL a provider calls back: names the video, expires, and is signed so nobody else can use it. */
export function signedCallbackUrl(provider: string, videoUuid: string, now = Date.now()): string {
  const config = videoConfig();
  const expires = Math.floor(now / 1000 + config.VIDEO_CALLBACK_TTL_HOURS * 3600);
  const url = new URL(`/api/v1/video/callback/${provider}`, config.APP_URL);
  url.searchParams.set("video", videoUuid);
  url.searchParams.set("expires", String(expires));
  url.searchParams.set("sig", signature(provider, videoUuid, expires, config.VIDEO_CALLBACK_SECRET));
  return url.toString();
}

/** The video a callback URL names, when its signature is right and it has not expired; else null. */
export function verifyCallbackUrl(provider: string, params: URLSearchParams, now = Date.now()): string | null {
  const video = params.get("video");
  const expires = Number(params.get("expires"));
  const sig = params.get("sig") ?? "";
  if (!video || !Number.isInteger(expires) || expires * 1000 < now || !/^[0-9a-f]{64}$/.test(sig)) return null;
  const expected = Buffer.from(signature(provider, video, expires, videoConfig().VIDEO_CALLBACK_SECRET), "hex");
  return timingSafeEqual(expected, Buffer.from(sig, "hex")) ? video : null;
}
