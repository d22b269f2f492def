import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "./auth.ts";
import { clientIp } from "./client-ip.ts";
import { authConfig } from "./config.ts";

/**
 * Better Auth's limiter (sign-up, sign-in) counts per address, read from `x-forwarded-for`'s
 * first entry, which a client may write itself. Behind trusted proxies the request goes on with
 * that header set to the address they vouch for, so the limiter counts the caller, not a made-up
 * name. Without a trusted proxy (TRUSTED_PROXY_HOPS=0) the header is left as it came: the caller's
 * address cannot be known inside a route handler (see client-ip.ts).
 */
function withTrustedAddress(request: Request): Request {
  const ip = clientIp(request.headers, { trustedProxyHops: authConfig().trustedProxyHops });
  if (ip === null) return request;
  const headers = new Headers(request.headers);
  headers.set("x-forwarded-for", ip);
  return new Request(request, { headers });
}

/** Route handlers for Next.js' `/api/auth/[...all]`; the instance is built on the first request. */
export const authRouteHandlers = toNextJsHandler((request: Request) => auth().handler(withTrustedAddress(request)));
