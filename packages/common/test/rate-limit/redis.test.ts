import { afterAll, beforeAll } from "vitest";
import { createRedisRateLimitStore } from "../../src/rate-limit/index.ts";
import { startTestRedis, type TestRedis } from "../../src/testing/index.ts";
import { describeRateLimitStore } from "./store-suite.ts";

let redis: TestRedis;
let stopped: TestRedis;

beforeAll(async () => {
  [redis, stopped] = await Promise.all([startTestRedis(), startTestRedis()]);
  // A server that was there and is gone: what an outage looks like to the store.
  await stopped.stop();
});

afterAll(async () => {
  await redis.stop();
});

// Each store opens its own client, as an app instance would.
describeRateLimitStore("redis", () => ({
  open: () => createRedisRateLimitStore(redis.url),
  openBroken: () => createRedisRateLimitStore(stopped.url),
}));
