import { pool } from "@videofly/db";
import { type CommonConfig, commonConfig } from "../config.ts";
import { createPostgresRateLimitStore, createRedisRateLimitStore, type RateLimitStore } from "./store.ts";
import type { RateLimitOutcome, RateLimitRule } from "./types.ts";

/** Redis when `REDIS_URL` is set, else PostgreSQL through the process's pool. */
export function openRateLimitStore(config: Pick<CommonConfig, "REDIS_URL"> = commonConfig()): RateLimitStore {
  return config.REDIS_URL ? createRedisRateLimitStore(config.REDIS_URL) : createPostgresRateLimitStore(pool());
}

// One store per process; kept on globalThis so Next.js dev reloads do not open a Redis connection per reload.
const globalForRateLimit = globalThis as unknown as { videoflyRateLimitStore?: RateLimitStore };

/**
 * Consumes one point from every rule for this subject (e.g. "key:<id>", "user:<id>"), atomically
 * per rule, in the store every app instance shares. A store that fails lets the request through.
 */
export function consumeRateLimits(subject: string, rules: RateLimitRule[]): Promise<RateLimitOutcome[]> {
  globalForRateLimit.videoflyRateLimitStore ??= openRateLimitStore();
  return globalForRateLimit.videoflyRateLimitStore.consume(subject, rules);
}

/** Closes the process's store (tests, shutdown); the next consume opens a new one. */
export async function closeRateLimitStore(): Promise<void> {
  const current = globalForRateLimit.videoflyRateLimitStore;
  globalForRateLimit.videoflyRateLimitStore = undefined;
  await current?.close();
}
