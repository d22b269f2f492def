import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { api, baseUrl, mailTo, signUp, verifyEmail } from "./support/http";

// Verification, password reset and magic links against the running app, through its real SMTP
// transport: every link is read from the message the test SMTP server received.

const post = (path: string, body: unknown, cookie?: string) =>
  fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl(), ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
const open = (link: string, cookie?: string) => fetch(link, { redirect: "manual", headers: cookie ? { cookie } : {} });

interface Me {
  id: string;
  role: string;
  emailVerified: boolean;
}
const me = async (cookie: string) => (await api<Me>("/api/v1/user/me", { headers: { cookie } })).body.data;
const available = async (cookie: string) =>
  (await api<{ available: number }>("/api/v1/credit/balance", { headers: { cookie } })).body.data?.available;
const bonusPackages = async (cookie: string) =>
  (await api<{ items: { source: string }[] }>("/api/v1/credit/packages", { headers: { cookie } })).body.data?.items;

describe("email verification over HTTP", () => {
  it("mails a link at sign-up; the bonus comes with verification, once, however often the link is opened", async () => {
    const { cookie } = await signUp("verify-me@example.com");
    const mail = await mailTo("verify-me@example.com", /Verify your email/);
    expect(mail.link.startsWith(`${baseUrl()}/api/auth/verify-email?token=`)).toBe(true);
    expect(await me(cookie)).toMatchObject({ role: "user", emailVerified: false });
    expect(await available(cookie)).toBe(0);

    const res = await open(mail.link, cookie);
    expect(res.status).toBe(302);
    expect(await me(cookie)).toMatchObject({ emailVerified: true });
    expect(await available(cookie)).toBe(50);

    const clicks = await Promise.all(Array.from({ length: 6 }, () => open(mail.link)));
    expect(clicks.map((r) => r.status)).toEqual(Array(6).fill(302));
    expect(await bonusPackages(cookie)).toMatchObject([{ source: "SIGNUP_BONUS" }]);
    expect(await available(cookie)).toBe(50);
  });

  it("grants one bonus when the first clicks race each other", async () => {
    const { cookie } = await signUp("race-clicks@example.com");
    const { link } = await mailTo("race-clicks@example.com", /Verify your email/);
    const clicks = await Promise.all(Array.from({ length: 8 }, () => open(link)));
    expect(clicks.map((r) => r.status)).toEqual(Array(8).fill(302));
    expect(await bonusPackages(cookie)).toHaveLength(1);
    expect(await available(cookie)).toBe(50);
  });

  it("verifies a user who signed in elsewhere: the link alone signs them in", async () => {
    await signUp("other-device@example.com");
    const res = await open((await mailTo("other-device@example.com", /Verify your email/)).link);
    expect(res.status).toBe(302);
    expect(await me(cookieOf(res))).toMatchObject({ emailVerified: true });
  });

  it("resends the verification mail on request", async () => {
    const { cookie } = await signUp("resend@example.com");
    const first = await mailTo("resend@example.com", /Verify your email/);
    expect((await post("/api/auth/send-verification-email", { email: "resend@example.com" }, cookie)).status).toBe(200);
    const second = await mailTo("resend@example.com", /Verify your email/);
    expect(second.id).not.toBe(first.id);
    expect((await open(second.link, cookie)).status).toBe(302);
    expect(await available(cookie)).toBe(50);
  });

  it("gives the admin role to a listed email only after verification", async () => {
    const email = inject("adminEmails")[4] ?? "";
    const { cookie, password } = await signUp(email);
    const stats = () => api("/api/v1/admin/stats", { headers: { cookie } });
    expect(await me(cookie)).toMatchObject({ role: "user" });
    expect((await stats()).res.status).toBe(403);
    // A sign-in does not make an unverified address admin either.
    expect((await post("/api/auth/sign-in/email", { email, password })).status).toBe(200);
    expect(await me(cookie)).toMatchObject({ role: "user" });

    await verifyEmail(email, cookie);
    expect(await me(cookie)).toMatchObject({ role: "admin", emailVerified: true });
    expect((await stats()).res.status).toBe(200);
  });
});

describe("password reset by mail", () => {
  it("mails a link to a page that sets the new password: the old one fails, the new one works", async () => {
    const { password } = await signUp("reset-http@example.com");
    const asked = await post("/api/auth/request-password-reset", {
      email: "reset-http@example.com",
      redirectTo: "/reset-password",
    });
    expect(asked.status).toBe(200);
    const { link } = await mailTo("reset-http@example.com", /Reset your VideoFly password/);
    const landing = await open(link);
    expect(landing.status).toBe(302);
    const page = new URL(landing.headers.get("location") ?? "", baseUrl());
    expect(page.pathname).toBe("/reset-password");
    expect((await fetch(page)).status).toBe(200);

    const token = page.searchParams.get("token");
    expect((await post("/api/auth/reset-password", { token, newPassword: "the new passphrase" })).status).toBe(200);
    expect((await post("/api/auth/sign-in/email", { email: "reset-http@example.com", password })).status).toBe(401);
    const fresh = await post("/api/auth/sign-in/email", {
      email: "reset-http@example.com",
      password: "the new passphrase",
    });
    expect(fresh.status).toBe(200);
  });
});

describe("magic-link sign-in by mail", () => {
  it("signs a new address in through the mailed link, verified and with the bonus", async () => {
    const asked = await post("/api/auth/sign-in/magic-link", {
      email: "magic-http@example.com",
      callbackURL: "/create",
    });
    expect(asked.status).toBe(200);
    const { link } = await mailTo("magic-http@example.com", /sign-in link/);
    const res = await open(link);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location") ?? "", baseUrl()).pathname).toBe("/create");
    const cookie = cookieOf(res);
    expect(await me(cookie)).toMatchObject({ emailVerified: true, role: "user" });
    expect(await available(cookie)).toBe(50);
  });
});

describe("account pages and mail secrets", () => {
  it("serves the password pages, and no outbox in production", async () => {
    expect((await fetch(`${baseUrl()}/forgot-password`)).status).toBe(200);
    expect((await fetch(`${baseUrl()}/reset-password?error=INVALID_TOKEN`)).status).toBe(200);
    expect((await fetch(`${baseUrl()}/dev/mail`)).status).toBe(404);
  });

  it("never logs the links or tokens of the mails it sends", async () => {
    await signUp("quiet-links@example.com");
    const { link } = await mailTo("quiet-links@example.com", /Verify your email/);
    const token = new URL(link).searchParams.get("token") ?? "";
    expect(token.length).toBeGreaterThan(20);
    const log = readFileSync(inject("serverLogFile"), "utf8");
    expect(log).toContain('"event":"mail.sent"');
    expect(log).not.toContain(token);
  });
});
