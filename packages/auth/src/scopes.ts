import { z } from "zod";

/** What an API key may do on /api/v1: `<resource>:<action>`. A session has every scope. */
export const API_SCOPES = [
  "videos:read",
  "videos:write",
  "batches:read",
  "batches:write",
  "credits:read",
  "webhooks:read",
  "webhooks:write",
  "usage:read",
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const apiScopeSchema = z.enum(API_SCOPES);

/** Better Auth's api-key plugin stores scopes as `permissions`: `{ videos: ["read", "write"] }`. */
export type KeyPermissions = Record<string, string[]>;

export function scopesToPermissions(scopes: readonly ApiScope[]): KeyPermissions {
  const permissions: KeyPermissions = {};
  for (const scope of sortScopes(scopes)) {
    const [resource, action] = scope.split(":") as [string, string];
    permissions[resource] = [...(permissions[resource] ?? []), action];
  }
  return permissions;
}

/**
 * The scopes a key's stored permissions grant, in API_SCOPES order. Anything we do not know (a
 * scope since removed, a hand-edited row) grants nothing; no permissions at all grant nothing.
 */
export function permissionsToScopes(permissions: unknown): ApiScope[] {
  if (!permissions || typeof permissions !== "object") return [];
  const granted = new Set<string>();
  for (const [resource, actions] of Object.entries(permissions)) {
    if (!Array.isArray(actions)) continue;
    for (const action of actions) if (typeof action === "string") granted.add(`${resource}:${action}`);
  }
  return API_SCOPES.filter((scope) => granted.has(scope));
}

/** The scopes of the plugin's `permissions` column as stored (JSON text; unreadable grants nothing). */
export function scopesOfStoredPermissions(stored: string | null): ApiScope[] {
  if (stored === null) return [];
  try {
    return permissionsToScopes(JSON.parse(stored));
  } catch {
    return [];
  }
}

function sortScopes(scopes: readonly ApiScope[]): ApiScope[] {
  const wanted = new Set(scopes);
  return API_SCOPES.filter((scope) => wanted.has(scope));
}
