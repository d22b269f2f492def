import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot, scrollUntilLoaded, signedUpContext } from "./support/browser";
import { type Caller, callAs, finishedVideos, verifiedUser } from "./support/public-videos";

// The home gallery in a real browser (Debian's chromium) against the built app: a signed-in
// visitor favorites another user's public video and takes it back; the count follows the server.
let app: AppServer;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];
const consoleErrors: string[] = [];
let owner: Caller;
let uuid: string;

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_favorites_browser");
  app = await startAppServer({
    DATABASE_URL: databaseUrl,
    DEMO_PROVIDER_DELAY_MS: "100",
    VIDEO_POLL_INTERVAL_MS: "100",
  });
  owner = await verifiedUser(app, "favorites-browser-owner@example.com");
  [uuid] = (await finishedVideos(app, owner, ["a heron at dawn"])) as [string];
  // A full first page of newer ones: the heron is on the second, behind "Load more".
  await finishedVideos(
    app,
    owner,
    Array.from({ length: 12 }, (_, i) => `a newer video ${i + 1}`),
  );
  // Someone else's favorite first, so the count the page shows is the server's, not the page's own tally.
  await callAs(app, owner, `/api/v1/video/${uuid}/favorite`, { method: "POST" });
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

describe("favorites on the home gallery", () => {
  it("shows counts to anyone a page at a time, and lets a signed-in visitor favorite and unfavorite", async () => {
    const anonymous = await browser.newPage();
    await anonymous.goto(app.baseUrl);
    await expect.poll(() => anonymous.getByTestId("gallery").locator("li").count()).toBe(12);
    // Scrolling to the end of the grid loads the next page by itself ("Load more" is its fallback).
    await scrollUntilLoaded(anonymous.getByTestId("gallery").locator("li"), 13);
    expect(await anonymous.getByRole("button", { name: "Load more" }).count()).toBe(0);
    const anonymousCard = anonymous.locator(`li[data-uuid="${uuid}"]`);
    await expect.poll(() => anonymousCard.getByTestId("favorite-count").textContent()).toBe("1 favorite");
    expect(await anonymousCard.getByRole("button", { name: /favorites/ }).count()).toBe(0);
    await anonymous.close();

    const { context, page } = await signedUpContext(browser, {
      baseUrl: app.baseUrl,
      email: "favorites-browser-fan@example.com",
      password: "correct horse battery",
      errors: consoleErrors,
    });
    await page.goto(app.baseUrl);
    await scrollUntilLoaded(page.getByTestId("gallery").locator("li"), 13);
    const card = page.locator(`li[data-uuid="${uuid}"]`);
    const add = card.getByRole("button", { name: "Add to favorites" });
    await expect.poll(() => add.getAttribute("aria-pressed")).toBe("false");
    await add.click();
    const remove = card.getByRole("button", { name: "Remove from favorites" });
    await expect.poll(() => remove.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => card.getByTestId("favorite-count").textContent()).toBe("2 favorites");
    // The server holds it: a reload shows it favorited.
    await page.reload();
    await scrollUntilLoaded(page.getByTestId("gallery").locator("li"), 13);
    await expect.poll(() => remove.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => remove.isEnabled()).toBe(true);
    await screenshot(page, "home-gallery-favorited");
    const state = await callAs<{ favoriteCount: number }>(app, owner, `/api/v1/video/${uuid}/favorite`, {
      method: "POST",
    });
    expect(state.body.data.favoriteCount).toBe(2);

    await remove.click();
    await expect.poll(() => add.getAttribute("aria-pressed")).toBe("false");
    await expect.poll(() => card.getByTestId("favorite-count").textContent()).toBe("1 favorite");
    await expect.poll(() => add.isEnabled()).toBe(true);
    await context.close();

    expect(cspViolations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
