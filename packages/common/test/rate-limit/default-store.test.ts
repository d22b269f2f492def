import { randomUUID } from "node:crypto";
import { pool } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRateLimitStore, consumeRateLimits, openRateLimitStore } from "../../src/rate-limit/index.ts";
import { startTestRedis, type TestRedis } from "../../src/testing/index.ts";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await closeRateLimitStore();
  await redis.stop();
});

describe("the process's rate-limit store", () => {
  it("is PostgreSQL without REDIS_URL: the counters are rows of rate_limit, kept across a reopen", async () => {
    const subject = `user:${randomUUID()}`;
    const rule = { policy: "default", limit: 5, windowSeconds: 60 };
    expect((await consumeRateLimits(subject, [rule]))[0]?.remaining).toBe(4);
    const { rows } = await pool().query("SELECT key, points, expire FROM rate_limit WHERE key = $1", [
      `ratelimit:default:${subject}`,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].points).toBe(1);
    expect(Number(rows[0].expire)).toBeGreaterThan(Date.now() + 58_000);

    await closeRateLimitStore();
    expect((await consumeRateLimits(subject, [rule]))[0]?.remaining).toBe(3);
  });

  it("is Redis when REDIS_URL is set, sharing the count with every store on that server", async () => {
    const subject = `key:${randomUUID()}`;
    const rule = { policy: "default", limit: 5, windowSeconds: 60 };
    const [a, b] = [openRateLimitStore({ REDIS_URL: redis.url }), openRateLimitStore({ REDIS_URL: redis.url })];
    expect([a.kind, b.kind, openRateLimitStore({}).kind]).toEqual(["redis", "redis", "postgres"]);
    await a.consume(subject, [rule]);
    expect((await b.consume(subject, [rule]))[0]?.remaining).toBe(3);
    await Promise.all([a.close(), b.close()]);
  });
});
