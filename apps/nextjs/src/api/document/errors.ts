import { type ErrorName, errorCodes } from "@videofly/common";
import type { Operation } from "@/server/operation";

/**
 * Every error an operation can answer with: its own domain errors and those its kind always can
 * (the wrapper's validation, authentication, scopes, limits, idempotency and body checks).
 */
export function possibleErrors(op: Operation): ErrorName[] {
  const names = new Set<ErrorName>(op.errors ?? []);
  if (op.params || op.query || op.body) names.add("VALIDATION_FAILED");
  if (op.auth === "optional") {
    names.add("FORBIDDEN");
    names.add("RATE_LIMITED");
  } else if (op.auth !== "public") {
    names.add("UNAUTHORIZED");
    names.add("FORBIDDEN");
    // Every authenticated caller has a budget per key or per user; a route's own policy comes on top.
    names.add("RATE_LIMITED");
  }
  if (op.rateLimit) names.add("RATE_LIMITED");
  if (op.idempotent) {
    names.add("CONFLICT");
    names.add("UNPROCESSABLE");
  }
  if (op.body || op.consumes) names.add("PAYLOAD_TOO_LARGE");
  if (op.body) names.add("UNSUPPORTED_MEDIA_TYPE");
  names.add("INTERNAL");
  names.add("SERVICE_UNAVAILABLE");
  return [...names].sort((a, b) => errorCodes[a].code.localeCompare(errorCodes[b].code));
}

/** The errors by HTTP status, in status order: one documented response each. */
export function errorsByStatus(names: readonly ErrorName[]): Map<number, ErrorName[]> {
  const byStatus = new Map<number, ErrorName[]>();
  for (const name of names) {
    const status = errorCodes[name].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), name]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

/** What a status's error means for this operation, beyond each code's own message. */
export function statusNote(op: Operation, status: number): string | null {
  if (status === 403 && op.scope) {
    return `An API key without the \`${op.scope}\` scope gets E4030 with \`details.requiredScope\`.`;
  }
  if (status === 403 && (op.auth === "session-only" || op.auth === "admin")) {
    return op.auth === "admin" ? "Needs the admin role, by session: API keys are refused." : "API keys are refused.";
  }
  if (status === 409 && op.idempotent) {
    return "E4090: a request with this Idempotency-Key is still running; retry after `Retry-After` seconds.";
  }
  if (status === 422 && op.idempotent) return "E4220: this Idempotency-Key was used with a different body.";
  if (status === 429) return "Wait `Retry-After` seconds.";
  return null;
}
