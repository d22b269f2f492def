/** Why a door stays closed: the `details.reason` of a refusal. Plain data, so the web app's client code can import it. */
export const REFUSAL_REASONS = [
  "private",
  "plan_required",
  "daily_limit",
  "download_not_allowed",
  "embed_not_allowed",
  "domain_not_allowed",
  "rate_limited",
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];
