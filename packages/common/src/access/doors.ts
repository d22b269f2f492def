import { db, type Video } from "@videofly/db";
import { AppError } from "../errors/index.ts";
import type { Defer, Viewer } from "./audit.ts";
import { type AccessDecision, type AccessVideo, decideVideoAccess } from "./decide.ts";
import { type AccessAction, REFUSAL_MESSAGES } from "./rules.ts";
import { signedPosterUrl } from "./urls.ts";

export type OpenDoor = Extract<AccessDecision, { allowed: true }> & {
  video: AccessVideo &
    Pick<
      Video,
      | "prompt"
      | "aspectRatio"
      | "model"
      | "duration"
      | "thumbnailKey"
      | "mediaDurationMs"
      | "width"
      | "height"
      | "hasAudio"
    >;
  /** A signed link to its poster, given only through an open door; null when it has none. */
  posterUrl: string | null;
};

/**
 * One door: finds the video, asks decideVideoAccess (which records the decision) and turns a
 * refusal into the API's error — 404 for a private video to anyone but its owner (as if it did
 * not exist), 429 when rate limited, else 403 E4030 with the reason. A video not finished yet is
 * private to others and a 409 to its owner (not a decision: there is nothing to open).
 */
export async function openVideoDoor(
  action: AccessAction,
  uuid: string,
  viewer: Viewer,
  options: { defer?: Defer; now?: Date } = {},
): Promise<OpenDoor> {
  const video = await db().video.findFirst({ where: { uuid, deletedAt: null } });
  if (!video) throw new AppError("VIDEO_NOT_FOUND", { details: { uuid } });
  const finished = video.status === "COMPLETED" && video.storageKey !== null;
  if (!finished && viewer.userId === video.userId) {
    throw new AppError("CONFLICT", { message: "The video is not finished yet.", details: { status: video.status } });
  }
  // Until it is finished a video is its owner's alone, whatever it is set to.
  const subject = { ...video, storageKey: video.storageKey ?? "", visibility: finished ? video.visibility : "PRIVATE" };
  const decision = await decideVideoAccess({ action, viewer, video: subject, now: options.now }, options.defer);
  if (decision.allowed) {
    const posterUrl = subject.thumbnailKey ? await signedPosterUrl({ thumbnailKey: subject.thumbnailKey }) : null;
    return { ...decision, video: subject, posterUrl };
  }
  if (decision.reason === "private" && viewer.userId !== video.userId) {
    throw new AppError("VIDEO_NOT_FOUND", { details: { uuid } });
  }
  const details = { reason: decision.reason, action };
  const message = REFUSAL_MESSAGES[decision.reason];
  if (decision.reason === "rate_limited") {
    const retryAfter = String(decision.retryAfterSeconds ?? 60);
    throw new AppError("RATE_LIMITED", { message, details, headers: { "Retry-After": retryAfter } });
  }
  throw new AppError("FORBIDDEN", { message, details });
}
