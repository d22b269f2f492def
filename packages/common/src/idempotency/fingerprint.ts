import { createHash } from "node:crypto";

/**
 * What makes two requests "the same" for one Idempotency-Key: method, route and the body exactly
 * as given (sha256, hex). The parts are JSON-encoded together so that no two different triples
 * hash the same input.
 */
export function requestFingerprint(parts: { method: string; route: string; body: string }): string {
  return createHash("sha256")
    .update(JSON.stringify([parts.method.toUpperCase(), parts.route, parts.body]))
    .digest("hex");
}
