export { confirmAccountDeletion, FRESH_SIGN_IN_MINUTES } from "./account-deletion.ts";
export { API_KEY_PREFIX, type Auth, auth, createAuth } from "./auth.ts";
export { type AuthConfig, authConfig } from "./config.ts";
export { isTrustedOrigin } from "./origins.ts";
export {
  getRequestIdentity,
  getSessionIdentity,
  type RequestIdentity,
  type SessionUser,
} from "./session.ts";
