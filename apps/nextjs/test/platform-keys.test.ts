import { db } from "@videofly/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { api, baseUrl, signUpVerified } from "./support/http";
import { createKey, revokeKey } from "./support/keys";

// Scoped keys over real HTTP against the shared app; it looks into that app's database to count
// videos and holds.
process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.DATABASE_POOL_MAX = "2";

const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  prompt: "a lighthouse at dusk",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

const asKey = (key: string, extra: Record<string, string> = {}) => ({
  "x-api-key": key,
  "content-type": "application/json",
  ...extra,
});
const asSession = (cookie: string) => ({ cookie, origin: baseUrl(), "content-type": "application/json" });
const generate = (headers: Record<string, string>, body: unknown = kling) =>
  api<{ uuid: string }>("/api/v1/video/generate", { method: "POST", headers, body: JSON.stringify(body) });

let owner: { cookie: string; userId: string };

beforeAll(async () => {
  owner = await signUpVerified("scoped-keys@example.com");
});

describe("scoped API keys", () => {
  it("need videos:write to generate: 403 E4030 naming the scope without it, 201 with it", async () => {
    const reader = await createKey(owner.cookie, { name: "reader", scopes: ["videos:read", "credits:read"] });
    const refused = await generate(asKey(reader.key));
    expect(refused.res.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "E4030", details: { requiredScope: "videos:write" } });
    expect(await db().video.count({ where: { userId: owner.userId } })).toBe(0);
    expect((await api("/api/v1/video/list", { headers: asKey(reader.key) })).res.status).toBe(200);
    expect((await api("/api/v1/credit/balance", { headers: asKey(reader.key) })).res.status).toBe(200);

    const writer = await createKey(owner.cookie, { name: "writer", scopes: ["videos:write"] });
    const created = await generate(asKey(writer.key));
    expect(created.res.status).toBe(201);
    // The writer may not read: each route needs its own scope.
    const list = await api("/api/v1/video/list", { headers: asKey(writer.key) });
    expect(list.res.status).toBe(403);
    expect(list.body.error).toMatchObject({ details: { requiredScope: "videos:read" } });
  });

  it("gain a scope when it is added with PATCH, and lose access at once when revoked", async () => {
    const key = await createKey(owner.cookie, { name: "grows", scopes: ["credits:read"] });
    expect((await generate(asKey(key.key))).res.status).toBe(403);
    const patched = await api<{ scopes: string[] }>(`/api/v1/api-keys/${key.id}`, {
      method: "PATCH",
      headers: asSession(owner.cookie),
      body: JSON.stringify({ scopes: ["credits:read", "videos:write"] }),
    });
    expect(patched.res.status).toBe(200);
    expect(patched.body.data?.scopes.sort()).toEqual(["credits:read", "videos:write"]);
    expect((await generate(asKey(key.key))).res.status).toBe(201);

    expect((await revokeKey(owner.cookie, key.id)).status).toBe(200);
    const after = await api("/api/v1/credit/balance", { headers: asKey(key.key) });
    expect(after.res.status).toBe(401);
    expect(after.body.error?.code).toBe("E4010");
  });

  it("are used only from their allowed addresses", async () => {
    const key = await createKey(owner.cookie, {
      name: "office",
      scopes: ["credits:read"],
      allowedIps: ["203.0.113.0/24"],
    });
    const from = (ip: string) => api("/api/v1/credit/balance", { headers: asKey(key.key, { "x-forwarded-for": ip }) });
    expect((await from("203.0.113.77")).res.status).toBe(200);
    const outside = await from("198.51.100.4");
    expect(outside.res.status).toBe(403);
    expect(outside.body.error).toMatchObject({ code: "E4030", details: { reason: "ip_not_allowed" } });
  });

  it("are listed to their owner without secrets, with prefix, scopes, last use and request count", async () => {
    const key = await createKey(owner.cookie, { name: "listed", scopes: ["credits:read"] });
    expect(key.prefix).toBe(key.key.slice(0, key.prefix.length));
    for (let i = 0; i < 3; i++) await api("/api/v1/credit/balance", { headers: asKey(key.key) });
    let listed: Record<string, unknown> | undefined;
    // Usage records are written in batches, about a second after the requests.
    for (let attempt = 0; attempt < 40; attempt++) {
      const list = await api<Record<string, unknown>[]>("/api/v1/api-keys", { headers: asSession(owner.cookie) });
      listed = list.body.data?.find((k) => k.id === key.id);
      if (listed?.requests === 3) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(listed).toMatchObject({ name: "listed", prefix: key.prefix, scopes: ["credits:read"], requests: 3 });
    expect(listed?.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(listed)).not.toContain(key.key);
    expect(listed).not.toHaveProperty("key");
  });

  it("are refused by validation with the offending field, and cannot be made by a key", async () => {
    const bad = await api("/api/v1/api-keys", {
      method: "POST",
      headers: asSession(owner.cookie),
      body: JSON.stringify({ name: "bad", scopes: ["videos:delete"] }),
    });
    expect(bad.res.status).toBe(400);
    expect(JSON.stringify(bad.body.error?.details)).toContain("body.scopes.0");
    const key = await createKey(owner.cookie, { name: "no minting" });
    const minted = await api("/api/v1/api-keys", {
      method: "POST",
      headers: asKey(key.key),
      body: JSON.stringify({ name: "minted", scopes: ["videos:read"] }),
    });
    expect(minted.res.status).toBe(403);
  });

  it("carry the RateLimit headers of their budget", async () => {
    const key = await createKey(owner.cookie, { name: "headers", scopes: ["credits:read"], rateLimitPerMinute: 40 });
    const { res } = await api("/api/v1/credit/balance", { headers: asKey(key.key) });
    expect(res.headers.get("ratelimit-policy")).toBe('"default";q=40;w=60');
    expect(res.headers.get("ratelimit")).toMatch(/^"default";r=39;t=\d+$/);
  });
});

describe("admin view of API keys", () => {
  it("lists every key with its owner and can switch one off", async () => {
    const admin = await signUpVerified(inject("adminEmails")[5] ?? "");
    const key = await createKey(owner.cookie, { name: "watched", scopes: ["credits:read"] });
    let found: { id: string; owner: { email: string }; enabled: boolean } | undefined;
    let cursor: string | undefined;
    do {
      const page = await api<{ items: (typeof found & {})[]; nextCursor: string | null }>(
        `/api/v1/admin/api-keys?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { headers: asSession(admin.cookie) },
      );
      expect(page.res.status).toBe(200);
      found = page.body.data?.items.find((k) => k.id === key.id);
      cursor = page.body.data?.nextCursor ?? undefined;
    } while (!found && cursor);
    expect(found).toMatchObject({ owner: { email: "scoped-keys@example.com" }, enabled: true });

    const off = await api(`/api/v1/admin/api-keys/${key.id}`, {
      method: "PATCH",
      headers: asSession(admin.cookie),
      body: JSON.stringify({ enabled: false }),
    });
    expect(off.res.status).toBe(200);
    expect((await api("/api/v1/credit/balance", { headers: asKey(key.key) })).res.status).toBe(401);
    // An owner's session is not an admin's.
    expect((await api("/api/v1/admin/api-keys", { headers: asSession(owner.cookie) })).res.status).toBe(403);
  });
});
