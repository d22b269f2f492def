import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot, signUpVerifiedInBrowser } from "./support/browser";

// The batch pages in a real browser (Debian's chromium), against the built app and a real worker.
const ADMIN = "batch-pages-admin@videofly.test";
const PASSWORD = "correct horse battery";

let app: AppServer;
let worker: ChildProcess;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_batch_browser");
  const env = {
    DATABASE_URL: databaseUrl,
    DEMO_PROVIDER_DELAY_MS: "800",
    VIDEO_POLL_INTERVAL_MS: "300",
    VIDEO_MAX_CONCURRENT: "2",
    SIGNUP_BONUS_CREDITS: "20",
    ADMIN_EMAILS: ADMIN,
  };
  app = await startAppServer(env);
  worker = spawn(process.execPath, ["--import", "tsx", "src/jobs/worker-main.ts"], {
    cwd: path.resolve(import.meta.dirname, "../../../packages/common"),
    env: {
      ...process.env,
      ...env,
      DEMO_PROVIDER: "on",
      APP_URL: app.baseUrl,
      VIDEO_CALLBACK_SECRET: TEST_SECRETS.VIDEO_CALLBACK_SECRET,
      STORAGE_SIGNING_SECRET: TEST_SECRETS.STORAGE_SIGNING_SECRET,
      STORAGE_LOCAL_DIR: app.storageDir,
      WORKER_POLL_INTERVAL_MS: "300",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 90_000);

afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  if (worker && worker.exitCode === null) {
    worker.kill("SIGTERM");
    await new Promise((r) => worker.once("exit", r));
  }
  await app?.stop();
  await dropDatabase(databaseUrl);
});

async function signedIn(email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await signUpVerifiedInBrowser(page, app.baseUrl, email, PASSWORD);
  return page;
}

describe("the batch pages in a browser", () => {
  it("previews a template's prompts and cost, starts the batch, and fills the grid by itself", async () => {
    const page = await signedIn("batcher@example.com");
    await page.goto(`${app.baseUrl}/batches/new`);
    const preview = page.getByTestId("batch-preview").locator("li");
    // The example template: two animals in one style.
    await expect.poll(() => preview.allTextContents()).toEqual(["A cat in ink style", "A dog in ink style"]);
    await page.getByTestId("batch-variable-values").nth(1).fill("ink\nneon");
    await expect
      .poll(() => preview.allTextContents())
      .toEqual(["A cat in ink style", "A cat in neon style", "A dog in ink style", "A dog in neon style"]);
    await expect.poll(() => page.getByTestId("batch-cost").textContent()).toBe("4 × price = 4 credits; you have 20.");

    // A variable the template does not use is named, and nothing can be started.
    await page.getByTestId("batch-add-variable").click();
    await page.getByTestId("batch-variable-name").nth(2).fill("color");
    await page.getByTestId("batch-variable-values").nth(2).fill("red");
    await expect.poll(() => page.getByTestId("batch-issues").textContent()).toContain("{color}");
    expect(await page.getByTestId("batch-submit").isDisabled()).toBe(true);
    await page.getByTestId("batch-template").fill("A {color} {animal} in {style} style");
    await expect.poll(() => page.getByTestId("batch-cost").textContent()).toBe("4 × price = 4 credits; you have 20.");
    await screenshot(page, "batch-new");

    await page.getByTestId("batch-submit").click();
    await page.waitForURL(/\/batches\/bat_[0-9a-f]{32}$/);
    await expect
      .poll(() => page.getByTestId("batch-status").getAttribute("data-status"), { timeout: 40_000 })
      .toBe("completed");
    await expect.poll(() => page.getByTestId("batch-download").count()).toBe(4);
    expect(await page.getByTestId("batch-video-status").allTextContents()).toEqual(Array(4).fill("COMPLETED"));
    expect(await page.getByTestId("batch-summary").textContent()).toContain("4 spent, 0 held, 0 released");
    expect(await page.getByTestId("batch-cancel").count()).toBe(0);
    await screenshot(page, "batch");

    await page.goto(`${app.baseUrl}/batches`);
    await expect.poll(() => page.getByTestId("batch-row").count()).toBe(1);
    expect(await page.getByTestId("batch-row").textContent()).toContain("4 of 4 done");
  }, 90_000);

  it("lets an admin see every batch and cancel one", async () => {
    const user = await signedIn("queued@example.com");
    // Ten items at two at a time: most are still queued when the admin looks.
    const created = await user.evaluate(async () => {
      const res = await fetch("/api/v1/batches", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: "kling-2.6",
          duration: 5,
          quality: "standard",
          items: Array.from({ length: 10 }, (_, i) => ({ prompt: `item ${i}` })),
        }),
      });
      return ((await res.json()) as { data: { id: string } }).data.id;
    });
    const admin = await signedIn(ADMIN);
    await admin.goto(`${app.baseUrl}/admin/batches`);
    const row = admin.getByTestId("admin-batch-row").filter({ hasText: "queued@example.com" });
    await row.getByTestId("admin-batch-cancel").click();
    await expect.poll(() => admin.getByTestId("admin-batch-message").textContent()).toBe("The batch was cancelled.");
    await screenshot(admin, "admin-batches");
    await user.goto(`${app.baseUrl}/batches/${created}`);
    await expect
      .poll(() => user.getByTestId("batch-status").getAttribute("data-status"), { timeout: 30_000 })
      .toBe("cancelled");
  }, 60_000);
});
