import type { BetterAuthOptions } from "better-auth";
import { auth } from "./auth.ts";

/**
 * Whether a browser page at `origin` may send cookie-authenticated requests: Better Auth's own
 * trusted origins (the app's URL, BETTER_AUTH_TRUSTED_ORIGINS and whatever the configuration
 * derives for this request), so /api/v1 trusts exactly the pages /api/auth trusts.
 */
export async function isTrustedOrigin(origin: string, request: Request): Promise<boolean> {
  const instance = auth();
  const context = await instance.$context;
  if (context.isTrustedOrigin(origin)) return true;
  // Typed as the option allows, not as our configuration sets it today.
  const perRequest = instance.options.trustedOrigins as BetterAuthOptions["trustedOrigins"];
  return typeof perRequest === "function" && (await perRequest(request)).includes(origin);
}
