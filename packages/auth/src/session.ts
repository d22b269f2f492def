import { APIError } from "better-auth/api";
import { auth } from "./auth.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "user" | "admin";
  /** Until true, no sign-up bonus and no admin role. */
  emailVerified: boolean;
  image: string | null;
  createdAt: Date;
}

export interface RequestIdentity {
  user: SessionUser;
  /** How the caller proved who they are. */
  via: "session" | "api_key";
}

/**
 * Resolves the caller of a request from its session cookie or API key
 * (`x-api-key`, or `Authorization: Bearer vf_...`). Null when neither is valid, including a
 * revoked or expired key.
 */
export async function getRequestIdentity(headers: Headers): Promise<RequestIdentity | null> {
  const usesKey = headers.has("x-api-key") || /^Bearer\s+vf_/i.test(headers.get("authorization") ?? "");
  let result: Awaited<ReturnType<ReturnType<typeof auth>["api"]["getSession"]>>;
  try {
    result = await auth().api.getSession({ headers });
  } catch (error) {
    // An unknown, disabled or expired API key is "not authenticated", not a server error.
    if (error instanceof APIError) return null;
    throw error;
  }
  if (!result) return null;
  const u = result.user;
  return {
    via: usesKey ? "api_key" : "session",
    user: {
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role === "admin" ? "admin" : "user",
      emailVerified: u.emailVerified,
      image: u.image ?? null,
      createdAt: u.createdAt,
    },
  };
}
