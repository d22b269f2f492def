import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot, signedUpContext } from "./support/browser";
import { largeVideo } from "./support/uploads";

// The uploader on /uploads in a real browser against the built app (local driver): a real video
// set through the file input goes up in parts, the bar moving to 100 %; a failed part is sent again;
// cancel stops it and aborts the upload on the server.
let app: AppServer;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];
const consoleErrors: string[] = [];
let video: string;

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_uploads_browser");
  app = await startAppServer({ DATABASE_URL: databaseUrl });
  video = await largeVideo(32);
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

/** Every aria-valuenow the video uploader's bar takes, recorded in the page as it changes. */
async function recordProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="uploader-video"] progress');
      const value = Number(bar?.getAttribute("aria-valuenow") ?? Number.NaN);
      if (Number.isFinite(value) && seen.at(-1) !== value) seen.push(value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
}

describe("the uploader", () => {
  it("uploads a real video in parts: the bar moves to 100 %, a refused part is sent again; cancel aborts", async () => {
    const { context, page } = await signedUpContext(browser, {
      baseUrl: app.baseUrl,
      email: "uploads-browser@example.com",
      password: "correct horse battery",
      errors: consoleErrors,
    });
    // The first try of part 3 fails as a flaky network would answer; the engine sends it again.
    let failedOnce = false;
    await page.route("**/api/v1/files/**partNumber=3**", async (route) => {
      if (failedOnce) return route.continue();
      failedOnce = true;
      await route.fulfill({ status: 503, body: "try again" });
    });
    await page.goto(`${app.baseUrl}/uploads`);
    const progress = await recordProgress(page);
    const uploader = page.getByTestId("uploader-video");
    const completed = page.waitForResponse((r) => r.url().endsWith("/complete") && r.request().method() === "POST");
    await page.locator("#uploader-video").setInputFiles(video);
    expect((await completed).status()).toBe(200);
    await expect.poll(() => uploader.getByText(/Uploaded: video\/quicktime/).count(), { timeout: 30_000 }).toBe(1);
    const bar = uploader.getByRole("progressbar");
    expect(await bar.getAttribute("aria-valuenow")).toBe("100");
    const seen = await progress();
    expect(
      seen.some((v) => v > 0 && v < 100),
      `values seen: ${seen}`,
    ).toBe(true);
    expect(seen.at(-1)).toBe(100);
    expect(failedOnce).toBe(true);
    await expect.poll(() => page.getByTestId("uploaded").locator("li").count()).toBe(1);
    await screenshot(page, "uploader-done");

    // Cancel while parts are in flight (each held back a moment): the server's upload is aborted.
    await page.unrouteAll();
    await page.route("**/api/v1/files/**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue().catch(() => {});
    });
    await page.reload();
    const declared = page.waitForResponse((r) => r.url().endsWith("/api/v1/uploads") && r.status() === 201);
    await page.locator("#uploader-video").setInputFiles(video);
    const { data } = (await (await declared).json()) as { data: { uploadId: string } };
    await page.getByTestId("uploader-video").getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.getByText("Upload cancelled.").count()).toBe(1);
    await expect
      .poll(async () => {
        const res = await page.request.get(`${app.baseUrl}/api/v1/uploads/${data.uploadId}`);
        return ((await res.json()) as { data: { status: string } }).data.status;
      })
      .toBe("aborted");
    await context.close();
    expect(cspViolations).toEqual([]);
    // Only the one 503 the test made up.
    expect(consoleErrors.filter((e) => !e.includes("status of 503"))).toEqual([]);
  }, 120_000);
});
