import { db } from "@videofly/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { signUpVerified } from "./support/http";
import { createKey, revokeKey } from "./support/keys";
import { sdk } from "./support/sdk";

// Scoped keys over real HTTP, through the SDK, against the shared app; it looks into that app's
// database to count videos.
process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.DATABASE_POOL_MAX = "2";

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO" as const,
  prompt: "a lighthouse at dusk",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

let owner: { cookie: string; userId: string };

const asKey = (key: string, headers: Record<string, string> = {}) => sdk({ apiKey: key, headers });
const asOwner = () => sdk({ cookie: owner.cookie });
const generate = (key: string) => asKey(key).POST("/video/generate", { body: kling });
const balance = (key: string, headers: Record<string, string> = {}) => asKey(key, headers).GET("/credit/balance");

beforeAll(async () => {
  owner = await signUpVerified("scoped-keys@example.com");
});

describe("scoped API keys", () => {
  it("need videos:write to generate: 403 E4030 naming the scope without it, 201 with it", async () => {
    const reader = await createKey(owner.cookie, { name: "reader", scopes: ["videos:read", "credits:read"] });
    const refused = await generate(reader.key);
    expect(refused.response.status).toBe(403);
    expect(refused.error?.error).toMatchObject({ code: "E4030", details: { requiredScope: "videos:write" } });
    expect(await db().video.count({ where: { userId: owner.userId } })).toBe(0);
    expect((await asKey(reader.key).GET("/video/list")).response.status).toBe(200);
    expect((await balance(reader.key)).response.status).toBe(200);

    const writer = await createKey(owner.cookie, { name: "writer", scopes: ["videos:write"] });
    expect((await generate(writer.key)).response.status).toBe(201);
    // The writer may not read: each route needs its own scope.
    const list = await asKey(writer.key).GET("/video/list");
    expect(list.response.status).toBe(403);
    expect(list.error?.error).toMatchObject({ details: { requiredScope: "videos:read" } });
  });

  it("gain a scope when it is added with PATCH, and lose access at once when revoked", async () => {
    const key = await createKey(owner.cookie, { name: "grows", scopes: ["credits:read"] });
    expect((await generate(key.key)).response.status).toBe(403);
    const patched = await asOwner().PATCH("/api-keys/{id}", {
      params: { path: { id: key.id } },
      body: { scopes: ["credits:read", "videos:write"] },
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data?.data.scopes).toEqual(["videos:write", "credits:read"]);
    expect((await generate(key.key)).response.status).toBe(201);

    expect((await revokeKey(owner.cookie, key.id)).status).toBe(200);
    const after = await balance(key.key);
    expect(after.response.status).toBe(401);
    expect(after.error?.error.code).toBe("E4010");
  });

  it("are used only from their allowed addresses", async () => {
    const key = await createKey(owner.cookie, {
      name: "office",
      scopes: ["credits:read"],
      allowedIps: ["203.0.113.0/24"],
    });
    const from = (ip: string) => balance(key.key, { "x-forwarded-for": ip });
    expect((await from("203.0.113.77")).response.status).toBe(200);
    const outside = await from("198.51.100.4");
    expect(outside.response.status).toBe(403);
    expect(outside.error?.error).toMatchObject({ code: "E4030", details: { reason: "ip_not_allowed" } });
  });

  it("are listed to their owner without secrets, with prefix, scopes, last use and request count", async () => {
    const key = await createKey(owner.cookie, { name: "listed", scopes: ["credits:read"] });
    expect(key.key.startsWith(key.prefix ?? "no prefix")).toBe(true);
    for (let i = 0; i < 3; i++) await balance(key.key);
    let listed: Record<string, unknown> | undefined;
    // Usage records are written in batches, about a second after the requests.
    for (let attempt = 0; attempt < 40; attempt++) {
      listed = (await asOwner().GET("/api-keys")).data?.data.find((k) => k.id === key.id);
      if (listed?.requests === 3) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(listed).toMatchObject({ name: "listed", prefix: key.prefix, scopes: ["credits:read"], requests: 3 });
    expect(listed?.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed)).not.toContain(key.key);
    expect(listed).not.toHaveProperty("key");
  });

  it("are refused by validation with the offending field, and cannot be made by a key", async () => {
    const bad = await asOwner().POST("/api-keys", {
      // A scope the API does not have, sent as a careless program would, past the SDK's types.
      body: { name: "bad", scopes: ["videos:delete" as "videos:read"] },
    });
    expect(bad.response.status).toBe(400);
    expect(JSON.stringify(bad.error?.error.details)).toContain("body.scopes.0");
    const key = await createKey(owner.cookie, { name: "no minting" });
    const minted = await asKey(key.key).POST("/api-keys", { body: { name: "minted", scopes: ["videos:read"] } });
    expect(minted.response.status).toBe(403);
  });

  it("carry the RateLimit headers of their budget", async () => {
    const key = await createKey(owner.cookie, { name: "headers", scopes: ["credits:read"], rateLimitPerMinute: 40 });
    const { response } = await balance(key.key);
    expect(response.headers.get("ratelimit-policy")).toBe('"default";q=40;w=60');
    expect(response.headers.get("ratelimit")).toMatch(/^"default";r=39;t=\d+$/);
  });
});

describe("admin view of API keys", () => {
  it("lists every key with its owner and can switch one off", async () => {
    const admin = await signUpVerified(inject("adminEmails")[5] ?? "");
    const asAdmin = sdk({ cookie: admin.cookie });
    const key = await createKey(owner.cookie, { name: "watched", scopes: ["credits:read"] });
    let found: { id: string; owner: { email: string }; enabled: boolean } | undefined;
    let cursor: string | undefined;
    do {
      const page = await asAdmin.GET("/admin/api-keys", { params: { query: { limit: 100, cursor } } });
      expect(page.response.status).toBe(200);
      found = page.data?.data.items.find((k) => k.id === key.id);
      cursor = page.data?.data.nextCursor ?? undefined;
    } while (!found && cursor);
    expect(found).toMatchObject({ owner: { email: "scoped-keys@example.com" }, enabled: true });

    const off = await asAdmin.PATCH("/admin/api-keys/{id}", {
      params: { path: { id: key.id } },
      body: { enabled: false },
    });
    expect(off.response.status).toBe(200);
    expect((await balance(key.key)).response.status).toBe(401);
    // An owner's session is not an admin's.
    expect((await asOwner().GET("/admin/api-keys")).response.status).toBe(403);
  });
});
