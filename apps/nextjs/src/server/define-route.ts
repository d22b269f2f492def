import type { z } from "zod";
import { appConfig } from "../config";
import { type AuthMode, authenticate, type IdentityFor } from "./authenticate";
import { errorResponse, successResponse } from "./envelope";
import { idempotencyKeyOf, runIdempotent } from "./idempotency";
import { authorizeCaller } from "./key-access";
import { toAppError } from "./map-error";
import type { RouteSpec, Schema } from "./operation";
import { parseInputs, queryObject, readJsonBody } from "./parse-input";
import { assertWithinBudget, consumeBudget } from "./rate-limit";
import { assertSameOrigin } from "./request-guards";
import { beginCall, type Call, callerScope, finishCall } from "./route-call";

type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<A extends AuthMode, P extends Schema, Q extends Schema, B extends Schema> {
  request: Request;
  requestId: string;
  log: Call["log"];
  identity: IdentityFor<A>;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** Tells the usage record how many credits this request held. */
  heldCredits(credits: number): void;
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
type Handler<A extends AuthMode, P extends Schema, Q extends Schema, B extends Schema> = (
  ctx: RouteContext<A, P, Q, B>,
) => Promise<unknown>;

/**
 * The one wrapper every /api/v1 handler goes through: request id, authentication, a key's
 * address list and scope, the cross-site check of cookie requests, the caller's rate limits,
 * input validation (a body must be declared JSON), Idempotency-Key, the response envelope,
 * error mapping, the access log line and the usage record of a key's request.
 */
export function defineRoute<
  A extends AuthMode,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
>(spec: RouteSpec<A, P, Q, B>, handler: Handler<A, P, Q, B>) {
  return async (request: Request, next?: NextContext): Promise<Response> => {
    const call = beginCall(request, spec);
    let response: Response;
    try {
      response = await runRoute(call, spec, handler, next);
    } catch (thrown) {
      response = failure(call, thrown);
    }
    return finishCall(call, response);
  };
}

async function runRoute<A extends AuthMode, P extends Schema, Q extends Schema, B extends Schema>(
  call: Call,
  spec: RouteSpec<A, P, Q, B>,
  handler: Handler<A, P, Q, B>,
  next?: NextContext,
): Promise<Response> {
  const { request } = call;
  const identity = await authenticate(spec.auth, request.headers);
  call.identity = identity;
  authorizeCaller(identity, spec.scope, request.headers);
  await assertSameOrigin(request, identity);
  call.budgets = await consumeBudget(identity, spec);
  assertWithinBudget(call.budgets);
  const headerKey = spec.idempotent ? idempotencyKeyOf(request.headers) : null;
  const input = parseInputs(
    { params: spec.params, query: spec.query, body: spec.body },
    {
      params: (await next?.params) ?? {},
      query: queryObject(call.url),
      body: spec.body ? await readJsonBody(request, appConfig().API_MAX_BODY_BYTES) : undefined,
    },
  );
  const idempotencyKey = spec.idempotent
    ? (headerKey ??
      spec.idempotencyKeyFrom?.(input.body as Parameters<NonNullable<typeof spec.idempotencyKeyFrom>>[0]) ??
      null)
    : null;
  const run = () =>
    handler({
      request,
      requestId: call.requestId,
      log: call.log,
      identity,
      params: input.params as Out<P>,
      query: input.query as Out<Q>,
      body: input.body as Out<B>,
      heldCredits: (credits) => {
        call.creditsHeld += credits;
      },
    }).then(toResponse, (thrown) => failure(call, thrown));
  if (idempotencyKey === null || identity === null) return run();
  return runIdempotent(
    { scope: callerScope(identity), method: request.method, route: call.route, key: idempotencyKey, input },
    run,
  );
}

// A Response passes through untouched (file downloads); anything else goes in the envelope.
function toResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  if (result instanceof RouteResult) return successResponse(result.data, result.init);
  return successResponse(result);
}

function failure(call: Call, thrown: unknown): Response {
  const error = toAppError(thrown);
  if (error.status >= 500) call.log.error({ err: thrown, code: error.code }, "request failed");
  return errorResponse(error, call.requestId);
}
