import type { Database } from "@videofly/db";
import { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { logger } from "../logger.ts";
import type { RateLimitOutcome, RateLimitRule } from "./types.ts";

type PgPool = Database["pool"];

/** Where the counters live; every app instance given the same database or Redis shares them. */
export interface RateLimitStore {
  readonly kind: "postgres" | "redis";
  /** Consumes one point from every rule for `subject`, each atomically in the store. */
  consume(subject: string, rules: readonly RateLimitRule[]): Promise<RateLimitOutcome[]>;
  /** Forgets the limiters; closes the Redis connection (a Postgres pool belongs to its caller). */
  close(): Promise<void>;
}

const POLICY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// The `rate_limit.key` column is the library's varchar(255).
const MAX_STORE_KEY = 255;
// A slow or hung Redis must not hold requests: past this the request goes through (fail open).
const REDIS_COMMAND_TIMEOUT_MS = 1000;

function checkRule(rule: RateLimitRule): void {
  if (!POLICY.test(rule.policy)) throw new TypeError(`rate limit policy ${JSON.stringify(rule.policy)} is not a token`);
  if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new TypeError(`rate limit ${rule.policy}: bad limit`);
  // Whole seconds: the Redis store counts windows in seconds and truncates anything finer.
  if (!Number.isInteger(rule.windowSeconds) || rule.windowSeconds < 1) {
    throw new TypeError(`rate limit ${rule.policy}: bad windowSeconds`);
  }
}

const storeKeyPrefix = (policy: string) => `ratelimit:${policy}`;

function outcomeOf(rule: RateLimitRule, res: RateLimiterRes, allowed: boolean): RateLimitOutcome {
  return {
    policy: rule.policy,
    limit: rule.limit,
    windowSeconds: rule.windowSeconds,
    remaining: res.remainingPoints,
    resetSeconds: Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
    allowed,
  };
}

// During an outage every request fails the same way: one error line per interval says so.
const FAILURE_LOG_INTERVAL_MS = 10_000;

/**
 * A store that cannot answer lets the request through, with an error logged: an outage of the
 * limiter's store must not take the API down with it, and the budget is a guard against abuse,
 * not an invariant like the credit balance. The headers then show a full budget.
 */
function failureReporter(kind: RateLimitStore["kind"]) {
  let lastLogged = 0;
  let unlogged = 0;
  return (rule: RateLimitRule, error: unknown): RateLimitOutcome => {
    unlogged += 1;
    if (Date.now() - lastLogged >= FAILURE_LOG_INTERVAL_MS) {
      logger().error(
        { err: error, policy: rule.policy, store: kind, failures: unlogged },
        "rate limit store failed; requests are let through",
      );
      lastLogged = Date.now();
      unlogged = 0;
    }
    return { ...rule, remaining: rule.limit, resetSeconds: rule.windowSeconds, allowed: true };
  };
}

function createStore(
  kind: RateLimitStore["kind"],
  limiterFor: (rule: RateLimitRule) => RateLimiterAbstract,
  ready: Promise<void>,
  closeClient: () => Promise<void>,
): RateLimitStore {
  // One limiter per (policy, limit, window); the counters are keyed by policy alone, so a policy
  // whose limit changes between deploys keeps the count of the current window.
  const limiters = new Map<string, RateLimiterAbstract>();
  const failOpen = failureReporter(kind);
  const limiter = (rule: RateLimitRule) => {
    const id = `${rule.policy}|${rule.limit}|${rule.windowSeconds}`;
    let found = limiters.get(id);
    if (!found) {
      found = limiterFor(rule);
      limiters.set(id, found);
    }
    return found;
  };

  async function consumeOne(subject: string, rule: RateLimitRule): Promise<RateLimitOutcome> {
    try {
      return outcomeOf(rule, await limiter(rule).consume(subject), true);
    } catch (error) {
      // The library rejects with the counter itself when the budget is spent, with an Error when the store fails.
      if (error instanceof RateLimiterRes) return outcomeOf(rule, error, false);
      return failOpen(rule, error);
    }
  }

  return {
    kind,
    async consume(subject, rules) {
      for (const rule of rules) {
        checkRule(rule);
        if (`${storeKeyPrefix(rule.policy)}:${subject}`.length > MAX_STORE_KEY) {
          throw new TypeError(`rate limit subject is longer than the store's key (${MAX_STORE_KEY})`);
        }
      }
      await ready;
      return Promise.all(rules.map((rule) => consumeOne(subject, rule)));
    },
    async close() {
      limiters.clear();
      await closeClient();
    },
  };
}

/**
 * Counters in the `rate_limit` table (prisma/schema.prisma), one upsert per consume: the
 * library's `INSERT … ON CONFLICT DO UPDATE` is atomic under concurrent requests. The table comes
 * from the migrations, so the library runs no DDL. Windows are timed by each instance's clock.
 */
export function createPostgresRateLimitStore(pool: PgPool): RateLimitStore {
  const limiterFor = (rule: RateLimitRule) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      keyPrefix: storeKeyPrefix(rule.policy),
      points: rule.limit,
      duration: rule.windowSeconds,
    });
  return createStore("postgres", limiterFor, Promise.resolve(), async () => {});
}

/**
 * Counters in Redis (`REDIS_URL`), one Lua script per consume (INCRBY with the window's TTL),
 * atomic in Redis. While the connection is down, consumes fail open at once instead of queueing.
 */
export function createRedisRateLimitStore(url: string): RateLimitStore {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  // ioredis reconnects by itself; an error event without a listener would only be printed raw.
  client.on("error", (error: Error) => logger().warn({ err: error.message }, "rate limit redis connection error"));
  // The first consumes wait for the first connection attempt rather than failing open at start-up.
  const ready = client.connect().catch(() => {});
  const limiterFor = (rule: RateLimitRule) =>
    new RateLimiterRedis({
      storeClient: client,
      rejectIfRedisNotReady: true,
      keyPrefix: storeKeyPrefix(rule.policy),
      points: rule.limit,
      duration: rule.windowSeconds,
    });
  return createStore("redis", limiterFor, ready, async () => {
    await ready;
    client.disconnect();
  });
}
