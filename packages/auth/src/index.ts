export { confirmAccountDeletion, FRESH_SIGN_IN_MINUTES } from "./account-deletion.ts";
export {
  type AdminApiKeyView,
  type AdminUpdateApiKeyInput,
  type ApiKeyView,
  apiKeyResponses,
  apiKeySchemas,
  type CreateApiKeyInput,
  type CreatedApiKey,
  type UpdateApiKeyInput,
} from "./api-key-schemas.ts";
export {
  adminUpdateApiKey,
  createApiKey,
  listAllApiKeys,
  listApiKeys,
  revokeApiKey,
  updateApiKey,
} from "./api-keys.ts";
export { API_KEY_PREFIX, type Auth, auth, createAuth } from "./auth.ts";
export { clientIp, ipAllowed } from "./client-ip.ts";
export { type AuthConfig, authConfig } from "./config.ts";
export { hasPassword } from "./credentials.ts";
export { isTrustedOrigin } from "./origins.ts";
export { API_SCOPES, type ApiScope, apiScopeSchema } from "./scopes.ts";
export {
  getRequestIdentity,
  getSessionIdentity,
  hasScope,
  type RequestIdentity,
  type SessionUser,
} from "./session.ts";
