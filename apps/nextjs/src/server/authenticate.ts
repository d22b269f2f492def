import { timingSafeEqual } from "node:crypto";
import { getRequestIdentity, type RequestIdentity } from "@videofly/auth";
import { AppError } from "@videofly/common";
import { appConfig } from "../config";

/**
 * public: anyone. optional: anyone, and who they are when they are signed in (a door to a video
 * that is open to all, and to its owner also when private). session: a signed-in user (session cookie or API key). session-only: a
 * signed-in user by cookie, for what a key must not do (manage keys, delete the account). admin:
 * a user with the admin role, by session only: a leaked key must not grant or take credits.
 * cron: the scheduler, with `Authorization: Bearer $CRON_SECRET`.
 */
export type AuthMode = "public" | "optional" | "session" | "session-only" | "admin" | "cron";

export type IdentityFor<A extends AuthMode> = A extends "session" | "session-only" | "admin"
  ? RequestIdentity
  : A extends "optional"
    ? RequestIdentity | null
    : null;

export async function authenticate<A extends AuthMode>(mode: A, headers: Headers): Promise<IdentityFor<A>> {
  switch (mode) {
    case "public":
      return null as IdentityFor<A>;
    case "optional":
      return (await getRequestIdentity(headers)) as IdentityFor<A>;
    case "cron":
      if (!isCronCaller(headers)) throw new AppError("UNAUTHORIZED", { message: "A valid cron secret is required." });
      return null as IdentityFor<A>;
    default: {
      const identity = await getRequestIdentity(headers);
      if (!identity) throw new AppError("UNAUTHORIZED");
      if (mode !== "session" && identity.via === "api_key") {
        throw new AppError("FORBIDDEN", { message: "This route accepts only a signed-in session, not an API key." });
      }
      if (mode === "admin" && identity.user.role !== "admin") {
        throw new AppError("FORBIDDEN", { message: "This needs the admin role." });
      }
      return identity as IdentityFor<A>;
    }
  }
}

function isCronCaller(headers: Headers): boolean {
  const secret = appConfig().CRON_SECRET;
  const presented = headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1];
  // Without a configured secret no caller is a cron caller.
  if (!secret || !presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}
