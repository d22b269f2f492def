/** One budget: at most `limit` requests per `windowSeconds` (a fixed window) for each subject. */
export interface RateLimitRule {
  /** Names the budget: its counters, and the RateLimit headers. Letters, digits, `.`, `_`, `-`. */
  policy: string;
  limit: number;
  windowSeconds: number;
}

/** What one consume left in one rule's budget. */
export interface RateLimitOutcome {
  policy: string;
  limit: number;
  windowSeconds: number;
  remaining: number;
  /** Seconds until the window ends and the budget is full again. */
  resetSeconds: number;
  allowed: boolean;
}
