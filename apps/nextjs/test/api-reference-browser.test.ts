import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, recordCspViolations, screenshot } from "./support/browser";
import { baseUrl } from "./support/http";

// The interactive API reference (Scalar) in a real browser, against the shared built app.

let browser: Browser;
let cspViolations: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe("/docs/api", () => {
  it("is linked from the footer and renders the operations under the page's CSP, from our own origin", async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseUrl()) && !request.url().startsWith("data:")) foreign.push(request.url());
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    await page.goto(`${baseUrl()}/`);
    await page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "API reference" }).click();
    await page.waitForURL(`${baseUrl()}/docs/api`);

    await expect.poll(() => page.getByText("Generate a video").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("Your available, held and total credits").count()).toBeGreaterThan(0);
    await screenshot(page, "docs-api");

    expect(cspViolations).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
