import type { RequestIdentity } from "@videofly/auth";
import { AppError, commonConfig, consumeRateLimits, type RateLimitOutcome, type RateLimitRule } from "@videofly/common";
import type { RouteSpec } from "./operation";

const WINDOW_SECONDS = 60;

/** A key's own budget or the key default; a browser session's budget is per user. */
function budgetOf(identity: RequestIdentity, spec: RouteSpec): { subject: string; rules: RateLimitRule[] } {
  const config = commonConfig();
  const key = identity.key;
  const limit = key
    ? (key.rateLimitPerMinute ?? config.API_KEY_RATE_LIMIT_PER_MINUTE)
    : config.SESSION_RATE_LIMIT_PER_MINUTE;
  const rules: RateLimitRule[] = [{ policy: "default", limit, windowSeconds: WINDOW_SECONDS }];
  if (spec.rateLimit) {
    rules.push({ policy: spec.rateLimit.policy, limit: spec.rateLimit.perMinute(), windowSeconds: WINDOW_SECONDS });
  }
  return { subject: key ? `key:${key.id}` : `user:${identity.user.id}`, rules };
}

/** Counts the request against its caller's budgets; anonymous and cron callers are not counted. */
export async function consumeBudget(identity: RequestIdentity | null, spec: RouteSpec): Promise<RateLimitOutcome[]> {
  if (!identity) return [];
  const { subject, rules } = budgetOf(identity, spec);
  return consumeRateLimits(subject, rules);
}

/** Over budget the request is refused before any work is done, so it holds no credits. */
export function assertWithinBudget(outcomes: RateLimitOutcome[]) {
  const spent = outcomes.find((o) => !o.allowed);
  if (!spent) return;
  throw new AppError("RATE_LIMITED", {
    message: `Rate limit "${spent.policy}" of ${spent.limit} requests per ${spent.windowSeconds} s reached.`,
    details: { policy: spent.policy, limit: spent.limit, retryAfterSeconds: spent.resetSeconds },
  });
}
