import { beforeAll, describe, expect, inject, it } from "vitest";
import { signUpVerified } from "./support/http";
import { createKey } from "./support/keys";
import { sdk } from "./support/sdk";

// The usage audit over real HTTP, through the SDK, against the shared app: what a key did, as its
// owner and an admin see it. Records are written in batches about a second after the requests.
const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO" as const,
  prompt: "metered",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

let owner: { cookie: string; userId: string };
let key: { id: string; key: string };
let videoUuid: string;
const asOwner = () => sdk({ cookie: owner.cookie });
const asKey = () => sdk({ apiKey: key.key, headers: { "user-agent": "usage-test/1.0" } });

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 40 && !done(value); attempt++) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  owner = await signUpVerified("metered@example.com");
  key = await createKey(owner.cookie, {
    name: "metered",
    scopes: ["videos:read", "videos:write", "credits:read", "usage:read"],
  });
  for (let i = 0; i < 3; i++) await asKey().GET("/credit/balance");
  const created = await asKey().POST("/video/generate", { body: kling });
  videoUuid = created.data?.data.uuid ?? "";
  expect((await asKey().GET("/video/{uuid}", { params: { path: { uuid: videoUuid } } })).response.status).toBe(200);
  const invalid = await asKey().POST("/video/generate", { body: { ...kling, duration: -5 } });
  expect(invalid.response.status).toBe(400);
  // A browser session's requests are not a key's: they are not in the audit.
  await asOwner().GET("/credit/balance");
});

describe("usage audit", () => {
  it("sums a key's requests, errors, credits and latency per route", async () => {
    const byRoute = await eventually(
      async () => (await asKey().GET("/usage", { params: { query: { groupBy: "route" } } })).data?.data ?? [],
      (groups) => groups.reduce((n, g) => n + g.requests, 0) >= 6,
    );
    const of = (route: string) => byRoute.find((g) => g.group === route);
    expect(of("GET /credit/balance")).toMatchObject({ requests: 3, errors: 0, credits: 0 });
    expect(of("POST /video/generate")).toMatchObject({ requests: 2, errors: 1, credits: 1 });
    expect(of("GET /video/{uuid}")).toMatchObject({ requests: 1, errors: 0 });
    for (const group of byRoute) expect(group.p95Ms).toBeGreaterThanOrEqual(group.p50Ms);
    // Besides the usage requests themselves, nothing else is there.
    expect(byRoute.map((g) => g.group).filter((r) => !r.startsWith("GET /usage"))).toHaveLength(3);
  });

  it("groups per key and per day for the owner's session too", async () => {
    const byKey = (await asOwner().GET("/usage", { params: { query: { groupBy: "key" } } })).data?.data ?? [];
    expect(byKey.find((g) => g.group === key.id)?.requests).toBeGreaterThanOrEqual(6);
    const byDay = (await asOwner().GET("/usage")).data?.data ?? [];
    expect(byDay.at(-1)?.group).toBe(new Date().toISOString().slice(0, 10));
  });

  it("lists single requests by route pattern, never the raw path or a secret", async () => {
    const page = await asOwner().GET("/usage/requests", { params: { query: { limit: 100 } } });
    expect(page.response.status).toBe(200);
    const rows = page.data?.data.items ?? [];
    expect(rows.find((r) => r.route === "GET /video/{uuid}")).toMatchObject({ keyId: key.id, status: 200 });
    expect(rows.find((r) => r.route === "POST /video/generate" && r.status === 201)?.creditsHeld).toBe(1);
    expect(rows.find((r) => r.route === "GET /credit/balance")?.userAgent).toBe("usage-test/1.0");
    const text = JSON.stringify(rows);
    expect(text).not.toContain(videoUuid);
    expect(text).not.toContain(key.key);
  });

  it("refuses a key without usage:read, and bad ranges with the field", async () => {
    const other = await createKey(owner.cookie, { name: "no usage", scopes: ["credits:read"] });
    const refused = await sdk({ apiKey: other.key }).GET("/usage");
    expect(refused.response.status).toBe(403);
    expect(refused.error?.error).toMatchObject({ details: { requiredScope: "usage:read" } });
    const backwards = await asOwner().GET("/usage", {
      params: { query: { from: "2026-06-02T00:00:00Z", to: "2026-06-01T00:00:00Z" } },
    });
    expect(backwards.response.status).toBe(400);
    expect(JSON.stringify(backwards.error?.error.details)).toContain("query.from");
  });

  it("shows an admin every user's usage, or one user's", async () => {
    const admin = sdk({ cookie: (await signUpVerified(inject("adminEmails")[7] ?? "")).cookie });
    const mine = await admin.GET("/admin/usage", { params: { query: { groupBy: "key", userId: owner.userId } } });
    expect(mine.response.status).toBe(200);
    expect(mine.data?.data.map((g) => g.group)).toContain(key.id);
    const all = await admin.GET("/admin/usage/requests", { params: { query: { limit: 5 } } });
    expect(all.data?.data.items.length).toBeGreaterThan(0);
    expect((await asOwner().GET("/admin/usage")).response.status).toBe(403);
  });
});
