import { type ReleaseStaleOptions, type ReleaseStaleResult, releaseStaleHolds } from "../credits/index.ts";
import { holdsOfVideosInProgress } from "../video/runtime.ts";

/**
 * The hourly stale-hold job: releases holds unresolved past CREDIT_HOLD_TTL_HOURS, except those
 * of videos still in progress. A running video resolves its own hold — settled when it completes,
 * released when it fails, at the latest at VIDEO_MAX_RUNTIME_MINUTES (the poll job) — so a slow
 * render never ends up finished for free.
 */
export function releaseAbandonedHolds(
  options: Omit<ReleaseStaleOptions, "stillRunning"> = {},
): Promise<ReleaseStaleResult> {
  return releaseStaleHolds({ ...options, stillRunning: holdsOfVideosInProgress });
}
