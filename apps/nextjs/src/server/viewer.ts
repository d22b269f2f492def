import type { RequestIdentity } from "@videofly/auth";
import type { Viewer } from "@videofly/common";
import { callerIp } from "./key-access";

/** The page a request came from: its Origin header, else its Referer's origin. */
export function referrerOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin && origin !== "null") return origin;
  const referer = headers.get("referer");
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return null;
  }
}

/** Who is looking at a video, for the access decision and its audit. */
export function viewerOf(headers: Headers, identity: RequestIdentity | null): Viewer {
  return {
    userId: identity?.user.id ?? null,
    ip: callerIp(headers),
    userAgent: headers.get("user-agent"),
    referrerOrigin: referrerOrigin(headers),
  };
}
