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
    page.on("response", (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${baseUrl()}/`);
    await page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "API reference" }).click();
    await page.waitForURL(`${baseUrl()}/docs/api`);
    // The reference renders a tag's operations as it is opened (or scrolled to).
    await page.getByText("Videos", { exact: true }).first().click({ timeout: 20_000 });

    await expect
      .poll(() => page.getByText("Generate a video").count(), { timeout: 20_000 })
      .toBeGreaterThan(0)
      .catch(async (error) => {
        await screenshot(page, "docs-api-failed");
        throw new Error(`${error.message}\nerrors: ${errors.join("\n")}\nCSP: ${cspViolations.join("\n")}`);
      });
    await expect.poll(() => page.getByText("List your videos, newest first").count()).toBeGreaterThan(0);
    await screenshot(page, "docs-api");

    expect(cspViolations).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
