import { errorCodes } from "@videofly/common";
import { z } from "zod";
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiOverrideContext,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import type { Operation } from "@/server/operation";
import {
  apiError,
  errorEnvelope,
  type HeaderName,
  headerComponents,
  headerRefs,
  idempotencyKey,
  SESSION_COOKIE,
  securityFor,
  securitySchemes,
  successEnvelope,
} from "./document/components";
import { errorsByStatus, possibleErrors, statusNote } from "./document/errors";
import { operations } from "./operations";

const METHOD_ORDER = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Every operation with its id (the name it is exported under: `generateVideo`), by path and
 * method. Sorted, because bundlers and Node order a module's exports differently, and the
 * document must be the same wherever it is built.
 */
export function namedOperations(): { id: string; op: Operation }[] {
  return Object.values(operations)
    .flatMap((area) => Object.entries(area).map(([id, op]) => ({ id, op: op as Operation })))
    .sort(
      (a, b) =>
        a.op.path.localeCompare(b.op.path) || METHOD_ORDER.indexOf(a.op.method) - METHOD_ORDER.indexOf(b.op.method),
    );
}

const DESCRIPTION = `The VideoFly REST API: generate videos from a prompt or an image, follow them, and manage credits.

Every JSON answer is an envelope: \`{ "success": true, "data": … }\`, or \`{ "success": false, "error": { "code", "type", "message", "details", "requestId" } }\` with the HTTP status of the error.

Authenticate with an API key (\`x-api-key: vf_…\` or \`Authorization: Bearer vf_…\`), limited to its scopes, or with the web app's session cookie (\`${SESSION_COOKIE}\`).`;

/** The OpenAPI 3.1 document of /api/v1, built from the operations the routes run. */
export function buildOpenApiDocument(): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  const tags = new Set<string>();
  for (const { id, op } of namedOperations()) {
    const method = op.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
    paths[op.path] = { ...paths[op.path], [method]: operationObject(id, op) };
    for (const tag of op.tags) tags.add(tag);
  }
  return createDocument(
    {
      openapi: "3.1.0",
      info: { title: "VideoFly API", version: "1.0.0", description: DESCRIPTION },
      servers: [{ url: "/api/v1" }],
      tags: [...tags].sort().map((name) => ({ name })),
      paths,
      components: { securitySchemes, headers: headerComponents, schemas: { ApiError: apiError } },
    },
    { override: dropSafeIntegerBounds },
  ) as oas31.OpenAPIObject;
}

function operationObject(id: string, op: Operation): ZodOpenApiOperationObject {
  return {
    operationId: id,
    summary: op.summary,
    description: [op.description, scopeNote(op)].filter(Boolean).join("\n\n") || undefined,
    tags: [...op.tags],
    security: securityFor(op.auth, op.scope),
    "x-auth": op.auth,
    ...(op.scope ? { "x-required-scope": op.scope } : {}),
    requestParams: {
      ...(op.params ? { path: op.params as z.ZodObject } : {}),
      ...(op.query ? { query: op.query as z.ZodObject } : {}),
      ...(op.idempotent ? { header: z.object({ "Idempotency-Key": idempotencyKey }) } : {}),
    },
    ...requestBody(op),
    responses: { ...successResponses(op), ...errorResponses(op) },
  };
}

function scopeNote(op: Operation): string | null {
  if (op.auth === "public") return null;
  if (op.auth === "optional") {
    return `**Anyone**; signed in (a session, or a key with \`${op.scope}\`) you are also known as the owner.`;
  }
  if (op.auth === "admin") return "**Admins only**, by session.";
  if (op.auth === "session-only") return "**Session only**: API keys are refused.";
  return op.scope ? `**Scope:** \`${op.scope}\` (an API key needs it; a session has every scope).` : null;
}

function requestBody(op: Operation): Pick<ZodOpenApiOperationObject, "requestBody"> {
  if (op.body) {
    return {
      requestBody: {
        required: !op.body.safeParse(undefined).success,
        content: { "application/json": { schema: op.body } },
      },
    };
  }
  if (op.consumes) {
    return { requestBody: { required: true, content: { [op.consumes]: { schema: rawSchema(op.consumes) } } } };
  }
  return {};
}

const isJson = (type: string) => type === "application/json" || type.endsWith("+json");
const rawSchema = (type: string): oas31.SchemaObject =>
  isJson(type) ? { type: "object", additionalProperties: true } : { type: "string", format: "binary" };

/** Headers every response of the operation carries. */
function commonHeaders(op: Operation): HeaderName[] {
  return op.auth === "public" || op.auth === "optional"
    ? ["X-Request-Id"]
    : ["X-Request-Id", "RateLimit-Policy", "RateLimit"];
}

// z.int() is a safe integer: ±2^53 bounds on every count say nothing to a reader.
function dropSafeIntegerBounds({ jsonSchema }: ZodOpenApiOverrideContext) {
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

function successResponses(op: Operation): ZodOpenApiResponsesObject {
  const status = op.status ?? 200;
  const successHeaders = headerRefs([
    ...commonHeaders(op),
    ...(op.idempotent ? (["Idempotent-Replayed"] as const) : []),
  ]);
  if (op.produces) {
    const content = { [op.produces]: { schema: rawSchema(op.produces) } };
    return {
      [status]: { description: op.summary, headers: successHeaders, content },
      ...(op.method === "GET" && !isJson(op.produces)
        ? { 206: { description: "The requested range (`Range: bytes=…`).", headers: successHeaders, content } }
        : {}),
    };
  }
  const data = op.response ?? z.null();
  return {
    [status]: {
      description: op.summary,
      headers: successHeaders,
      content: { "application/json": { schema: successEnvelope(data) } },
    },
  };
}

function errorResponses(op: Operation): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, names] of errorsByStatus(possibleErrors(op))) {
    const retry = status === 429 || (status === 409 && op.idempotent);
    const lines = names.map((n) => `- \`${errorCodes[n].code}\` ${errorCodes[n].type}: ${errorCodes[n].message}`);
    const note = statusNote(op, status);
    responses[`${status}` as `4${string}`] = {
      description: [...lines, ...(note ? [note] : [])].join("\n"),
      headers: headerRefs([...commonHeaders(op), ...(retry ? (["Retry-After"] as const) : [])]),
      content: { "application/json": { schema: errorEnvelope(names) } },
      "x-error-codes": names.map((n) => errorCodes[n].code),
    };
  }
  return responses;
}

let serialized: string | undefined;

/** The document as JSON, built once per process: the operations do not change while it runs. */
export function openApiJson(): string {
  serialized ??= JSON.stringify(buildOpenApiDocument());
  return serialized;
}
