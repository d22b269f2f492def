import { API_SCOPES } from "@videofly/auth";
import type { components, operations } from "@videofly/sdk";
import { baseUrl } from "./http";
import { sdk } from "./sdk";

type CreateBody = operations["createApiKey"]["requestBody"]["content"]["application/json"];
type Scope = CreateBody["scopes"][number];

export type CreatedKey = components["schemas"]["CreatedApiKey"];

/** Creates an API key through the SDK with a browser session, as the API-keys page does. */
export async function createKey(
  cookie: string,
  body: Omit<Partial<CreateBody>, "scopes"> & { scopes?: readonly Scope[] } = {},
  server = baseUrl(),
): Promise<CreatedKey> {
  const { data, error, response } = await sdk({ cookie }, server).POST("/api-keys", {
    body: { name: "script", ...body, scopes: [...(body.scopes ?? API_SCOPES)] },
  });
  if (response.status !== 201 || !data)
    throw new Error(`key creation failed: ${response.status} ${JSON.stringify(error)}`);
  return data.data;
}

/** Revokes a key through the SDK with its owner's session. */
export async function revokeKey(cookie: string, id: string, server = baseUrl()) {
  const { response } = await sdk({ cookie }, server).DELETE("/api-keys/{id}", { params: { path: { id } } });
  return response;
}
