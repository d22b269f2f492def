import {
  AppError,
  claimIdempotencyKey,
  completeIdempotencyKey,
  idempotencyKeyHeader,
  releaseIdempotencyKey,
  requestFingerprint,
  type StoredResponse,
} from "@videofly/common";

export const IDEMPOTENCY_HEADER = "idempotency-key";

// The headers a replay must repeat for the client to read it as the first answer.
const REPLAYED_HEADERS = ["content-type", "location"];

/** The Idempotency-Key a request carries, checked before anything is stored; null for none. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const raw = headers.get(IDEMPOTENCY_HEADER);
  if (raw === null) return null;
  const parsed = idempotencyKeyHeader.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError("VALIDATION_FAILED", {
    message: "Invalid request: header.Idempotency-Key",
    details: {
      fields: [
        { field: "header.Idempotency-Key", code: "invalid_string", message: "1–255 printable ASCII characters" },
      ],
    },
  });
}

export interface IdempotentCall {
  /** The caller: a key and its owner's session are separate callers. */
  scope: string;
  method: string;
  route: string;
  key: string;
  /** The validated input, so that key order or defaults do not make two requests differ. */
  input: unknown;
}

/**
 * Runs `run` once per (caller, route, key). A repeat with the same request gets the stored
 * answer; a different request under the same key is refused. Only final answers are kept: a
 * server error, a conflict or a rate limit is released so a retry runs again.
 */
export async function runIdempotent(call: IdempotentCall, run: () => Promise<Response>): Promise<Response> {
  const requestHash = requestFingerprint({ method: call.method, route: call.route, body: JSON.stringify(call.input) });
  const claim = await claimIdempotencyKey({ scope: call.scope, route: call.route, key: call.key, requestHash });
  switch (claim.kind) {
    case "replay":
      return replay(claim.response);
    case "mismatch":
      throw new AppError("UNPROCESSABLE", {
        message: "This Idempotency-Key was used with a different request.",
        details: { field: "header.Idempotency-Key" },
      });
    case "in_progress":
      throw new AppError("CONFLICT", {
        message: "A request with this Idempotency-Key is still running; retry after it finishes.",
        headers: { "retry-after": String(claim.retryAfterSeconds) },
      });
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await releaseIdempotencyKey(claim.id);
    throw error;
  }
  if (isFinal(response.status)) await completeIdempotencyKey(claim.id, await stored(response));
  else await releaseIdempotencyKey(claim.id);
  return response;
}

function isFinal(status: number): boolean {
  return status < 500 && status !== 409 && status !== 429;
}

async function stored(response: Response): Promise<StoredResponse> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: response.status, headers, body: await response.clone().text() };
}

function replay(response: StoredResponse): Response {
  return new Response(response.body, {
    status: response.status,
    headers: { ...response.headers, "idempotent-replayed": "true" },
  });
}
