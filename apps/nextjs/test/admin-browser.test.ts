import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot, signUpVerifiedInBrowser } from "./support/browser";

// The admin dashboard in a real browser (Debian's chromium), against the built app.
const ADMIN = "dash-admin@videofly.test";
const PASSWORD = "correct horse battery";

let app: AppServer;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_admin_browser");
  app = await startAppServer({ DATABASE_URL: databaseUrl, ADMIN_EMAILS: ADMIN, SIGNUP_BONUS_CREDITS: "20" });
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 90_000);

// The dashboard works under its Content-Security-Policy: the browser reports no violation.
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

async function signUp(
  email: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signUpVerifiedInBrowser(page, app.baseUrl, email, PASSWORD);
  return { context, page };
}

describe("the admin dashboard in a browser", () => {
  it("lets an admin grant credits that show up on the user's credits page", async () => {
    const user = await signUp("granted@example.com");
    const admin = await signUp(ADMIN);

    const response = await admin.page.goto(`${app.baseUrl}/admin`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => admin.page.getByRole("heading", { name: "Admin", exact: true }).isVisible()).toBe(true);
    // The users table lists both, with the signup bonus as their balance.
    const row = admin.page.getByTestId("admin-user-row").filter({ hasText: "granted@example.com" });
    await expect.poll(() => row.getByTestId("admin-user-available").textContent()).toBe("20");
    await expect.poll(() => admin.page.getByTestId("admin-total-created").textContent()).toBe("0");

    await admin.page.getByTestId("admin-user-search").fill("granted");
    await expect.poll(() => admin.page.getByTestId("admin-user-row").count()).toBe(1);

    await admin.page.getByTestId("admin-grant-email").fill("granted@example.com");
    await admin.page.getByTestId("admin-grant-credits").fill("30");
    await admin.page.getByTestId("admin-grant-reason").fill("Goodwill for the outage");
    await admin.page.getByTestId("admin-grant-submit").click();
    const result = admin.page.getByTestId("admin-grant-result");
    await expect.poll(() => result.getAttribute("data-state")).toBe("success");
    expect(await result.textContent()).toContain("Granted 30 credits to granted@example.com");
    // The table refreshes with the new balance.
    await expect.poll(() => row.getByTestId("admin-user-available").textContent()).toBe("50");
    await admin.page.getByTestId("admin-user-search").fill("");
    await expect.poll(() => admin.page.getByTestId("admin-user-row").count()).toBe(2);
    await screenshot(admin.page, "admin");

    // A bad request shows the error instead.
    await admin.page.getByTestId("admin-grant-email").fill("nobody@example.com");
    await admin.page.getByTestId("admin-grant-credits").fill("5");
    await admin.page.getByTestId("admin-grant-reason").fill("Should not work");
    await admin.page.getByTestId("admin-grant-submit").click();
    await expect.poll(() => result.getAttribute("data-state")).toBe("error");

    await user.page.goto(`${app.baseUrl}/credits`);
    await expect.poll(() => user.page.getByTestId("balance-available").textContent()).toBe("50");
    await expect
      .poll(async () => (await user.page.getByTestId("history-type").allTextContents()).join(","))
      .toBe("ADJUST,GRANT");
    expect(await user.page.getByTestId("history").textContent()).toContain("Goodwill for the outage");

    // The same user is no admin: /admin is a plain 404 for them, as are its APIs (403).
    const denied = await user.page.goto(`${app.baseUrl}/admin`);
    expect(denied?.status()).toBe(404);
    expect(await user.page.content()).not.toContain("Grant or deduct");
    const api = await user.page.request.get(`${app.baseUrl}/api/v1/admin/users`);
    expect(api.status()).toBe(403);

    await admin.context.close();
    await user.context.close();
  }, 90_000);

  it("is a 404 for anonymous visitors, on a phone too", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const response = await page.goto(`${app.baseUrl}/admin`);
    expect(response?.status()).toBe(404);
    expect(await page.content()).not.toContain("Grant or deduct");
    const api = await page.request.get(`${app.baseUrl}/api/v1/admin/stats`);
    expect(api.status()).toBe(401);
    await context.close();
  }, 30_000);

  it("fits a phone screen for the admin", async () => {
    const { context, page } = await (async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/sign-in`);
      await page.getByLabel("Email").fill(ADMIN);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      return { context, page };
    })();
    expect((await page.goto(`${app.baseUrl}/admin`))?.status()).toBe(200);
    await expect.poll(() => page.getByTestId("admin-user-row").count()).toBe(2);
    await expect.poll(() => page.getByTestId("admin-grant-submit").isVisible()).toBe(true);
    await screenshot(page, "admin-mobile");
    await context.close();
  }, 30_000);
});
