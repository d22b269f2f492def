import { adminSeed } from "@videofly/common/testing";
import { disconnectDb, pool } from "@videofly/db";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { launchBrowser, recordConsoleErrors, recordCspViolations, screenshot } from "./support/browser";
import { type Envelope, fieldsOf, signUp, verifyEmail } from "./support/http";

// The admin figures over HTTP, against the built app on a database of its own: the rows seeded
// on known days are the only activity in the range asked for, so every number is exact.
const ADMIN = "stats-admin@videofly.test";
const today = new Date().toISOString().slice(0, 10);

let app: AppServer;
let databaseUrl: string;
let admin: string;
let plain: string;
let played: { id: string; uuid: string };

async function get<T>(path: string, cookie?: string) {
  const res = await fetch(`${app.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

async function seed() {
  const s = adminSeed(pool());
  const ann = await s.user("usr_ann", "2025-03-01T09:00:00Z");
  const ben = await s.user("usr_ben", "2025-03-02T23:59:59.999Z");
  const kie = { model: "kling-2.6", provider: "kie" };
  played = await s.video({
    userId: ann,
    ...kie,
    status: "COMPLETED",
    createdAt: "2025-03-01T10:00:00Z",
    startedAt: "2025-03-01T10:00:00Z",
    completedAt: "2025-03-01T10:01:30Z",
    prompt: "a red kite over the downs",
  });
  await s.video({
    userId: ann,
    ...kie,
    status: "COMPLETED",
    createdAt: "2025-03-02T10:00:00Z",
    startedAt: "2025-03-02T10:00:00Z",
    completedAt: "2025-03-02T10:02:30Z",
  });
  await s.video({ userId: ben, ...kie, status: "FAILED", createdAt: "2025-03-03T10:00:00Z" });
  await s.apiRequest(ben, "2025-03-01T12:00:00Z");
  await s.grant(ann, "SIGNUP_BONUS", 50, "2025-03-01T09:00:00Z");
  await s.grant(ann, "PURCHASE", 300, "2025-03-02T09:00:00Z");
  await s.grant(ben, "SUBSCRIPTION", 800, "2025-03-03T09:00:00Z");
  await s.entry(ann, "SETTLE", -4, "2025-03-01T10:01:30Z");
  await s.entry(ann, "SETTLE", -6, "2025-03-02T10:02:30Z");
  const play = { videoId: played.id, ownerId: ann, action: "PLAY" };
  await s.access({ ...play, allowed: true, createdAt: "2025-03-01T11:00:00Z" }, 2);
  await s.access({ ...play, allowed: false, createdAt: "2025-03-03T11:00:00Z" });
  // Today's plays, for the top list over the last days.
  await s.access({ ...play, allowed: true, createdAt: `${today}T00:00:00Z` }, 3);
}

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_admin_stats");
  // The seed writes to the app's database, not this file's own.
  await disconnectDb();
  process.env.DATABASE_URL = databaseUrl;
  app = await startAppServer({ DATABASE_URL: databaseUrl, ADMIN_EMAILS: ADMIN });
  const session = await signUp(ADMIN, undefined, app.baseUrl);
  await verifyEmail(ADMIN, session.cookie);
  admin = session.cookie;
  plain = (await signUp("stats-plain@example.com", undefined, app.baseUrl)).cookie;
  await seed();
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await disconnectDb();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

describe("GET /api/v1/admin/stats", () => {
  it("gives an admin every figure of the dashboard for the days asked", async () => {
    const { status, body } = await get<Record<string, unknown>>(
      "/api/v1/admin/stats?from=2025-03-01&to=2025-03-03",
      admin,
    );
    expect(status).toBe(200);
    const grants = (purchase: number, subscription: number, signupBonus: number) => ({
      purchase,
      subscription,
      signupBonus,
      promo: 0,
      adminGrant: 0,
      revenue: purchase + subscription,
      bonus: signupBonus,
    });
    expect(body.data).toMatchObject({
      from: "2025-03-01",
      to: "2025-03-03",
      days: 3,
      daily: [
        {
          day: "2025-03-01",
          signUps: 1,
          activeUsers: 2,
          videosCreated: 1,
          videosCompleted: 1,
          videosFailed: 0,
          creditsConsumed: 4,
          creditsGranted: grants(0, 0, 50),
        },
        {
          day: "2025-03-02",
          signUps: 1,
          activeUsers: 1,
          videosCreated: 1,
          videosCompleted: 1,
          videosFailed: 0,
          creditsConsumed: 6,
          creditsGranted: grants(300, 0, 0),
        },
        {
          day: "2025-03-03",
          signUps: 0,
          activeUsers: 1,
          videosCreated: 1,
          videosCompleted: 0,
          videosFailed: 1,
          creditsConsumed: 0,
          creditsGranted: grants(0, 800, 0),
        },
      ],
      totals: {
        signUps: 2,
        activeUsers: 2,
        videosCreated: 3,
        videosCompleted: 2,
        videosFailed: 1,
        creditsConsumed: 10,
        creditsGranted: grants(300, 800, 50),
      },
      // Two of three finished well; 90 s and 150 s.
      models: [
        {
          model: "kling-2.6",
          provider: "kie",
          videos: 3,
          completed: 2,
          failed: 1,
          successRate: 2 / 3,
          medianSeconds: 120,
        },
      ],
      topSpenders: [{ id: "usr_ann", email: "usr_ann@example.com", credits: 10 }],
    });
  });

  it("is forbidden to a plain user (403) and to anonymous callers (401), as the other admin routes", async () => {
    for (const path of [
      "/api/v1/admin/stats",
      "/api/v1/admin/video-access/stats",
      "/api/v1/admin/video-access/top?action=play",
    ]) {
      expect((await get(path, plain)).status, path).toBe(403);
      expect((await get(path)).status, path).toBe(401);
    }
  });

  it("answers bad days with 400 naming the field", async () => {
    for (const [query, field] of [
      ["from=2025-13-01", "query.from"],
      ["to=yesterday", "query.to"],
      ["from=2025-02-29&to=2025-03-01", "query.from"],
      ["from=2025-03-04&to=2025-03-03", "query.from"],
      ["from=2024-01-01&to=2025-01-01", "query.to"],
    ] as const) {
      for (const path of ["/api/v1/admin/stats", "/api/v1/admin/video-access/stats"]) {
        const { status, body } = await get(`${path}?${query}`, admin);
        expect(status, `${path}?${query}`).toBe(400);
        expect(body.error?.code).toBe("E4000");
        expect(fieldsOf(body)).toEqual([field]);
      }
    }
  });
});

describe("GET /api/v1/admin/video-access/*", () => {
  it("counts allowed and refused decisions per day and action", async () => {
    const { status, body } = await get<Record<string, unknown>>(
      "/api/v1/admin/video-access/stats?from=2025-03-01&to=2025-03-03",
      admin,
    );
    expect(status).toBe(200);
    const none = { allowed: 0, refused: 0 };
    expect(body.data).toEqual({
      from: "2025-03-01",
      to: "2025-03-03",
      days: 3,
      daily: [
        { day: "2025-03-01", play: { allowed: 2, refused: 0 }, embed: none, download: none },
        { day: "2025-03-02", play: none, embed: none, download: none },
        { day: "2025-03-03", play: { allowed: 0, refused: 1 }, embed: none, download: none },
      ],
      totals: { play: { allowed: 2, refused: 1 }, embed: none, download: none },
    });
  });

  it("lists the most played videos of the last days, and validates action and days", async () => {
    const { status, body } = await get<{ items: unknown[]; since: string }>(
      "/api/v1/admin/video-access/top?action=play",
      admin,
    );
    expect(status).toBe(200);
    expect(body.data?.items).toEqual([
      { uuid: played.uuid, prompt: "a red kite over the downs", ownerEmail: "usr_ann@example.com", allowed: 3 },
    ]);
    const embeds = await get<{ items: unknown[] }>("/api/v1/admin/video-access/top?action=embed&days=90", admin);
    expect(embeds.body.data?.items).toEqual([]);
    for (const [query, field] of [
      ["action=stream", "query.action"],
      ["days=7", "query.action"],
      ["action=play&days=0", "query.days"],
      ["action=play&days=91", "query.days"],
    ] as const) {
      const bad = await get(`/api/v1/admin/video-access/top?${query}`, admin);
      expect(bad.status, query).toBe(400);
      expect(fieldsOf(bad.body)).toEqual([field]);
    }
  });
});

describe("the dashboard in a browser", () => {
  let browser: Browser;
  let csp: string[];
  beforeAll(async () => {
    browser = await launchBrowser();
    csp = recordCspViolations(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the seeded days' figures under the page's CSP", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    recordConsoleErrors(context, errors);
    await context.addCookies(
      admin.split("; ").map((pair) => {
        const [name = "", ...value] = pair.split("=");
        return { name, value: value.join("="), url: app.baseUrl };
      }),
    );
    const page = await context.newPage();
    expect((await page.goto(`${app.baseUrl}/admin`))?.status()).toBe(200);
    // The default fortnight's figures first: the page is hydrated (a click before would submit
    // the form natively, reloading it) and its first request has answered.
    await expect.poll(() => page.getByTestId("admin-total-created").textContent()).toMatch(/^\d+$/);
    await page.getByTestId("admin-range-from").fill("2025-03-01");
    await page.getByTestId("admin-range-to").fill("2025-03-03");
    await page.getByTestId("admin-range-apply").click();

    await expect.poll(() => page.getByTestId("admin-total-created").textContent()).toBe("3");
    expect(await page.getByTestId("admin-total-active").textContent()).toBe("2");
    expect(await page.getByTestId("admin-total-granted-revenue").textContent()).toBe("1100");
    expect(await page.getByTestId("admin-total-granted-bonus").textContent()).toBe("50");
    const model = page
      .getByRole("table", { name: "Videos per model and provider" })
      .getByRole("row", { name: /kling-2\.6/ });
    expect((await model.getByRole("cell").allTextContents()).join("|")).toBe("kie|3|66.7%|2 m 00 s");
    const spenders = page.getByRole("table", { name: "Top users by credits spent" });
    expect(await spenders.getByTestId("admin-spender-row").allTextContents()).toEqual(["usr_ann@example.com10"]);
    // The charts' text alternative: a table per chart with the numbers per day.
    const plays = page.getByRole("table", { name: /^Plays: 2 allowed, 1 refused, per UTC day$/ });
    expect(await plays.getByRole("row").allTextContents()).toEqual([
      "DayAllowedRefused",
      "2025-03-0120",
      "2025-03-0200",
      "2025-03-0301",
    ]);
    const signups = page.getByRole("table", { name: "Sign-ups, per UTC day" });
    expect(await signups.getByRole("cell").allTextContents()).toEqual(["1", "1", "0"]);
    await expect
      .poll(() => page.getByTestId("admin-top-video-row").allTextContents())
      .toEqual(["a red kite over the downsusr_ann@example.com3"]);
    await page.getByTestId("admin-top-action").selectOption("download");
    await expect.poll(() => page.getByTestId("admin-top-videos").textContent()).toContain("No downloads allowed");
    await screenshot(page, "admin-analytics");

    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
