import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot, signedUpContext } from "./support/browser";

// The API-keys page and the admin keys view in a real browser (Debian's chromium), against the
// built app; the keys they make are then used over plain HTTP, as a program would.
const ADMIN = "keys-browser-admin@videofly.test";
const PASSWORD = "correct horse battery";

let app: AppServer;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_keys_browser");
  app = await startAppServer({ DATABASE_URL: databaseUrl, ADMIN_EMAILS: ADMIN });
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 90_000);

// The pages work under their Content-Security-Policy and log no error of any kind.
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
  expect(consoleErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

function signUp(email: string): Promise<{ context: BrowserContext; page: Page }> {
  return signedUpContext(browser, {
    baseUrl: app.baseUrl,
    email,
    password: PASSWORD,
    errors: consoleErrors,
    permissions: ["clipboard-read", "clipboard-write"],
  });
}

const balanceWith = (key: string) =>
  fetch(`${app.baseUrl}/api/v1/credit/balance`, { headers: { "x-api-key": key } }).then((r) => r.status);

/** Reloads until `check` holds: usage is written after the response, not with it. */
async function reloadUntil(page: Page, check: () => Promise<boolean>) {
  await expect
    .poll(
      async () => {
        await page.reload();
        return check();
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(true);
}

describe("the API-keys page", () => {
  it("sends anonymous visitors to sign in", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/settings/api-keys`);
    await page.waitForURL("**/sign-in");
    await page.close();
  });

  it("creates a key with two scopes, shows it once, lists it without the secret, and revokes it", async () => {
    const { context, page } = await signUp("keys-owner@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
    await page.waitForURL("**/settings/api-keys");
    await expect.poll(() => page.getByRole("heading", { name: "API keys", level: 1 }).isVisible()).toBe(true);
    expect(await page.getByTestId("api-docs-link").getAttribute("href")).toBe("/docs/api");
    await expect.poll(() => page.getByText("No keys yet").isVisible()).toBe(true);

    await page.getByTestId("key-name").fill("CI server");
    await page.getByTestId("scope-credits:read").check();
    await page.getByTestId("scope-videos:read").check();
    await page.getByTestId("key-rate-limit").fill("120");
    await screenshot(page, "api-keys-form");
    await page.getByTestId("key-create").click();

    const dialog = page.getByTestId("new-key-dialog");
    await dialog.waitFor();
    expect(await page.getByTestId("new-key-note").textContent()).toContain("You will not see it again");
    const secret = await page.getByTestId("new-key-secret").inputValue();
    expect(secret).toMatch(/^vf_live_\w{20,}/);
    await page.getByTestId("new-key-copy").click();
    await expect.poll(() => page.getByTestId("new-key-copied").textContent()).toBe("Copied to the clipboard.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await screenshot(page, "api-keys-created");
    await page.getByTestId("new-key-close").click();
    await expect.poll(() => dialog.count()).toBe(0);

    // Listed with its visible start only: the secret is nowhere on the page any more.
    const card = page.getByTestId("api-key");
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId("api-key-name").textContent()).toBe("CI server");
    const prefix = (await card.getByTestId("api-key-prefix").textContent()) ?? "";
    expect(prefix).toMatch(/…$/);
    expect(secret.startsWith(prefix.slice(0, -1))).toBe(true);
    expect(prefix.length).toBeLessThan(secret.length / 2);
    expect(await card.getByTestId("api-key-scopes").locator("li").allTextContents()).toEqual([
      "videos:read",
      "credits:read",
    ]);
    expect(await card.getByTestId("api-key-rate-limit").textContent()).toBe("120");
    expect(await card.getByTestId("api-key-state").textContent()).toBe("Enabled");
    expect(await page.content()).not.toContain(secret);

    // The key works for what it was given, and only that.
    expect(await balanceWith(secret)).toBe(200);
    const usage = await fetch(`${app.baseUrl}/api/v1/usage`, { headers: { "x-api-key": secret } });
    expect(usage.status).toBe(403);

    // Its requests show in the list and in today's bar of its chart.
    await reloadUntil(page, async () => (await card.getByTestId("api-key-requests").textContent()) === "2");
    await expect.poll(() => card.getByTestId("api-key-chart-total").textContent()).toBe("2 in total");
    const today = new Date().toISOString().slice(0, 10);
    expect(await card.locator(`rect[data-day="${today}"]`).getAttribute("data-value")).toBe("2");
    expect(await card.getByTestId("api-key-last-used").textContent()).not.toBe("Never");
    await screenshot(page, "api-keys");

    // Off and on again from the page.
    await card.getByTestId("api-key-toggle").click();
    await expect.poll(() => card.getByTestId("api-key-state").textContent()).toBe("Disabled");
    expect(await balanceWith(secret)).toBe(401);
    await card.getByTestId("api-key-toggle").click();
    await expect.poll(() => card.getByTestId("api-key-state").textContent()).toBe("Enabled");
    expect(await balanceWith(secret)).toBe(200);

    // Revoking asks first; then the key is gone and refused at once.
    await card.getByTestId("api-key-revoke").click();
    await card.getByTestId("api-key-revoke-confirm").click();
    await expect.poll(() => card.count()).toBe(0);
    expect(await balanceWith(secret)).toBe(401);
    await context.close();
  }, 90_000);
});

describe("the admin keys view", () => {
  it("lists another user's key with its owner, disables it and sets its limit; a plain user gets a 404", async () => {
    const owner = await signUp("keys-other@example.com");
    const created = await owner.context.request.post(`${app.baseUrl}/api/v1/api-keys`, {
      headers: { origin: app.baseUrl },
      data: { name: "Partner integration", scopes: ["credits:read", "usage:read"] },
    });
    expect(created.status()).toBe(201);
    const { key, id } = ((await created.json()) as { data: { key: string; id: string } }).data;
    expect(await balanceWith(key)).toBe(200);

    const admin = await signUp(ADMIN);
    await admin.page.goto(`${app.baseUrl}/admin`);
    await admin.page
      .getByRole("navigation", { name: "Admin sections" })
      .getByRole("link", { name: "API keys" })
      .click();
    await admin.page.waitForURL("**/admin/api-keys");
    const row = admin.page.locator(`[data-testid="admin-api-key-row"][data-key-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId("admin-api-key-owner").textContent()).toBe("keys-other@example.com");
    expect(await row.textContent()).toContain("credits:read usage:read");
    expect(await row.getByTestId("admin-api-key-state").textContent()).toBe("Enabled");

    await row.getByTestId("admin-api-key-toggle").click();
    await expect.poll(() => row.getByTestId("admin-api-key-state").textContent()).toBe("Disabled");
    expect(await balanceWith(key)).toBe(401);

    await row.getByTestId("admin-api-key-limit").fill("42");
    await row.getByTestId("admin-api-key-limit-save").click();
    await reloadUntil(admin.page, async () => (await row.getByTestId("admin-api-key-limit").inputValue()) === "42");
    expect(await row.getByTestId("admin-api-key-state").textContent()).toBe("Disabled");

    // The usage per route counts the requests made with keys (a refused key authenticates no one: not counted).
    const balanceRow = admin.page.getByTestId("admin-route-usage-row").filter({ hasText: "/credit/balance" });
    await expect.poll(() => balanceRow.count()).toBe(1);
    await screenshot(admin.page, "admin-api-keys");

    // Fetched rather than opened: the browser would log the 404 as a console error.
    const denied = await owner.context.request.get(`${app.baseUrl}/admin/api-keys`);
    expect(denied.status()).toBe(404);
    expect(await denied.text()).not.toContain("Partner integration");
    await admin.context.close();
    await owner.context.close();
  }, 90_000);
});
