/** How long a first response is kept and replayed. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/**
 * How long a claim stays RUNNING before a retry may take it over: longer than any handler runs
 * (the provider calls inside have shorter timeouts), short enough that a dead process blocks its
 * key only briefly.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 60;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyClaim =
  /** Run the handler, then complete (or release) the claim with this id. */
  | { kind: "claimed"; id: string }
  /** The first request finished: answer with its response. */
  | { kind: "replay"; response: StoredResponse }
  /** The key was first used for a different request (422 E4220). */
  | { kind: "mismatch" }
  /** The first request is still running (409 E4090 with Retry-After). */
  | { kind: "in_progress"; retryAfterSeconds: number };
