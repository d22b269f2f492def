import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { TEST_SECRETS } from "./support/app-server";
import { api, baseUrl, fieldsOf, signUp, signUpVerified } from "./support/http";
import { sdk } from "./support/sdk";

const adminEmail = () => inject("adminEmails")[1] ?? "";

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", origin: baseUrl(), ...headers },
  body: JSON.stringify(body),
});

interface Balance {
  available: number;
  frozen: number;
  debt: number;
  expiringSoon: { credits: number; withinDays: number; packages: unknown[] };
}

describe("credit API", () => {
  it("shows a new user their sign-up bonus in balance, packages and history", async () => {
    const client = sdk(await signUpVerified("credits-new@example.com"));
    const balance = await client.GET("/credit/balance");
    expect(balance.response.status).toBe(200);
    expect(balance.data?.data).toMatchObject({
      available: 50,
      frozen: 0,
      debt: 0,
      expiringSoon: { credits: 0, withinDays: 7 },
    });

    const packages = await client.GET("/credit/packages");
    expect(packages.data?.data.items).toMatchObject([{ source: "SIGNUP_BONUS", remainingCredits: 50 }]);
    expect(packages.data?.data.nextCursor).toBeNull();

    const history = await client.GET("/credit/history", { params: { query: { type: "GRANT" } } });
    expect(history.data?.data.items).toMatchObject([{ type: "GRANT", amount: 50, availableAfter: 50 }]);
  });

  it("rejects bad list parameters with 400 naming the field, and anonymous callers with 401", async () => {
    const { cookie } = await signUp("credits-bad@example.com");
    for (const [query, field] of [
      ["type=BOGUS", "query.type"],
      ["limit=0", "query.limit"],
      ["limit=abc", "query.limit"],
      ["cursor=not-a-cursor", "query.cursor"],
    ] as const) {
      const { res, body } = await api<never>(`/api/v1/credit/history?${query}`, { headers: { cookie } });
      expect(res.status, query).toBe(400);
      expect(fieldsOf(body)).toContain(field);
    }
    const anonymous = await sdk().GET("/credit/balance");
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.error?.error.code).toBe("E4010");
  });
});

describe("POST /api/v1/admin/credits", () => {
  it("lets an admin grant and deduct by email or id, with a reason; users see it", async () => {
    const admin = await signUpVerified(adminEmail());
    const user = await signUpVerified("credits-target@example.com");

    const granted = await api<{ userId: string; credits: number; packageId: string }>(
      "/api/v1/admin/credits",
      json(
        { email: "credits-target@example.com", credits: 30, reason: "support ticket 42", expiresInDays: 5 },
        { cookie: admin.cookie },
      ),
    );
    expect(granted.res.status).toBe(201);
    expect(granted.body.data).toMatchObject({ userId: user.userId, credits: 30 });

    const deducted = await api(
      "/api/v1/admin/credits",
      json({ userId: user.userId, credits: -20, reason: "double grant" }, { cookie: admin.cookie }),
    );
    expect(deducted.res.status).toBe(201);

    const balance = await api<Balance>("/api/v1/credit/balance", { headers: { cookie: user.cookie } });
    // 50 bonus + 30 - 20: the deduction drew from the soonest-expiring package (the 30, due in 5 days).
    expect(balance.body.data).toMatchObject({ available: 60, expiringSoon: { credits: 10 } });
    const history = await api<{ items: { type: string; amount: number; reason: string }[] }>(
      "/api/v1/credit/history?type=ADJUST",
      { headers: { cookie: user.cookie } },
    );
    expect(history.body.data?.items.map((e) => [e.amount, e.reason])).toEqual([
      [-20, "double grant"],
      [30, "support ticket 42"],
    ]);

    const tooMuch = await api(
      "/api/v1/admin/credits",
      json({ userId: user.userId, credits: -1000, reason: "oops" }, { cookie: admin.cookie }),
    );
    expect(tooMuch.res.status).toBe(402);
    expect(tooMuch.body.error?.code).toBe("E4001");

    const missing = await api(
      "/api/v1/admin/credits",
      json({ userId: "usr_missing", credits: 5, reason: "nobody" }, { cookie: admin.cookie }),
    );
    expect(missing.res.status).toBe(404);
  });

  it("validates the body, naming each bad field", async () => {
    const admin = await signUp("second-admin-check@example.com");
    // Not an admin: 403 before any validation.
    const forbidden = await api(
      "/api/v1/admin/credits",
      json({ userId: "x", credits: 5, reason: "abc" }, { cookie: admin.cookie }),
    );
    expect(forbidden.res.status).toBe(403);

    const root = await fetch(
      `${baseUrl()}/api/auth/sign-in/email`,
      json({ email: adminEmail(), password: "correct horse battery" }),
    );
    const cookie = root.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const bad = await api(
      "/api/v1/admin/credits",
      json({ userId: "u", email: "e@example.com", credits: 0, reason: "" }, { cookie }),
    );
    expect(bad.res.status).toBe(400);
    const fields = fieldsOf(bad.body);
    expect(fields).toEqual(expect.arrayContaining(["body.credits", "body.reason"]));
    const both = await api(
      "/api/v1/admin/credits",
      json({ userId: "u", email: "e@example.com", credits: 5, reason: "fine" }, { cookie }),
    );
    expect(fieldsOf(both.body)).toEqual(["body.userId"]);
  });
});

describe("credit crons", () => {
  const paths = ["/api/cron/expire-credits", "/api/cron/release-stale-holds"];

  it("are listed in vercel.json", () => {
    const vercel = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../vercel.json"), "utf8")) as {
      crons: { path: string; schedule: string }[];
    };
    expect(vercel.crons).toEqual(
      expect.arrayContaining([
        { path: "/api/cron/expire-credits", schedule: "0 2 * * *" },
        { path: "/api/cron/release-stale-holds", schedule: "0 * * * *" },
      ]),
    );
  });

  it("answer 401 without the cron secret and run with it, also twice at once", async () => {
    for (const p of paths) {
      expect((await fetch(`${baseUrl()}${p}`)).status).toBe(401);
      expect(
        (await fetch(`${baseUrl()}${p}`, { headers: { authorization: "Bearer wrong-secret-value" } })).status,
      ).toBe(401);
      const auth = { headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` } };
      const [a, b] = await Promise.all([api(p, auth), api(p, auth)]);
      expect(a.res.status).toBe(200);
      expect(b.res.status).toBe(200);
      expect(a.body.success).toBe(true);
    }
  });
});
