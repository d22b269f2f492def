import { baseUrl } from "./http";

export const ALL_SCOPES = [
  "videos:read",
  "videos:write",
  "batches:read",
  "batches:write",
  "credits:read",
  "webhooks:read",
  "webhooks:write",
  "usage:read",
] as const;

export interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
  scopes: string[];
}

/** Creates an API key over HTTP with a browser session, as the API-keys page does. */
export async function createKey(
  cookie: string,
  body: { name?: string; scopes?: readonly string[]; [field: string]: unknown } = {},
  server = baseUrl(),
): Promise<CreatedKey> {
  const res = await fetch(`${server}/api/v1/api-keys`, {
    method: "POST",
    headers: { cookie, origin: server, "content-type": "application/json" },
    body: JSON.stringify({ name: "script", scopes: ALL_SCOPES, ...body }),
  });
  const envelope = (await res.json()) as { data?: CreatedKey; error?: unknown };
  if (res.status !== 201 || !envelope.data)
    throw new Error(`key creation failed: ${res.status} ${JSON.stringify(envelope)}`);
  return envelope.data;
}

/** Revokes a key over HTTP with its owner's session. */
export function revokeKey(cookie: string, id: string, server = baseUrl()) {
  return fetch(`${server}/api/v1/api-keys/${id}`, { method: "DELETE", headers: { cookie, origin: server } });
}
