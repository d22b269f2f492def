import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("a Redis outage", () => {
  it("lets requests through while the server is gone, and counts again once it is back", async () => {
    let server = await startTestRedis();
    const store = createRedisRateLimitStore(server.url);
    const rule = { policy: "outage-recovery", limit: 5, windowSeconds: 60 };
    try {
      expect((await store.consume("key:a", [rule]))[0]).toMatchObject({ allowed: true, remaining: 4 });
      await server.stop();
      expect((await store.consume("key:a", [rule]))[0]).toMatchObject({ allowed: true, remaining: 5 });

      // A new, empty server at the same address: the client reconnects by itself.
      server = await startTestRedis({ port: server.port });
      await expect
        .poll(async () => (await store.consume("key:b", [rule]))[0]?.remaining, { timeout: 10_000 })
        .toBeLessThan(5);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
