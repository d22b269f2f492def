import type { RateLimitOutcome } from "./types.ts";

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy`
 * lists each budget (`"<policy>";q=<limit>;w=<window>`), `RateLimit` what is left of it
 * (`"<policy>";r=<remaining>;t=<seconds to reset>`), comma-joined when there are several, and
 * `Retry-After` when any budget is spent: the longest wait among those, since the request needs
 * every one of them.
 */
export function rateLimitHeaders(outcomes: readonly RateLimitOutcome[]): Record<string, string> {
  if (outcomes.length === 0) return {};
  const headers: Record<string, string> = {
    "RateLimit-Policy": outcomes.map((o) => `"${o.policy}";q=${o.limit};w=${o.windowSeconds}`).join(", "),
    RateLimit: outcomes.map((o) => `"${o.policy}";r=${o.remaining};t=${o.resetSeconds}`).join(", "),
  };
  const denied = outcomes.filter((o) => !o.allowed);
  if (denied.length > 0) {
    headers["Retry-After"] = String(Math.max(...denied.map((o) => o.resetSeconds)));
  }
  return headers;
}
