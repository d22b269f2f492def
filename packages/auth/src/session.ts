import { APIError } from "better-auth/api";
import { readKeyMetadata } from "./api-key-schemas.ts";
import { API_KEY_FAMILY_PREFIX, auth } from "./auth.ts";
import { findPresentedKey } from "./key-verification.ts";
import { API_SCOPES, type ApiScope, scopesOfStoredPermissions } from "./scopes.ts";

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
  /** What the caller may do: a session every scope, a key those it was given. */
  scopes: ApiScope[];
  /** The key's own restrictions, for `via: "api_key"`. */
  key?: {
    id: string;
    /** null: API_KEY_RATE_LIMIT_PER_MINUTE. */
    rateLimitPerMinute: number | null;
    /** null: any address (see `ipAllowed`). */
    allowedIps: string[] | null;
    /** null: BATCH_MAX_ITEMS. */
    batchMaxItems: number | null;
  };
}

export function hasScope(identity: RequestIdentity, scope: ApiScope): boolean {
  return identity.scopes.includes(scope);
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The API key a request presents: `x-api-key`, or `Authorization: Bearer vf_...` (`vf_live_…`
 * and the older `vf_…` keys alike); null for none.
 */
export function presentedApiKey(headers: Headers): string | null {
  const explicit = headers.get("x-api-key");
  if (explicit) return explicit;
  const bearer = headers.get("authorization")?.match(BEARER)?.[1];
  return bearer?.startsWith(API_KEY_FAMILY_PREFIX) ? bearer : null;
}

/**
 * The caller of an /api/v1 request. A presented API key decides alone (an unknown, revoked,
 * disabled or expired key, or a banned user's, is null, whatever cookie comes with it); without
 * one, the session cookie.
 */
export async function getRequestIdentity(headers: Headers): Promise<RequestIdentity | null> {
  const key = presentedApiKey(headers);
  return key === null ? getSessionIdentity(headers) : identityOfKey(key);
}

/**
 * The signed-in user of a session cookie, for pages and anything an API key must not reach.
 * Better Auth never takes a key for a session (`enableSessionForAPIKeys` is off).
 */
export async function getSessionIdentity(headers: Headers): Promise<RequestIdentity | null> {
  try {
    const result = await auth().api.getSession({ headers });
    return result ? { via: "session", user: sessionUser(result.user), scopes: [...API_SCOPES] } : null;
  } catch (error) {
    // A malformed or forged cookie is "not authenticated", not a server error.
    if (error instanceof APIError) return null;
    throw error;
  }
}

/**
 * The one place a key is verified. Its scopes are returned, not checked: a key without a route's
 * scope is a 403 naming it, not a key that does not exist.
 */
async function identityOfKey(key: string): Promise<RequestIdentity | null> {
  const row = await findPresentedKey(key);
  if (!row) return null;
  const metadata = readKeyMetadata(row.metadata);
  // Banning ends a user's sessions (Better Auth's admin plugin); it must end their keys' use too.
  if (!metadata || isBanned(row.user)) return null;
  return {
    via: "api_key",
    user: sessionUser(row.user),
    scopes: scopesOfStoredPermissions(row.permissions),
    key: { id: row.id, ...metadata },
  };
}

function isBanned(user: { banned: boolean | null; banExpires: Date | null }, now = new Date()): boolean {
  return user.banned === true && (user.banExpires === null || user.banExpires > now);
}

function sessionUser(u: {
  id: string;
  email: string;
  name: string;
  role?: string | null;
  emailVerified?: boolean | null;
  image?: string | null;
  createdAt: Date;
}): SessionUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role === "admin" ? "admin" : "user",
    emailVerified: u.emailVerified === true,
    image: u.image ?? null,
    createdAt: u.createdAt,
  };
}
