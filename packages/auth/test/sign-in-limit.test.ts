import { createMailer, mailConfig } from "@videofly/common";
import { type SmtpCapture, startSmtpCapture } from "@videofly/common/testing";
import { db } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "../src/auth.ts";
import { authConfig } from "../src/config.ts";

const APP = "https://videofly.example";
const production = (extra: Record<string, string> = {}) =>
  authConfig({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(32), BETTER_AUTH_URL: APP, ...extra });

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp?.stop());

function signInFrom(instance: ReturnType<typeof createAuth>, ip: string) {
  return instance.handler(
    new Request(`${APP}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP, "x-forwarded-for": ip },
      body: JSON.stringify({ email: "nobody@example.com", password: "wrong password!" }),
    }),
  );
}

describe("Better Auth's sign-in limiter", () => {
  it("is on in production, off elsewhere unless asked for", () => {
    expect(production().rateLimit).toBe(true);
    expect(production({ AUTH_RATE_LIMIT: "off" }).rateLimit).toBe(false);
    expect(authConfig({ NODE_ENV: "development" }).rateLimit).toBe(false);
    expect(authConfig({ NODE_ENV: "test", AUTH_RATE_LIMIT: "on" }).rateLimit).toBe(true);
  });

  it("answers 429 to the fourth sign-in attempt within 10 s from one address, in production", async () => {
    const mail = createMailer(mailConfig({ NODE_ENV: "test", SMTP_URL: smtp.url }));
    const instance = createAuth(production(), db(), mail);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) statuses.push((await signInFrom(instance, "198.51.100.4")).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await signInFrom(instance, "198.51.100.4");
    expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0);
    // Counted per address.
    expect((await signInFrom(instance, "198.51.100.5")).status).toBe(401);

    const unlimited = createAuth(production({ AUTH_RATE_LIMIT: "off" }), db(), mail);
    const open: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) open.push((await signInFrom(unlimited, "198.51.100.6")).status);
    expect(open).toEqual([401, 401, 401, 401, 401]);
  });
});
