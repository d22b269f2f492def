import { getBalance, grantSignupBonus } from "@videofly/common";
import { db } from "@videofly/db";
import { describe, expect, it } from "vitest";
import { createAuth } from "../src/auth.ts";
import { authConfig } from "../src/config.ts";
import { getRequestIdentity } from "../src/session.ts";

const config = authConfig({ NODE_ENV: "test", ADMIN_EMAILS: "Boss@Example.com, ops@example.com" });

function testAuth(overrides: Record<string, string> = {}) {
  return createAuth(authConfig({ NODE_ENV: "test", ADMIN_EMAILS: "boss@example.com", ...overrides }), db());
}

async function signUp(auth: ReturnType<typeof testAuth>, email: string) {
  const res = await auth.api.signUpEmail({
    body: { email, password: "correct horse battery", name: email.split("@")[0] ?? "user" },
    asResponse: true,
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get("set-cookie");
  expect(cookie).toBeTruthy();
  const body = (await res.json()) as { user: { id: string } };
  return { userId: body.user.id, cookie: (cookie ?? "").split(";")[0] ?? "" };
}

describe("auth", () => {
  it("parses admin emails case-insensitively", () => {
    expect(config.adminEmails.has("boss@example.com")).toBe(true);
    expect(config.adminEmails.has("ops@example.com")).toBe(true);
  });

  it("signs up, signs in and out with email and password; sessions resolve from the cookie", async () => {
    const auth = testAuth();
    const { cookie, userId } = await signUp(auth, "alice@example.com");

    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user.id).toBe(userId);
    expect(session?.user.role).toBe("user");

    const wrong = await auth.api.signInEmail({
      body: { email: "alice@example.com", password: "wrong password!" },
      asResponse: true,
    });
    expect(wrong.status).toBe(401);

    const signIn = await auth.api.signInEmail({
      body: { email: "alice@example.com", password: "correct horse battery" },
      asResponse: true,
    });
    expect(signIn.status).toBe(200);
    const second = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";

    await auth.api.signOut({ headers: new Headers({ cookie: second }) });
    expect(await auth.api.getSession({ headers: new Headers({ cookie: second }) })).toBeNull();
    expect((await auth.api.getSession({ headers: new Headers({ cookie }) }))?.user.id).toBe(userId);
  });

  it("stores the password hashed, never in clear", async () => {
    const auth = testAuth();
    const { userId } = await signUp(auth, "hash@example.com");
    const account = await db().account.findFirstOrThrow({ where: { userId, providerId: "credential" } });
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain("correct horse battery");
  });

  it("gives the admin role to users listed in ADMIN_EMAILS, at sign-up and at a later sign-in", async () => {
    const auth = testAuth();
    const { userId } = await signUp(auth, "BOSS@example.com");
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).role).toBe("admin");

    const { userId: lateId } = await signUp(auth, "late@example.com");
    expect((await db().user.findUniqueOrThrow({ where: { id: lateId } })).role).toBe("user");
    const promoted = testAuth({ ADMIN_EMAILS: "late@example.com" });
    await promoted.api.signInEmail({ body: { email: "late@example.com", password: "correct horse battery" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: lateId } })).role).toBe("admin");
  });

  it("authenticates API keys from x-api-key or a Bearer header, stores them hashed, and honours revocation", async () => {
    const { userId } = await signUp(testAuth(), "keys@example.com");
    const auth = testAuth();
    const created = await auth.api.createApiKey({ body: { userId, name: "ci" } });
    expect(created.key.startsWith("vf_")).toBe(true);
    const stored = await db().apikey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.key).not.toBe(created.key);
    expect(stored.start && created.key.startsWith(stored.start)).toBe(true);

    // getRequestIdentity uses the process-wide instance, configured from the environment.
    const viaHeader = await getRequestIdentity(new Headers({ "x-api-key": created.key }));
    expect(viaHeader).toMatchObject({ via: "api_key", user: { id: userId, email: "keys@example.com" } });
    const viaBearer = await getRequestIdentity(new Headers({ authorization: `Bearer ${created.key}` }));
    expect(viaBearer?.user.id).toBe(userId);

    await auth.api.updateApiKey({ body: { keyId: created.id, userId, enabled: false } });
    expect(await getRequestIdentity(new Headers({ "x-api-key": created.key }))).toBeNull();
    expect(await getRequestIdentity(new Headers({ "x-api-key": "vf_not_a_real_key" }))).toBeNull();
  });

  it("returns no identity without credentials or with a forged cookie", async () => {
    expect(await getRequestIdentity(new Headers())).toBeNull();
    expect(await getRequestIdentity(new Headers({ cookie: "better-auth.session_token=forged.value" }))).toBeNull();
  });

  it("switches OAuth providers on only when their credentials are configured", async () => {
    const plain = testAuth();
    const social = await plain.api
      .signInSocial({ body: { provider: "github", callbackURL: "/" } })
      .catch((e: unknown) => e);
    expect(social).toBeInstanceOf(Error);

    const withGithub = testAuth({ GITHUB_CLIENT_ID: "gh-id", GITHUB_CLIENT_SECRET: "gh-secret" });
    const redirect = await withGithub.api.signInSocial({ body: { provider: "github", callbackURL: "/" } });
    expect(redirect.url).toContain("client_id=gh-id");
  });
});

describe("auth configuration", () => {
  it("requires a secret in production and names it", () => {
    expect(() => authConfig({ NODE_ENV: "production" })).toThrow(/BETTER_AUTH_SECRET/);
  });

  it("requires BETTER_AUTH_URL in production, naming it, and keeps the localhost default in development", () => {
    const secret = "s".repeat(32);
    expect(() => authConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret })).toThrow(
      /^Invalid auth configuration: BETTER_AUTH_URL: BETTER_AUTH_URL is required in production/,
    );
    const url = "https://videofly.example";
    expect(authConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret, BETTER_AUTH_URL: url }).baseURL).toBe(url);
    expect(authConfig({}).baseURL).toBe("http://localhost:3000");
  });

  it("requires OAuth ids and secrets in pairs", () => {
    expect(() => authConfig({ GOOGLE_CLIENT_ID: "x" })).toThrow(/GOOGLE_CLIENT_SECRET/);
  });
});

describe("sign-up bonus", () => {
  it("grants SIGNUP_BONUS_CREDITS expiring after SIGNUP_BONUS_DAYS, once, whatever the retries", async () => {
    const auth = testAuth();
    const before = Date.now();
    const { userId } = await signUp(auth, "bonus@example.com");
    const balance = await getBalance(userId);
    expect(balance.available).toBe(50);
    const packages = await db().creditPackage.findMany({ where: { userId } });
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({ source: "SIGNUP_BONUS", grantKey: `signup:${userId}`, initialCredits: 50 });
    const days = ((packages[0]?.expiresAt?.getTime() ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);

    const retries = await Promise.all(Array.from({ length: 10 }, () => grantSignupBonus(userId)));
    expect(retries.every((r) => r?.created === false)).toBe(true);
    expect(await db().creditPackage.count({ where: { userId } })).toBe(1);
    expect((await getBalance(userId)).available).toBe(50);
  });
});
