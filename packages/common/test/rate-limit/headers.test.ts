import { describe, expect, it } from "vitest";
import { type RateLimitOutcome, rateLimitHeaders } from "../../src/rate-limit/index.ts";

const outcome = (o: Partial<RateLimitOutcome>): RateLimitOutcome => ({
  policy: "default",
  limit: 60,
  windowSeconds: 60,
  remaining: 59,
  resetSeconds: 60,
  allowed: true,
  ...o,
});

describe("RateLimit headers (draft-ietf-httpapi-ratelimit-headers)", () => {
  it("names the policy and what is left of it; no Retry-After while allowed", () => {
    expect(rateLimitHeaders([outcome({ remaining: 41, resetSeconds: 17 })])).toEqual({
      "RateLimit-Policy": '"default";q=60;w=60',
      RateLimit: '"default";r=41;t=17',
    });
  });

  it("joins several policies with commas and waits for the longest spent one", () => {
    const headers = rateLimitHeaders([
      outcome({ policy: "burst", limit: 10, windowSeconds: 1, remaining: 0, resetSeconds: 1, allowed: false }),
      outcome({ policy: "default", remaining: 0, resetSeconds: 42, allowed: false }),
      outcome({ policy: "daily", limit: 1000, windowSeconds: 86400, remaining: 900, resetSeconds: 80000 }),
    ]);
    expect(headers).toEqual({
      "RateLimit-Policy": '"burst";q=10;w=1, "default";q=60;w=60, "daily";q=1000;w=86400',
      RateLimit: '"burst";r=0;t=1, "default";r=0;t=42, "daily";r=900;t=80000',
      "Retry-After": "42",
    });
  });

  it("is empty without rules", () => {
    expect(rateLimitHeaders([])).toEqual({});
  });
});
