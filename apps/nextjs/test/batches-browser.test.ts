import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Batch } from "@/lib/batches";
import { type AppServer, startAppServer } from "./support/app-server";
import { screenshot } from "./support/browser";
import { browserApp } from "./support/browser-app";
import { startWorker, type WorkerProcess } from "./support/worker";

// The batch pages in a real browser (Debian's chromium), against the built app and a real worker
// rendering with the demo provider: a template batch from the editor to its finished results, and
// the admin's view of every batch.
const ADMIN = "batches-browser-admin@videofly.test";
const BATCH_URL = /\/batches\/bat_[0-9a-f]{32}$/;

const fx = browserApp({
  database: "vf_batches_browser",
  env: {
    ADMIN_EMAILS: ADMIN,
    DEMO_PROVIDER_DELAY_MS: "1500",
    VIDEO_POLL_INTERVAL_MS: "300",
    SIGNUP_BONUS_CREDITS: "20",
  },
});

/** Fills the variable row at `index` (the rows in the order they were added). */
async function fillVariable(page: Page, index: number, name: string, values: string[]) {
  const row = page.getByTestId("variable").nth(index);
  await row.getByTestId("variable-name").fill(name);
  await row.getByTestId("variable-values").fill(values.join("\n"));
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

describe("the batch pages", () => {
  it("send anonymous visitors to sign in", async () => {
    const page = await fx.browser.newPage();
    for (const path of ["/batches", "/batches/bat_00000000000000000000000000000000"]) {
      await page.goto(`${fx.app.baseUrl}${path}`);
      await page.waitForURL("**/sign-in");
    }
    await page.close();
  });

  it("build a 3 × 2 template batch with a live preview and its cost, then fill in its six results by themselves", async () => {
    const { context, page } = await fx.signUp("batch-owner@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Batches" }).click();
    await page.waitForURL("**/batches");
    await page.getByRole("link", { name: "Start one" }).click();
    await page.waitForURL("**/batches/new");
    await expect.poll(() => text(page, "preview-available")).toBe("20");
    await expect.poll(() => text(page, "preview-cost-per-video")).toBe("1");

    // One variable from the placeholder's own button, one added by hand.
    await page.getByTestId("batch-template").fill("A {animal} in {style} style");
    expect(await page.getByTestId("add-placeholder-variable").allTextContents()).toEqual([
      "+ add a variable for {animal}",
      "+ add a variable for {style}",
    ]);
    await page.getByTestId("add-placeholder-variable").first().click();
    await fillVariable(page, 0, "animal", ["cat", "dog", "fox"]);
    await page.getByTestId("add-variable").click();
    await fillVariable(page, 1, "style", ["watercolor", "pixel art"]);
    expect(await page.getByTestId("variable").nth(0).getByTestId("variable-chip").allTextContents()).toEqual([
      "cat×",
      "dog×",
      "fox×",
    ]);

    await expect.poll(() => text(page, "preview-count")).toBe("6");
    expect(await page.getByTestId("preview-prompt").allTextContents()).toEqual([
      "A cat in watercolor style",
      "A cat in pixel art style",
      "A dog in watercolor style",
      "A dog in pixel art style",
      "A fox in watercolor style",
      "A fox in pixel art style",
    ]);
    expect(await text(page, "preview-total")).toBe("6");
    expect(await page.getByTestId("preview-issue").count()).toBe(0);
    const submit = page.getByTestId("batch-submit");
    expect(await submit.textContent()).toBe("Start 6 videos for 6 credits");
    await screenshot(page, "batch-new");
    await submit.click();
    await page.waitForURL(BATCH_URL);
    const id = page.url().split("/").pop() ?? "";

    // The page follows the batch by itself until it is finished, then stops asking.
    const asked: string[] = [];
    page.on("request", (r) => r.url().includes(`/api/v1/batches/${id}`) && asked.push(r.url()));
    await expect
      .poll(() => page.getByTestId("batch-status").getAttribute("data-status"), { timeout: 60_000 })
      .toBe("completed");
    const results = page.getByTestId("batch-result");
    expect(await results.count()).toBe(6);
    await expect
      .poll(async () => (await page.getByTestId("batch-result-status").allTextContents()).join(","))
      .toBe(Array(6).fill("COMPLETED").join(","));
    expect(await results.nth(0).textContent()).toContain("A cat in watercolor style");
    expect(await results.nth(5).textContent()).toContain("A fox in pixel art style");
    expect(await page.getByTestId("batch-result-download").count()).toBe(6);
    expect(await text(page, "batch-done")).toBe("6 / 6 finished");
    expect(await text(page, "batch-count-completed")).toBe("6");
    expect(await text(page, "batch-settled")).toBe("6");
    expect(await text(page, "batch-held")).toBe("0");
    expect(await text(page, "batch-released")).toBe("0");
    expect(await page.getByTestId("batch-cancel").count()).toBe(0);
    await screenshot(page, "batch");
    const askedWhenFinished = asked.length;
    // Two polling intervals later nothing more was asked: a finished batch is not polled.
    await page.waitForTimeout(4500);
    expect(asked.length).toBe(askedWhenFinished);

    // A completed result opens as an ordinary video.
    await results.nth(0).getByTestId("batch-result-open").click();
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/);
    await expect.poll(() => text(page, "video-status")).toBe("COMPLETED");

    const balance = await context.request.get(`${fx.app.baseUrl}/api/v1/credit/balance`);
    expect(((await balance.json()) as { data: { available: number } }).data.available).toBe(14);

    await page.goto(`${fx.app.baseUrl}/batches`);
    const row = page.locator(`[data-testid="batch-row"][data-batch-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId("batch-title").textContent()).toBe("A {animal} in {style} style");
    expect(await row.getByTestId("batch-status").getAttribute("data-status")).toBe("completed");
    expect(await row.getByTestId("batch-done").textContent()).toBe("6 / 6 finished");
    expect(await row.getByTestId("batch-cost").textContent()).toBe("6 credits");
    await screenshot(page, "batches");
    await context.close();
  }, 120_000);

  it("names, in the preview, a placeholder without a variable and a variable the template does not use", async () => {
    const { context, page } = await fx.signUp("batch-preview@example.com");
    await page.goto(`${fx.app.baseUrl}/batches/new`);
    // Braces in a message are the page's own text, not an argument of it.
    expect(await page.getByTestId("batch-template").getAttribute("placeholder")).toBe(
      "A {animal} in {style} style, golden hour",
    );
    await page.getByTestId("batch-template").fill("A {animal} at {time}");
    await page.getByTestId("add-variable").click();
    await fillVariable(page, 0, "animal", ["owl", "bat"]);

    const issues = page.getByTestId("preview-issue");
    await expect.poll(() => issues.allTextContents()).toEqual(["template: The placeholder {time} has no variable."]);
    expect(await page.getByTestId("preview-count").count()).toBe(0);
    expect(await page.getByTestId("batch-submit").isDisabled()).toBe(true);
    // The placeholder offers its variable: one click and it has one, with no values yet.
    expect(await page.getByTestId("add-placeholder-variable").allTextContents()).toEqual([
      "+ add a variable for {time}",
    ]);

    await page.getByTestId("add-variable").click();
    await fillVariable(page, 1, "weather", ["rain"]);
    await expect
      .poll(() => issues.evaluateAll((els) => els.map((e) => e.getAttribute("data-field"))))
      .toEqual(["template", "variables.weather"]);
    await screenshot(page, "batch-new-issues");

    await page.getByTestId("add-placeholder-variable").click();
    await expect
      .poll(() => issues.allTextContents())
      .toEqual(["variables.weather: The template does not use {weather}.", "variables.time: {time} has no values."]);
    await fillVariable(page, 2, "time", ["night", "dawn"]);
    await page.getByTestId("variable").nth(1).getByRole("button", { name: "Remove the variable weather" }).click();
    await expect.poll(() => text(page, "preview-count")).toBe("4");
    expect(await page.getByTestId("batch-submit").isDisabled()).toBe(false);

    // A list of prompts instead: one a line, blank lines skipped.
    await page.getByText("List of prompts").click();
    await page.getByTestId("batch-items").fill("a lighthouse in a storm\n\na kite over the sea\n");
    await expect.poll(() => text(page, "preview-count")).toBe("2");
    expect(await page.getByTestId("preview-prompt").allTextContents()).toEqual([
      "a lighthouse in a storm",
      "a kite over the sea",
    ]);

    // The same page in Chinese, on a phone.
    await context.addCookies([{ name: "locale", value: "zh", url: fx.app.baseUrl }]);
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("新建批量任务");
    expect(await page.getByTestId("batch-template").getAttribute("placeholder")).toBe(
      "一只{animal}，{style}风格，黄金时刻",
    );
    await screenshot(page, "batch-new-zh-mobile");
    await context.close();
  }, 60_000);

  it("shows the server's 402 with a link to pricing when the credits went elsewhere meanwhile", async () => {
    const { context, page } = await fx.signUp("batch-short@example.com");
    await page.goto(`${fx.app.baseUrl}/batches/new`);
    await expect.poll(() => text(page, "preview-available")).toBe("20");
    await page.getByText("List of prompts").click();
    await page.getByTestId("batch-items").fill(Array.from({ length: 12 }, (_, i) => `a harbour, take ${i}`).join("\n"));
    await expect.poll(() => text(page, "preview-total")).toBe("12");
    expect(await page.getByTestId("preview-short").count()).toBe(0);

    // Another client of the same account spends 12 of the 20 credits after the page loaded.
    const spent = await context.request.post(`${fx.app.baseUrl}/api/v1/batches`, {
      headers: { origin: fx.app.baseUrl },
      data: { model: "kling-2.6", duration: 5, quality: "standard", items: Array(12).fill({ prompt: "elsewhere" }) },
    });
    expect(spent.status()).toBe(201);

    await page.getByTestId("batch-submit").click();
    const error = page.getByTestId("batch-error");
    await expect.poll(() => error.textContent()).toContain("Not enough credits: 4 more are needed for this batch.");
    // The browser logs the refused request; that is the one error this page may show.
    expect(fx.consoleErrors.splice(0)).toEqual([expect.stringContaining("status of 402 (Payment Required)")]);
    await error.getByRole("link", { name: "Get more credits" }).click();
    await page.waitForURL("**/pricing");
    await context.close();
  }, 60_000);
});

describe("the admin batches tab", () => {
  it("lists every user's batches with owner, status and counts, and cancels one that is running", async () => {
    const owner = await fx.signUp("batch-admin-owner@example.com");
    const admin = await fx.signUp(ADMIN);
    // Twenty items (all the owner's credits), three at a time, each rendering for 1.5 s: still
    // running when the admin cancels.
    const created = await owner.context.request.post(`${fx.app.baseUrl}/api/v1/batches`, {
      headers: { origin: fx.app.baseUrl },
      data: {
        model: "kling-2.6",
        duration: 5,
        quality: "standard",
        template: "Sunrise over {city}",
        variables: { city: Array.from({ length: 20 }, (_, i) => `city ${i}`) },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;

    await admin.page.goto(`${fx.app.baseUrl}/admin`);
    await admin.page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Batches" }).click();
    await admin.page.waitForURL("**/admin/batches");
    const row = admin.page.locator(`[data-testid="admin-batch-row"][data-batch-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId("admin-batch-owner").textContent()).toBe("batch-admin-owner@example.com");
    expect(await row.textContent()).toContain("Sunrise over {city}");
    expect(await row.getByTestId("admin-batch-retry").isDisabled()).toBe(true);

    await row.getByTestId("admin-batch-cancel").click();
    // The queued items are cancelled at once; the ones already running finish.
    await expect
      .poll(
        async () => {
          await admin.page.getByTestId("admin-batches-refresh").click();
          return row.getByTestId("batch-status").getAttribute("data-status");
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe("cancelled");
    expect(await row.getByTestId("admin-batch-counts").textContent()).toMatch(
      /^\d+ completed · 0 failed · \d+ cancelled$/,
    );
    expect(await row.getByTestId("admin-batch-cancel").count()).toBe(0);
    await screenshot(admin.page, "admin-batches");

    // The owner's page says the same, and a plain user gets the ordinary 404 for the admin tab.
    await owner.page.goto(`${fx.app.baseUrl}/batches/${id}`);
    await expect.poll(() => owner.page.getByTestId("batch-status").getAttribute("data-status")).toBe("cancelled");
    expect(Number(await text(owner.page, "batch-count-cancelled"))).toBeGreaterThan(0);
    const denied = await owner.context.request.get(`${fx.app.baseUrl}/admin/batches`);
    expect(denied.status()).toBe(404);
    await admin.context.close();
    await owner.context.close();
  }, 90_000);
});

describe("retrying failed items from the admin tab", () => {
  // A second app and worker whose demo provider fails every task, on a database of their own.
  const FAILING_ADMIN = "batches-failing-admin@videofly.test";
  let failing: AppServer;
  let failingWorker: WorkerProcess;
  let failingDatabaseUrl: string;

  beforeAll(async () => {
    failingDatabaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_batches_failing");
    const env = {
      DATABASE_URL: failingDatabaseUrl,
      ADMIN_EMAILS: FAILING_ADMIN,
      DEMO_PROVIDER_DELAY_MS: "300",
      DEMO_PROVIDER_FAIL_RATE: "1",
      VIDEO_POLL_INTERVAL_MS: "300",
      SIGNUP_BONUS_CREDITS: "20",
    };
    failing = await startAppServer(env);
    failingWorker = startWorker(failing, env);
  }, 90_000);

  afterAll(async () => {
    await failingWorker?.stop();
    await failing?.stop();
    if (failingDatabaseUrl) await dropDatabase(failingDatabaseUrl);
  });

  it("queues a failed batch's items again, holding and then releasing their credits once more", async () => {
    const owner = await fx.signUp("batch-failing-owner@example.com", failing.baseUrl);
    const batchOf = async (id: string) =>
      ((await (await owner.context.request.get(`${failing.baseUrl}/api/v1/batches/${id}`)).json()) as { data: Batch })
        .data;
    const created = await owner.context.request.post(`${failing.baseUrl}/api/v1/batches`, {
      headers: { origin: failing.baseUrl },
      data: {
        model: "kling-2.6",
        duration: 5,
        quality: "standard",
        items: [{ prompt: "one" }, { prompt: "two" }, { prompt: "three" }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    await expect.poll(async () => (await batchOf(id)).status, { timeout: 30_000 }).toBe("failed");

    const admin = await fx.signUp(FAILING_ADMIN, failing.baseUrl);
    await admin.page.goto(`${failing.baseUrl}/admin/batches`);
    const row = admin.page.locator(`[data-testid="admin-batch-row"][data-batch-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId("batch-status").getAttribute("data-status")).toBe("failed");
    expect(await row.getByTestId("admin-batch-counts").textContent()).toBe("0 completed · 3 failed · 0 cancelled");
    expect(await row.getByTestId("admin-batch-cancel").count()).toBe(0);

    await row.getByTestId("admin-batch-retry").click();
    await expect.poll(() => row.getByTestId("admin-batch-note").textContent()).toBe("3 failed items queued again");
    // They fail again (this provider always does): finalised again, every credit back with the owner.
    await expect.poll(async () => (await batchOf(id)).finishedAt !== null, { timeout: 30_000 }).toBe(true);
    const after = await batchOf(id);
    expect(after).toMatchObject({
      status: "failed",
      counts: { failed: 3 },
      credits: { held: 0, settled: 0, released: 6 },
    });
    const balance = await owner.context.request.get(`${failing.baseUrl}/api/v1/credit/balance`);
    expect(((await balance.json()) as { data: { available: number } }).data.available).toBe(20);
    await admin.page.getByTestId("admin-batches-refresh").click();
    await expect.poll(() => row.getByTestId("admin-batch-credits").textContent()).toBe("0 · 0 · 6");
    await admin.context.close();
    await owner.context.close();
  }, 120_000);
});
