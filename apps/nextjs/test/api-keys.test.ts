import { db } from "@videofly/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { api, baseUrl, signUpVerified } from "./support/http";
import { createKey, revokeKey } from "./support/keys";

// An API key authenticates /api/v1 only: never /api/auth/*, never an admin route.
// One test expires a key in the running app's own database.
process.env.DATABASE_URL = inject("appDatabaseUrl");
process.env.DATABASE_POOL_MAX = "2";

interface Caller {
  cookie: string;
  userId: string;
  key: string;
  keyId: string;
}

const asSession = (cookie: string) => ({ cookie, origin: baseUrl(), "content-type": "application/json" });
const keyHeaders = (key: string): Record<string, string>[] => [
  { "x-api-key": key },
  { authorization: `Bearer ${key}` },
];

async function auth(path: string, headers: Record<string, string>, body?: unknown) {
  return fetch(`${baseUrl()}/api/auth${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function newCaller(email: string): Promise<Caller> {
  const { cookie, userId } = await signUpVerified(email);
  const { key, id } = await createKey(cookie);
  return { cookie, userId, key, keyId: id };
}

const keysOf = async (cookie: string) =>
  (await api<unknown[]>("/api/v1/api-keys", { headers: asSession(cookie) })).body.data?.length;
const me = (headers: Record<string, string>) =>
  api<{ role: string; authenticatedVia: string }>("/api/v1/user/me", { headers });

let admin: Caller;
let user: Caller;

beforeAll(async () => {
  admin = await newCaller(inject("adminEmails")[3] ?? "");
  user = await newCaller("keys-user@example.com");
});

describe("an API key on /api/auth", () => {
  it("cannot create or list keys, nor stand for a session", async () => {
    for (const headers of keyHeaders(user.key)) {
      const label = Object.keys(headers)[0];
      // Better Auth's own key endpoints are closed to everyone: /api/v1/api-keys is the interface.
      expect((await auth("/api-key/create", headers, { name: "minted by a key" })).status, label).toBe(404);
      expect((await auth("/api-key/list", headers)).status, label).toBe(404);
      const minted = await api("/api/v1/api-keys", {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ name: "minted by a key", scopes: ["videos:read"] }),
      });
      expect(minted.res.status, label).toBe(403);
      expect((await api("/api/v1/api-keys", { headers })).res.status, label).toBe(403);
      const session = await auth("/get-session", headers);
      expect(await session.json(), label).toBeNull();
    }
    expect((await auth("/api-key/create", asSession(user.cookie), { name: "by the plugin" })).status).toBe(404);
    expect(await keysOf(user.cookie)).toBe(1);
  });

  it("of an admin reaches none of the admin endpoints", async () => {
    for (const headers of keyHeaders(admin.key)) {
      const label = Object.keys(headers)[0];
      const setRole = await auth("/admin/set-role", headers, { userId: user.userId, role: "admin" });
      expect(setRole.status, label).toBe(401);
      const ban = await auth("/admin/ban-user", headers, { userId: user.userId });
      expect(ban.status, label).toBe(401);
      const impersonate = await auth("/admin/impersonate-user", headers, { userId: user.userId });
      expect(impersonate.status, label).toBe(401);
      expect(impersonate.headers.getSetCookie(), label).toEqual([]);
      expect((await auth("/admin/list-users", headers)).status, label).toBe(401);
    }
    // Nothing happened to the user: not promoted, not banned.
    expect((await me({ cookie: user.cookie })).body.data?.role).toBe("user");
    expect((await me({ "x-api-key": user.key })).res.status).toBe(200);
    // The admin's session does reach them.
    expect((await auth("/admin/list-users", asSession(admin.cookie))).status).toBe(200);
  });
});

describe("an API key on /api/v1", () => {
  it("authenticates the user's own routes", async () => {
    for (const headers of keyHeaders(user.key)) {
      expect((await me(headers)).body.data).toMatchObject({ role: "user", authenticatedVia: "api_key" });
      const balance = await api<{ available: number }>("/api/v1/credit/balance", { headers });
      expect(balance.res.status).toBe(200);
      expect(balance.body.data?.available).toBe(50);
    }
  });

  it("of an admin is refused on every admin route with 403, which the admin's session passes", async () => {
    const routes: [string, RequestInit][] = [
      ["/api/v1/admin/users", {}],
      ["/api/v1/admin/stats", {}],
      [
        "/api/v1/admin/credits",
        { method: "POST", body: JSON.stringify({ userId: user.userId, credits: 5, reason: "granted by a key" }) },
      ],
    ];
    for (const [path, init] of routes) {
      for (const headers of keyHeaders(admin.key)) {
        const { res, body } = await api(path, { ...init, headers: { ...headers, "content-type": "application/json" } });
        expect(res.status, path).toBe(403);
        expect(body.error, path).toMatchObject({ code: "E4030", message: expect.stringMatching(/session/) });
      }
    }
    expect(
      (await api<{ available: number }>("/api/v1/credit/balance", { headers: { cookie: user.cookie } })).body.data
        ?.available,
    ).toBe(50);
    for (const path of ["/api/v1/admin/users", "/api/v1/admin/stats"]) {
      expect((await api(path, { headers: { cookie: admin.cookie } })).res.status, path).toBe(200);
    }
  });

  it("is 401 once revoked, disabled or expired, and while its user is banned", async () => {
    const revoked = await newCaller("keys-revoked@example.com");
    expect((await revokeKey(revoked.cookie, revoked.keyId)).status).toBe(200);
    expect((await me({ "x-api-key": revoked.key })).res.status).toBe(401);

    const disabled = await newCaller("keys-disabled@example.com");
    const update = await api(`/api/v1/api-keys/${disabled.keyId}`, {
      method: "PATCH",
      headers: asSession(disabled.cookie),
      body: JSON.stringify({ enabled: false }),
    });
    expect(update.res.status).toBe(200);
    expect((await me({ "x-api-key": disabled.key })).res.status).toBe(401);

    const expired = await newCaller("keys-expired@example.com");
    expect((await me({ "x-api-key": expired.key })).res.status).toBe(200);
    await db().apikey.update({ where: { id: expired.keyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me({ "x-api-key": expired.key })).res.status).toBe(401);

    const banned = await newCaller("keys-banned@example.com");
    const ban = await auth("/admin/ban-user", asSession(admin.cookie), { userId: banned.userId, banReason: "abuse" });
    expect(ban.status).toBe(200);
    for (const headers of keyHeaders(banned.key)) expect((await me(headers)).res.status).toBe(401);
  });
});
