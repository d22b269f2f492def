import { authConfig, clientIp, hasScope, ipAllowed, type RequestIdentity } from "@videofly/auth";
import { AppError } from "@videofly/common";
import type { ApiScope } from "./operation";

/** The caller's address as far as the configured proxies can be trusted; null when unknown. */
export function callerIp(headers: Headers): string | null {
  return clientIp(headers, { trustedProxyHops: authConfig().trustedProxyHops });
}

/**
 * What a key may do, checked before any work: its address list (an unknown address is outside
 * it), then the route's scope. A session has every scope of its user.
 */
export function authorizeCaller(identity: RequestIdentity | null, scope: ApiScope | undefined, headers: Headers) {
  if (!identity) return;
  const allowedIps = identity.key?.allowedIps ?? null;
  if (allowedIps !== null && !ipAllowed(callerIp(headers), allowedIps)) {
    throw new AppError("FORBIDDEN", {
      message: "This API key may not be used from this address.",
      details: { reason: "ip_not_allowed" },
    });
  }
  if (scope && !hasScope(identity, scope)) {
    throw new AppError("FORBIDDEN", {
      message: `This API key lacks the scope ${scope}.`,
      details: { requiredScope: scope },
    });
  }
}
