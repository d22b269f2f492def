import { createMailer, getBalance, grantSignupBonus, mailConfig } from "@videofly/common";
import { lastMailTo, mailsTo, type SmtpCapture, startSmtpCapture } from "@videofly/common/testing";
import { db } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "../src/auth.ts";
import { authConfig } from "../src/config.ts";
import { getRequestIdentity } from "../src/session.ts";

const config = authConfig({ NODE_ENV: "test", ADMIN_EMAILS: "Boss@Example.com, ops@example.com" });
const PASSWORD = "correct horse battery";

// Account mails go to a real SMTP server in this process; tests follow the links they carry.
let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp?.stop());

function testAuth(overrides: Record<string, string> = {}) {
  const mail = createMailer(mailConfig({ NODE_ENV: "test", SMTP_URL: smtp.url }));
  return createAuth(authConfig({ NODE_ENV: "test", ADMIN_EMAILS: "boss@example.com", ...overrides }), db(), mail);
}
type TestAuth = ReturnType<typeof testAuth>;

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

async function signUp(auth: TestAuth, email: string) {
  const res = await auth.api.signUpEmail({
    body: { email, password: PASSWORD, name: email.split("@")[0] ?? "user" },
    asResponse: true,
  });
  expect(res.status).toBe(200);
  const cookie = cookieOf(res);
  expect(cookie).toBeTruthy();
  const body = (await res.json()) as { user: { id: string } };
  return { userId: body.user.id, cookie };
}

async function signInWith(auth: TestAuth, email: string, password = PASSWORD) {
  return auth.api.signInEmail({ body: { email, password }, asResponse: true });
}

/** Opens a link from a mail as the browser would (no redirect following). */
const follow = (auth: TestAuth, link: string, cookie?: string) =>
  auth.handler(new Request(link, { headers: cookie ? { cookie } : {} }));

const verificationLink = async (email: string) => (await lastMailTo(smtp.dir, email, /Verify your email/)).link;
const userRow = (id: string) => db().user.findUniqueOrThrow({ where: { id } });

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
    expect(authConfig({}).appUrl).toBe("http://localhost:3000");
  });

  it("requires OAuth ids and secrets in pairs", () => {
    expect(() => authConfig({ GOOGLE_CLIENT_ID: "x" })).toThrow(/GOOGLE_CLIENT_SECRET/);
  });
});

describe("email verification, the sign-up bonus and the admin role", () => {
  it("mails a verification link at sign-up; following it verifies, signs in and grants the bonus once", async () => {
    const auth = testAuth();
    const before = Date.now();
    const { userId } = await signUp(auth, "bonus@example.com");
    expect(await userRow(userId)).toMatchObject({ emailVerified: false, role: "user" });
    expect((await getBalance(userId)).available).toBe(0);
    const mail = await lastMailTo(smtp.dir, "bonus@example.com", /Verify your email/);
    expect(mail.text).toContain("50 free credits");
    expect(mail.link).toMatch(/^http:\/\/localhost:3000\/api\/auth\/verify-email\?token=/);

    const res = await follow(auth, mail.link);
    expect(res.status).toBe(302);
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookieOf(res) }) });
    expect(session?.user).toMatchObject({ id: userId, emailVerified: true });
    expect((await getBalance(userId)).available).toBe(50);
    const packages = await db().creditPackage.findMany({ where: { userId } });
    expect(packages).toHaveLength(1);
    expect(packages[0]).toMatchObject({ source: "SIGNUP_BONUS", grantKey: `signup:${userId}`, initialCredits: 50 });
    const days = ((packages[0]?.expiresAt?.getTime() ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);

    // The link again, a sign-in, and direct retries: still the one package.
    expect((await follow(auth, mail.link)).status).toBe(302);
    expect((await signInWith(auth, "bonus@example.com")).status).toBe(200);
    const retries = await Promise.all(Array.from({ length: 10 }, () => grantSignupBonus(userId)));
    expect(retries.every((r) => r?.created === false)).toBe(true);
    expect(await db().creditPackage.count({ where: { userId } })).toBe(1);
    expect((await getBalance(userId)).available).toBe(50);
  });

  it("grants one bonus when the link is opened many times at once", async () => {
    const auth = testAuth();
    const { userId } = await signUp(auth, "clicker@example.com");
    const link = await verificationLink("clicker@example.com");
    const clicks = await Promise.all(Array.from({ length: 8 }, () => follow(auth, link)));
    expect(clicks.map((r) => r.status)).toEqual(Array(8).fill(302));
    expect(await db().creditPackage.count({ where: { userId } })).toBe(1);
    expect((await getBalance(userId)).available).toBe(50);
  });

  it("lets an unverified user sign in, without bonus, and rejects a forged link", async () => {
    const auth = testAuth();
    const { userId } = await signUp(auth, "unverified@example.com");
    expect((await signInWith(auth, "unverified@example.com")).status).toBe(200);
    expect((await getBalance(userId)).available).toBe(0);
    const forged = `${(await verificationLink("unverified@example.com")).split("token=")[0]}token=not.a.jwt`;
    expect((await follow(auth, forged)).status).toBe(401);
    expect(await userRow(userId)).toMatchObject({ emailVerified: false });
  });

  it("makes a listed email admin only once verified, and takes the role away when it leaves ADMIN_EMAILS", async () => {
    const auth = testAuth();
    const { userId, cookie } = await signUp(auth, "BOSS@example.com");
    expect((await userRow(userId)).role).toBe("user");
    expect((await signInWith(auth, "boss@example.com")).status).toBe(200);
    expect((await userRow(userId)).role).toBe("user");

    // Verified while signed in: the same session now belongs to an admin.
    expect((await follow(auth, await verificationLink("boss@example.com"), cookie)).status).toBe(302);
    expect((await userRow(userId)).role).toBe("admin");
    expect((await auth.api.getSession({ headers: new Headers({ cookie }) }))?.user.role).toBe("admin");

    const delisted = testAuth({ ADMIN_EMAILS: "someone-else@example.com" });
    expect((await signInWith(delisted, "boss@example.com")).status).toBe(200);
    expect((await userRow(userId)).role).toBe("user");
    // Listed again: admin again at the next sign-in.
    expect((await signInWith(auth, "boss@example.com")).status).toBe(200);
    expect((await userRow(userId)).role).toBe("admin");
  });

  it("takes the admin role from an unverified user at sign-in, even when listed", async () => {
    const auth = testAuth({ ADMIN_EMAILS: "legacy@example.com" });
    const { userId } = await signUp(auth, "legacy@example.com");
    await db().user.update({ where: { id: userId }, data: { role: "admin" } });
    expect((await signInWith(auth, "legacy@example.com")).status).toBe(200);
    expect((await userRow(userId)).role).toBe("user");
  });

  it("creates users whose address is already proven (OAuth, magic link) verified, with bonus and role", async () => {
    const auth = testAuth({ ADMIN_EMAILS: "vouched@example.com" });
    const { internalAdapter } = await auth.$context;
    // The path Better Auth's OAuth callback takes for a provider that reports emailVerified=true.
    const oauth = { method: "oauth" as const };
    const user = await internalAdapter.createUser(
      { email: "vouched@example.com", name: "v", emailVerified: true },
      oauth,
    );
    expect(await userRow(user.id)).toMatchObject({ emailVerified: true, role: "admin" });
    expect((await getBalance(user.id)).available).toBe(50);
    const unproven = await internalAdapter.createUser(
      {
        email: "unproven@example.com",
        name: "u",
        emailVerified: false,
      },
      oauth,
    );
    expect((await getBalance(unproven.id)).available).toBe(0);
  });
});

describe("password reset and magic links by mail", () => {
  it("resets the password through the mailed link: the old one fails, the new one works", async () => {
    const auth = testAuth();
    const { cookie } = await signUp(auth, "forgetful@example.com");
    await auth.api.requestPasswordReset({ body: { email: "forgetful@example.com", redirectTo: "/reset-password" } });
    const mail = await lastMailTo(smtp.dir, "forgetful@example.com", /Reset your VideoFly password/);
    const landing = await follow(auth, mail.link);
    expect(landing.status).toBe(302);
    const token = new URL(landing.headers.get("location") ?? "", "http://x").searchParams.get("token") ?? "";
    expect(new URL(landing.headers.get("location") ?? "", "http://x").pathname).toBe("/reset-password");

    await auth.api.resetPassword({ body: { token, newPassword: "a brand new passphrase" } });
    expect((await signInWith(auth, "forgetful@example.com")).status).toBe(401);
    expect((await signInWith(auth, "forgetful@example.com", "a brand new passphrase")).status).toBe(200);
    // Sessions from before the reset are gone; the token works once.
    expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    const again = await auth.api
      .resetPassword({ body: { token, newPassword: "yet another passphrase" } })
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(Error);
  });

  it("mails nothing for an unknown address", async () => {
    const auth = testAuth();
    await auth.api.requestPasswordReset({ body: { email: "nobody-here@example.com", redirectTo: "/reset-password" } });
    expect(await mailsTo(smtp.dir, "nobody-here@example.com")).toEqual([]);
  });

  it("signs in by magic link: a new user is created verified, with the bonus; the link works once", async () => {
    const auth = testAuth();
    const headers = new Headers({ origin: "http://localhost:3000" });
    await auth.api.signInMagicLink({ body: { email: "magic@example.com", callbackURL: "/create" }, headers });
    const mail = await lastMailTo(smtp.dir, "magic@example.com", /sign-in link/);
    const res = await follow(auth, mail.link);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/create");
    const session = await auth.api.getSession({ headers: new Headers({ cookie: cookieOf(res) }) });
    expect(session?.user).toMatchObject({ email: "magic@example.com", emailVerified: true });
    expect((await getBalance(session?.user.id ?? "")).available).toBe(50);
    const reused = await follow(auth, mail.link);
    expect(reused.headers.get("location")).toContain("error=INVALID_TOKEN");
  });

  it("verifies an existing unverified account by magic link, which then gets its bonus and role", async () => {
    const auth = testAuth({ ADMIN_EMAILS: "late-magic@example.com" });
    const { userId } = await signUp(auth, "late-magic@example.com");
    const headers = new Headers({ origin: "http://localhost:3000" });
    await auth.api.signInMagicLink({ body: { email: "late-magic@example.com" }, headers });
    const res = await follow(auth, (await lastMailTo(smtp.dir, "late-magic@example.com", /sign-in link/)).link);
    expect((await auth.api.getSession({ headers: new Headers({ cookie: cookieOf(res) }) }))?.user.id).toBe(userId);
    expect(await userRow(userId)).toMatchObject({ emailVerified: true, role: "admin" });
    expect((await getBalance(userId)).available).toBe(50);
  });
});

describe("development origins", () => {
  it("trusts localhost and 127.0.0.1 on any port in development, only the app URL in production", async () => {
    for (const origin of ["http://localhost:4000", "http://127.0.0.1:4567"]) {
      const dev = testAuth({ NODE_ENV: "development" });
      const res = await dev.handler(
        new Request(`${origin}/api/auth/sign-up/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin, cookie: "x=1" },
          body: JSON.stringify({ email: `port-${new URL(origin).port}@example.com`, password: PASSWORD, name: "p" }),
        }),
      );
      expect(res.status, origin).toBe(200);
      const link = await verificationLink(`port-${new URL(origin).port}@example.com`);
      expect(link.startsWith(`${origin}/api/auth/verify-email?`), link).toBe(true);
    }
    const production = createAuth(
      authConfig({
        NODE_ENV: "production",
        BETTER_AUTH_SECRET: "x".repeat(32),
        BETTER_AUTH_URL: "https://videofly.example",
      }),
      db(),
      createMailer(mailConfig({ NODE_ENV: "test", SMTP_URL: smtp.url })),
    );
    const foreign = await production.handler(
      new Request("http://localhost:4000/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:4000", cookie: "x=1" },
        body: JSON.stringify({ email: "prod-port@example.com", password: PASSWORD, name: "p" }),
      }),
    );
    expect(foreign.status).toBe(403);
  });
});
