import { apiKeyResponses, apiKeySchemas } from "@videofly/auth";
import { operation } from "@/server/operation";

const tags = ["API keys"];

export const createApiKey = operation({
  method: "POST",
  path: "/api-keys",
  auth: "session-only",
  idempotent: true,
  body: apiKeySchemas.createBody,
  status: 201,
  response: apiKeyResponses.created,
  summary: "Create an API key (its secret is shown once)",
  tags,
});

export const listApiKeys = operation({
  method: "GET",
  path: "/api-keys",
  auth: "session-only",
  response: apiKeyResponses.listed,
  summary: "Your API keys, without secrets, with their use",
  tags,
});

export const updateApiKey = operation({
  method: "PATCH",
  path: "/api-keys/{id}",
  auth: "session-only",
  params: apiKeySchemas.idParams,
  body: apiKeySchemas.updateBody,
  response: apiKeyResponses.key,
  summary: "Rename a key, change its scopes, limit or address list, or turn it off",
  tags,
  errors: ["NOT_FOUND"],
});

export const revokeApiKey = operation({
  method: "DELETE",
  path: "/api-keys/{id}",
  auth: "session-only",
  params: apiKeySchemas.idParams,
  response: apiKeyResponses.revoked,
  summary: "Revoke a key: the next request with it is refused",
  tags,
  errors: ["NOT_FOUND"],
});

export const adminListApiKeys = operation({
  method: "GET",
  path: "/admin/api-keys",
  auth: "admin",
  query: apiKeySchemas.adminListQuery,
  response: apiKeyResponses.adminPage,
  summary: "Every API key, with its owner and use",
  tags: ["Admin"],
});

export const adminUpdateApiKey = operation({
  method: "PATCH",
  path: "/admin/api-keys/{id}",
  auth: "admin",
  params: apiKeySchemas.idParams,
  body: apiKeySchemas.adminUpdateBody,
  response: apiKeyResponses.admin,
  summary: "Turn any key on or off, or change its rate limit",
  tags: ["Admin"],
  errors: ["NOT_FOUND"],
});
