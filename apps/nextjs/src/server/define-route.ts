import { type Logger, logger } from "@videofly/common";
import type { z } from "zod";
import { appConfig } from "../config";
import { type AuthMode, authenticate, type IdentityFor } from "./authenticate";
import { errorResponse, successResponse } from "./envelope";
import { toAppError } from "./map-error";
import type { RouteSpec, Schema } from "./operation";
import { parseInputs, queryObject, readJsonBody } from "./parse-input";
import { assertSameOrigin } from "./request-guards";
import { requestIdFor } from "./request-id";

type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<A extends AuthMode, P extends Schema, Q extends Schema, B extends Schema> {
  request: Request;
  requestId: string;
  log: Logger;
  identity: IdentityFor<A>;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

/** What a handler may return besides plain data: a status or headers of its own. */
export class RouteResult {
  constructor(
    readonly data: unknown,
    readonly init: { status?: number; headers?: Record<string, string> } = {},
  ) {}
}

export function respond(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return new RouteResult(data, init);
}

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The one wrapper every /api/v1 handler goes through: request id, authentication, the
 * cross-site check of cookie requests, input validation (a body must be declared JSON), the
 * response envelope, error mapping and an access log line.
 */
export function defineRoute<
  A extends AuthMode,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(spec: RouteSpec<A, P, Q, B>, handler: (ctx: RouteContext<A, P, Q, B>) => Promise<unknown>) {
  return async (request: Request, next?: NextContext): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFor(request.headers);
    const url = new URL(request.url);
    const log = logger().child({ requestId });
    let userId: string | undefined;
    let response: Response;
    try {
      const identity = await authenticate(spec.auth, request.headers);
      userId = identity?.user.id;
      await assertSameOrigin(request, identity);
      const input = parseInputs(
        { params: spec.params, query: spec.query, body: spec.body },
        {
          params: (await next?.params) ?? {},
          query: queryObject(url),
          body: spec.body ? await readJsonBody(request, appConfig().API_MAX_BODY_BYTES) : undefined,
        },
      );
      const result = await handler({
        request,
        requestId,
        log,
        identity,
        params: input.params as Out<P>,
        query: input.query as Out<Q>,
        body: input.body as Out<B>,
      });
      // A Response passes through untouched (file downloads); anything else goes in the envelope.
      if (result instanceof Response) response = result;
      else if (result instanceof RouteResult) response = successResponse(result.data, result.init);
      else response = successResponse(result);
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.status >= 500) log.error({ err: thrown, code: error.code }, "request failed");
      response = errorResponse(error, requestId);
    }
    response.headers.set("x-request-id", requestId);
    response.headers.set("cache-control", response.headers.get("cache-control") ?? "no-store");
    log.info(
      {
        event: "http.request",
        method: request.method,
        path: url.pathname,
        status: response.status,
        durationMs: Math.round(performance.now() - started),
        userId,
      },
      "request",
    );
    return response;
  };
}
