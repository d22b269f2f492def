import type { RequestIdentity } from "@videofly/auth";
import { type Logger, logger, type RateLimitOutcome, rateLimitHeaders, recordApiRequest } from "@videofly/common";
import { callerIp } from "./key-access";
import { type RouteSpec, routePattern } from "./operation";
import { requestIdFor } from "./request-id";

/** What the wrapper learns about one request on its way through, for the response and the records. */
export interface Call {
  request: Request;
  url: URL;
  requestId: string;
  /** The route pattern ("POST /video/generate"), never the raw path. */
  route: string;
  log: Logger;
  started: number;
  identity: RequestIdentity | null;
  /** The caller's budgets after this request, for the RateLimit headers. */
  budgets: RateLimitOutcome[];
  creditsHeld: number;
}

export function beginCall(request: Request, spec: RouteSpec): Call {
  const requestId = requestIdFor(request.headers);
  const url = new URL(request.url);
  return {
    request,
    url,
    requestId,
    route: routePattern(spec, url, request.method),
    log: logger().child({ requestId }),
    started: performance.now(),
    identity: null,
    budgets: [],
    creditsHeld: 0,
  };
}

/** Who an idempotency key belongs to: a key and its owner's browser session are separate callers. */
export function callerScope(identity: RequestIdentity): string {
  return identity.key ? `key:${identity.key.id}` : `user:${identity.user.id}`;
}

/** Headers every answer carries, the access log line, and the usage record of a key's request. */
export function finishCall(call: Call, response: Response): Response {
  response.headers.set("x-request-id", call.requestId);
  response.headers.set("cache-control", response.headers.get("cache-control") ?? "no-store");
  for (const [name, value] of Object.entries(rateLimitHeaders(call.budgets))) response.headers.set(name, value);
  const durationMs = Math.round(performance.now() - call.started);
  const { identity, request } = call;
  call.log.info(
    {
      event: "http.request",
      method: request.method,
      path: call.url.pathname,
      status: response.status,
      durationMs,
      userId: identity?.user.id,
    },
    "request",
  );
  if (identity?.key) {
    recordApiRequest({
      keyId: identity.key.id,
      userId: identity.user.id,
      method: request.method,
      route: call.route,
      status: response.status,
      durationMs,
      creditsHeld: call.creditsHeld,
      requestId: call.requestId,
      ip: callerIp(request.headers),
      userAgent: request.headers.get("user-agent"),
    });
  }
  return response;
}
