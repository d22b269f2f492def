import { startTestRedis, type TestRedis } from "@videofly/common/testing";
import { createDatabase, type Database } from "@videofly/db";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./app-server";
import { verifyEmail } from "./http";
import { createKey } from "./keys";
import { sdk } from "./sdk";

const KEY_BUDGET = 30;
const GENERATE_BUDGET = 3;
const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO" as const,
  prompt: "budgeted",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

async function signUpOn(server: string, email: string) {
  const res = await fetch(`${server}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server },
    body: JSON.stringify({ email, password: "correct horse battery", name: "budget" }),
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, userId: ((await res.json()) as { user: { id: string } }).user.id };
}

/**
 * Two app instances on one database share each caller's budget through the rate-limit store:
 * PostgreSQL (the default) or Redis (REDIS_URL). Requests are sent truly concurrently, half to each.
 */
export function sharedBudgetSuite(store: "postgres" | "redis") {
  let servers: AppServer[] = [];
  let databaseUrl: string;
  let redis: TestRedis | undefined;
  let database: Database;

  beforeAll(async () => {
    databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), `vf_budget_${store}`);
    database = createDatabase(databaseUrl, 2);
    redis = store === "redis" ? await startTestRedis() : undefined;
    const env = {
      DATABASE_URL: databaseUrl,
      API_KEY_RATE_LIMIT_PER_MINUTE: String(KEY_BUDGET),
      GENERATE_RATE_LIMIT_PER_MINUTE: String(GENERATE_BUDGET),
      VIDEO_MAX_CONCURRENT: "20",
      DEMO_PROVIDER_DELAY_MS: String(3_600_000),
      ...(redis ? { REDIS_URL: redis.url } : {}),
    };
    servers = await Promise.all([startAppServer(env), startAppServer(env)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close();
    await redis?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  const across = <T>(count: number, send: (server: string) => Promise<T>) =>
    Promise.all(Array.from({ length: count }, (_, i) => send(servers[i % servers.length]?.baseUrl ?? "")));

  describe(`rate limits on ${store}, shared by two instances`, () => {
    it(`give one key exactly ${KEY_BUDGET} of 100 concurrent requests, then reset with the window`, async () => {
      const owner = await signUpOn(servers[0]?.baseUrl ?? "", `budget-${store}@example.com`);
      const { key } = await createKey(owner.cookie, { scopes: ["credits:read"] }, servers[0]?.baseUrl);
      const balance = (server: string) => sdk({ apiKey: key }, server).GET("/credit/balance");
      const results = await across(100, balance);
      const answers = results.map((r) => r.response);
      const ok = answers.filter((r) => r.status === 200);
      const limited = answers.filter((r) => r.status === 429);
      expect(ok).toHaveLength(KEY_BUDGET);
      expect(limited).toHaveLength(100 - KEY_BUDGET);
      // Both instances answered some of each: the budget is the store's, not an instance's.
      for (const server of servers) expect(answers.some((r) => r.url.startsWith(server.baseUrl))).toBe(true);
      const [sample] = limited;
      if (!sample) throw new Error("no request was limited");
      expect(results.find((r) => r.response === sample)?.error?.error.code).toBe("E4290");
      expect(sample.headers.get("ratelimit-policy")).toBe(`"default";q=${KEY_BUDGET};w=60`);
      expect(sample.headers.get("ratelimit")).toMatch(/^"default";r=0;t=\d+$/);
      const retryAfter = Math.max(...limited.map((r) => Number(r.headers.get("retry-after"))));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);

      await new Promise((r) => setTimeout(r, (retryAfter + 1) * 1000));
      const fresh = (await balance(servers[1]?.baseUrl ?? "")).response;
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get("ratelimit")).toBe(`"default";r=${KEY_BUDGET - 1};t=60`);
    }, 90_000);

    it(`hold no credits for generations over the generation budget of ${GENERATE_BUDGET}`, async () => {
      const email = `generate-budget-${store}@example.com`;
      const owner = await signUpOn(servers[0]?.baseUrl ?? "", email);
      await verifyEmail(email, owner.cookie);
      const { key } = await createKey(
        owner.cookie,
        { scopes: ["videos:write"], rateLimitPerMinute: 1000 },
        servers[0]?.baseUrl,
      );
      const answers = await across(
        10,
        async (server) => (await sdk({ apiKey: key }, server).POST("/video/generate", { body: kling })).response,
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([...Array(GENERATE_BUDGET).fill(201), ...Array(10 - GENERATE_BUDGET).fill(429)]);
      const limited = answers.find((r) => r.status === 429);
      expect(limited?.headers.get("ratelimit-policy")).toBe(
        `"default";q=1000;w=60, "generate";q=${GENERATE_BUDGET};w=60`,
      );
      const prisma = database.prisma;
      expect(await prisma.video.count({ where: { userId: owner.userId } })).toBe(GENERATE_BUDGET);
      expect(await prisma.creditHold.count({ where: { userId: owner.userId } })).toBe(GENERATE_BUDGET);
    });
  });
}
