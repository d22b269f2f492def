import type { SqlClient } from "@videofly/db";
import { pool } from "@videofly/db";
import { logger } from "../logger.ts";
import type { AccessAction } from "./rules.ts";

/** Who is looking, as the request tells it. */
export interface Viewer {
  /** Null when anonymous. */
  userId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The origin of the page asking: the Origin header, else the Referer's origin; null when none. */
  referrerOrigin: string | null;
}

export interface AccessLogEntry {
  videoId: string;
  ownerId: string;
  viewer: Viewer;
  action: AccessAction;
  allowed: boolean;
  reason: string;
  at: Date;
}

/** A user agent is the client's to choose: keep a sane length in the audit. */
const clip = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

/** Writes one decision to video_access_log, in `client`'s transaction when given (times stored as UTC). */
export async function recordAccess(entry: AccessLogEntry, client?: SqlClient): Promise<void> {
  await (client ?? pool()).query(
    `INSERT INTO video_access_log ("videoId", "ownerId", "viewerId", action, allowed, reason, ip, "userAgent", "referrerOrigin", "createdAt")
     VALUES ($1, $2, $3, $4::"VideoAccessAction", $5, $6, $7, $8, $9, $10::timestamptz AT TIME ZONE 'UTC')`,
    [
      entry.videoId,
      entry.ownerId,
      entry.viewer.userId,
      entry.action.toUpperCase(),
      entry.allowed,
      entry.reason,
      clip(entry.viewer.ip, 64),
      clip(entry.viewer.userAgent, 512),
      clip(entry.viewer.referrerOrigin, 255),
      entry.at,
    ],
  );
}

/** Runs `task` once the response is on its way (Next.js `after`); by default, without awaiting it. */
export type Defer = (task: () => Promise<void>) => void;

export const detached: Defer = (task) => {
  void task().catch((error) => logger().error({ err: error }, "video access log write failed"));
};

/** Records a decision after the response: the audit must not slow the door, nor fail it. */
export function recordAccessLater(entry: AccessLogEntry, defer: Defer = detached): void {
  defer(async () => {
    try {
      await recordAccess(entry);
    } catch (error) {
      logger().error({ err: error, videoId: entry.videoId }, "video access log write failed");
    }
  });
}
