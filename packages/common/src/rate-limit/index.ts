export { closeRateLimitStore, consumeRateLimits, openRateLimitStore } from "./consume.ts";
export { rateLimitHeaders } from "./headers.ts";
export { createPostgresRateLimitStore, createRedisRateLimitStore, type RateLimitStore } from "./store.ts";
export type { RateLimitOutcome, RateLimitRule } from "./types.ts";
