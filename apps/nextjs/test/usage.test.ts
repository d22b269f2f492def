import { beforeAll, describe, expect, inject, it } from "vitest";
import { api, baseUrl, signUpVerified } from "./support/http";
import { createKey } from "./support/keys";

// The usage audit over real HTTP against the shared app: what a key did, as its owner and an
// admin see it. Records are written in batches about a second after the requests.
const kling = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  prompt: "metered",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
};

interface Group {
  group: string;
  requests: number;
  errors: number;
  credits: number;
  p50Ms: number;
  p95Ms: number;
}
interface RequestRow {
  keyId: string;
  method: string;
  route: string;
  status: number;
  creditsHeld: number;
  requestId: string;
}

let owner: { cookie: string; userId: string };
let key: { id: string; key: string };
let videoUuid: string;
const session = () => ({ cookie: owner.cookie, origin: baseUrl() });

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
  const headers = { "x-api-key": key.key, "content-type": "application/json", "user-agent": "usage-test/1.0" };
  for (let i = 0; i < 3; i++) await api("/api/v1/credit/balance", { headers });
  const created = await api<{ uuid: string }>("/api/v1/video/generate", {
    method: "POST",
    headers,
    body: JSON.stringify(kling),
  });
  videoUuid = created.body.data?.uuid ?? "";
  expect((await api(`/api/v1/video/${videoUuid}`, { headers })).res.status).toBe(200);
  expect((await api("/api/v1/video/generate", { method: "POST", headers, body: "{}" })).res.status).toBe(400);
  // A browser session's requests are not a key's: they are not in the audit.
  await api("/api/v1/credit/balance", { headers: session() });
});

describe("usage audit", () => {
  it("sums a key's requests, errors, credits and latency per route", async () => {
    const byRoute = await eventually(
      async () =>
        (await api<Group[]>("/api/v1/usage?groupBy=route", { headers: { "x-api-key": key.key } })).body.data ?? [],
      (groups) => groups.reduce((n, g) => n + g.requests, 0) >= 6,
    );
    const of = (route: string) => byRoute.find((g) => g.group === route);
    expect(of("GET /credit/balance")).toMatchObject({ requests: 3, errors: 0, credits: 0 });
    expect(of("POST /video/generate")).toMatchObject({ requests: 2, errors: 1, credits: 1 });
    expect(of("GET /video/{uuid}")).toMatchObject({ requests: 1, errors: 0 });
    for (const group of byRoute) expect(group.p95Ms).toBeGreaterThanOrEqual(group.p50Ms);
    // The usage request itself is not yet counted when it is answered; nothing else is there.
    expect(byRoute.map((g) => g.group).filter((r) => !r.startsWith("GET /usage"))).toHaveLength(3);
  });

  it("groups per key and per day for the owner's session too", async () => {
    const byKey = (await api<Group[]>("/api/v1/usage?groupBy=key", { headers: session() })).body.data ?? [];
    expect(byKey.find((g) => g.group === key.id)?.requests).toBeGreaterThanOrEqual(6);
    const byDay = (await api<Group[]>("/api/v1/usage", { headers: session() })).body.data ?? [];
    expect(byDay.at(-1)?.group).toBe(new Date().toISOString().slice(0, 10));
  });

  it("lists single requests by route pattern, never the raw path or a secret", async () => {
    const page = await api<{ items: RequestRow[]; nextCursor: string | null }>("/api/v1/usage/requests?limit=100", {
      headers: session(),
    });
    expect(page.res.status).toBe(200);
    const rows = page.body.data?.items ?? [];
    expect(rows.find((r) => r.route === "GET /video/{uuid}")).toMatchObject({ keyId: key.id, status: 200 });
    expect(rows.find((r) => r.route === "POST /video/generate" && r.status === 201)?.creditsHeld).toBe(1);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(videoUuid);
    expect(text).not.toContain(key.key);
  });

  it("refuses a key without usage:read, and bad ranges with the field", async () => {
    const other = await createKey(owner.cookie, { name: "no usage", scopes: ["credits:read"] });
    const refused = await api("/api/v1/usage", { headers: { "x-api-key": other.key } });
    expect(refused.res.status).toBe(403);
    expect(refused.body.error).toMatchObject({ details: { requiredScope: "usage:read" } });
    const backwards = await api("/api/v1/usage?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z", {
      headers: session(),
    });
    expect(backwards.res.status).toBe(400);
    expect(JSON.stringify(backwards.body.error?.details)).toContain("query.from");
  });

  it("shows an admin every user's usage, or one user's", async () => {
    const admin = await signUpVerified(inject("adminEmails")[7] ?? "");
    const mine = await api<Group[]>(`/api/v1/admin/usage?groupBy=key&userId=${owner.userId}`, {
      headers: { cookie: admin.cookie, origin: baseUrl() },
    });
    expect(mine.res.status).toBe(200);
    expect(mine.body.data?.map((g) => g.group)).toContain(key.id);
    const all = await api<{ items: RequestRow[] }>("/api/v1/admin/usage/requests?limit=5", {
      headers: { cookie: admin.cookie, origin: baseUrl() },
    });
    expect(all.body.data?.items.length).toBeGreaterThan(0);
    expect((await api("/api/v1/admin/usage", { headers: session() })).res.status).toBe(403);
  });
});
