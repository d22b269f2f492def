import type { ApiScope } from "@videofly/auth";
import type { ErrorName } from "@videofly/common";
import type { z } from "zod";
import type { AuthMode } from "./authenticate";

export type { ApiScope };
export type Schema = z.ZodType | undefined;
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A route's own limit, counted on top of the caller's default budget (generation is dearer). */
export interface RoutePolicy {
  policy: string;
  perMinute: () => number;
}

/**
 * What the wrapper needs to run a route. Cron and test routes give only this; every /api/v1
 * route gives a full {@link Operation}, which is also what the OpenAPI document is built from.
 */
export interface RouteSpec<
  A extends AuthMode = AuthMode,
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
> {
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  method?: HttpMethod;
  path?: `/${string}`;
  /** The scope an API key needs; a session has every scope. None: any authenticated caller. */
  scope?: ApiScope;
  rateLimit?: RoutePolicy;
  /** Accepts `Idempotency-Key`: a repeat gets the stored first response. */
  idempotent?: boolean;
  /**
   * A key the validated body may carry instead of the header (the header wins when both are
   * given): the same key, with the same replay, mismatch and in-progress rules.
   */
  idempotencyKeyFrom?: (body: B extends z.ZodType ? z.output<B> : never) => string | undefined;
}

/** One /api/v1 operation: how it runs and how the OpenAPI document describes it. */
export interface Operation<
  A extends AuthMode = AuthMode,
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
  R extends Schema = Schema,
> extends RouteSpec<A, P, Q, B> {
  method: HttpMethod;
  /** Relative to /api/v1, with OpenAPI's `{name}` parameters. */
  path: `/${string}`;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** The envelope's `data` on success; absent when the route answers with raw bytes. */
  response?: R;
  /** The success status (200 unless given). */
  status?: number;
  /** A success that is not the JSON envelope (a file), by content type. */
  produces?: string;
  /** A request body the route reads raw rather than through `body`, by content type. */
  consumes?: string;
  /** The domain errors the route can answer with, besides those every route of its kind can. */
  errors?: readonly ErrorName[];
}

export function operation<
  A extends AuthMode,
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  R extends Schema = undefined,
>(op: Operation<A, P, Q, B, R>): Operation<A, P, Q, B, R> {
  return op;
}

/** The pattern a usage record and an idempotency key are filed under: "POST /video/generate". */
export function routePattern(spec: RouteSpec, url: URL, method: string): string {
  return spec.path ? `${spec.method ?? method} ${spec.path}` : `${method} ${url.pathname}`;
}
