import type { RequestIdentity } from "@videofly/auth";
import { type Logger, logger } from "@videofly/common";
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
    creditsHeld: 0,
  };
}

/** Who an idempotency key belongs to: a key and its owner's browser session are separate callers. */
export function callerScope(identity: RequestIdentity): string {
  return identity.via === "api_key" ? `key:${identity.user.id}` : `user:${identity.user.id}`;
}

export function finishCall(call: Call, response: Response): Response {
  response.headers.set("x-request-id", call.requestId);
  response.headers.set("cache-control", response.headers.get("cache-control") ?? "no-store");
  call.log.info(
    {
      event: "http.request",
      method: call.request.method,
      path: call.url.pathname,
      status: response.status,
      durationMs: Math.round(performance.now() - call.started),
      userId: call.identity?.user.id,
    },
    "request",
  );
  return response;
}
