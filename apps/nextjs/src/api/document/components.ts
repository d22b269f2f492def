import { type ErrorName, errorCodes } from "@videofly/common";
import { z } from "zod";
import type { oas31, ZodOpenApiComponentsObject } from "zod-openapi";
import type { AuthMode } from "@/server/authenticate";
import type { ApiScope } from "@/server/operation";

/** The session cookie Better Auth sets (with a `__Secure-` prefix when the app is served over HTTPS). */
export const SESSION_COOKIE = "better-auth.session_token";

export const securitySchemes: NonNullable<ZodOpenApiComponentsObject["securitySchemes"]> = {
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: `The web app's session, set by signing in; over HTTPS the cookie is \`__Secure-${SESSION_COOKIE}\`. Cross-site requests with it are refused.`,
  },
  apiKey: {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description: "An API key (`vf_…`), limited to its scopes.",
  },
  bearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "vf_… API key",
    description: "The same API key as `Authorization: Bearer vf_…`.",
  },
};

/** Who may call an operation; for a key, the scope goes with the requirement (OpenAPI 3.1 allows it for any scheme). */
export function securityFor(auth: AuthMode, scope: ApiScope | undefined): Record<string, string[]>[] {
  const scopes = scope ? [scope] : [];
  switch (auth) {
    case "public":
      return [];
    case "optional":
      // The empty requirement: anonymous callers are welcome too.
      return [{}, { sessionCookie: [] }, { apiKey: scopes }, { bearer: scopes }];
    case "session":
      return [{ sessionCookie: [] }, { apiKey: scopes }, { bearer: scopes }];
    case "session-only":
    case "admin":
      return [{ sessionCookie: [] }];
    case "cron":
      return [{ bearer: [] }];
  }
}

const header = (description: string, schema: oas31.SchemaObject = { type: "string" }): oas31.HeaderObject => ({
  description,
  schema,
});

/** The response headers, as components: operations refer to them by name. */
export const headerComponents = {
  "X-Request-Id": header("This request's id; error bodies carry it as `requestId` too."),
  "RateLimit-Policy": header('The budgets that apply (IETF RateLimit draft), e.g. `"default";q=60;w=60`.'),
  RateLimit: header('What is left of the tightest budget, e.g. `"default";r=59;t=60`.'),
  "Retry-After": header("Seconds to wait before trying again.", { type: "integer", minimum: 0 }),
  "Idempotent-Replayed": header(
    "`true` when this is the stored response of an earlier request with the same Idempotency-Key.",
    { type: "string", enum: ["true"] },
  ),
} satisfies Record<string, oas31.HeaderObject>;

export type HeaderName = keyof typeof headerComponents;

export const headerRefs = (names: HeaderName[]): Record<string, oas31.ReferenceObject> =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));

export const idempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x20-\x7e]+$/)
  .optional()
  .meta({
    description:
      "Makes the request safe to retry: a repeat with the same key and body gets the first response again (for 24 h).",
    param: { id: "IdempotencyKey" },
  });

/** The envelope of every JSON success. */
export const successEnvelope = (data: z.ZodType) => z.object({ success: z.literal(true), data });

/** The error object of every error envelope; each response narrows its `code` and `type`. */
export const apiError = z
  .object({
    code: z.string().meta({ description: "The API's error code: E4xxx the client can fix, E5xxx ours." }),
    type: z.string().meta({ description: "The code's name, snake_case." }),
    message: z.string(),
    details: z.unknown().optional().meta({ description: "More about the error: the bad fields of a 400, …" }),
    requestId: z.string(),
  })
  .meta({ id: "ApiError" });

/** The error envelope, its `code` and `type` narrowed to what this response can carry. */
export function errorEnvelope(names: readonly ErrorName[]): oas31.SchemaObject {
  return {
    type: "object",
    required: ["success", "error"],
    properties: {
      success: { type: "boolean", const: false },
      error: {
        allOf: [
          { $ref: "#/components/schemas/ApiError" },
          {
            type: "object",
            properties: {
              code: { type: "string", enum: names.map((n) => errorCodes[n].code) },
              type: { type: "string", enum: names.map((n) => errorCodes[n].type) },
            },
          },
        ],
      },
    },
  };
}
