import type { Video } from "@videofly/db";
import { hasActivePlan } from "../billing/index.ts";
import { consumeRateLimits } from "../rate-limit/index.ts";
import { videoConfig } from "../video/config.ts";
import { type Defer, detached, recordAccessLater, type Viewer } from "./audit.ts";
import { accessConfig } from "./config.ts";
import { takeFreeDownload } from "./quota.ts";
import type { RefusalReason } from "./reasons.ts";
import { type AccessAction, type AllowReason, policyOutcome } from "./rules.ts";
import { signedVideoUrl } from "./urls.ts";

export type AccessVideo = Pick<
  Video,
  "id" | "uuid" | "userId" | "storageKey" | "visibility" | "allowEmbed" | "allowDownload" | "embedDomains"
> & { storageKey: string };

export interface AccessRequest {
  action: AccessAction;
  viewer: Viewer;
  /** A finished, stored video. */
  video: AccessVideo;
  now?: Date;
}

export type AccessDecision =
  | {
      allowed: true;
      reason: AllowReason;
      /** play, download: the signed file URL; embed: the player page. */
      url: string;
      expiresAt: Date;
      /** embed: the signed file URL the player shows. */
      mediaUrl?: string;
      /** The owner is on the free plan: the embed player carries the VideoFly badge. */
      badge: boolean;
    }
  | { allowed: false; reason: RefusalReason; retryAfterSeconds?: number };

const hostOf = (origin: string | null) => {
  if (!origin) return null;
  try {
    return new URL(origin).hostname.toLowerCase();
  } catch {
    return null;
  }
};

/**
 * The one access decision in front of every door (play, embed, download): the viewer, the owner's
 * plan and the video's policy decide together, then the download quotas (per viewer per hour;
 * the free plan's own downloads per day). Every decision, allowed or refused, is written to the
 * audit; `defer` says when (Next.js `after`), except the free plan's daily downloads, counted
 * from the audit and so written before the answer.
 */
export async function decideVideoAccess(request: AccessRequest, defer: Defer = detached): Promise<AccessDecision> {
  const { action, viewer, video } = request;
  const now = request.now ?? new Date();
  const isOwner = viewer.userId === video.userId;
  const ownerSubscribed = await hasActivePlan(video.userId, now);
  const appUrl = videoConfig().APP_URL;
  const outcome = policyOutcome({
    action,
    isOwner,
    visibility: video.visibility,
    allowEmbed: video.allowEmbed,
    allowDownload: video.allowDownload,
    embedDomains: video.embedDomains,
    ownerSubscribed,
    referrerHost: hostOf(viewer.referrerOrigin),
    appHost: new URL(appUrl).hostname,
  });
  const entry = { videoId: video.id, ownerId: video.userId, viewer, action, at: now };
  const refuse = (reason: RefusalReason, retryAfterSeconds?: number): AccessDecision => {
    recordAccessLater({ ...entry, allowed: false, reason }, defer);
    return { allowed: false, reason, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
  };
  if (!outcome.allowed) return refuse(outcome.reason);

  const config = accessConfig();
  if (action === "download") {
    const freeOwner = isOwner && !ownerSubscribed;
    if (freeOwner && config.FREE_DOWNLOADS_PER_DAY === 0) return refuse("plan_required");
    // Every download asked for counts against the hour, even one the daily cap then refuses: scraping is attempts.
    const subject = viewer.userId ? `user:${viewer.userId}` : `ip:${viewer.ip ?? "unknown"}`;
    const [rate] = await consumeRateLimits(subject, [
      { policy: "video-downloads", limit: config.DOWNLOADS_PER_HOUR, windowSeconds: 3600 },
    ]);
    if (rate && !rate.allowed) return refuse("rate_limited", rate.resetSeconds);
    if (freeOwner) {
      // Counted and recorded in one transaction: nothing left to record later.
      const taken = await takeFreeDownload(entry, config.FREE_DOWNLOADS_PER_DAY);
      if (!taken) return { allowed: false, reason: "daily_limit" };
      return { allowed: true, reason: "owner", ...(await signedVideoUrl(video, "download", now)), badge: true };
    }
  }

  recordAccessLater({ ...entry, allowed: true, reason: outcome.reason }, defer);
  const badge = !ownerSubscribed;
  if (action === "embed") {
    const media = await signedVideoUrl(video, "play", now);
    return {
      allowed: true,
      reason: outcome.reason,
      url: `${appUrl.replace(/\/+$/, "")}/embed/${video.uuid}`,
      mediaUrl: media.url,
      expiresAt: media.expiresAt,
      badge,
    };
  }
  return { allowed: true, reason: outcome.reason, ...(await signedVideoUrl(video, action, now)), badge };
}
