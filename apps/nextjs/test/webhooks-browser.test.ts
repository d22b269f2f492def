import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot, signUpVerifiedInBrowser } from "./support/browser";
import { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";
import { startWorker, type WorkerProcess } from "./support/worker";

// /settings/webhooks in a real browser, against the built app, the real worker and a receiver that
// verifies each delivery with the secret the page showed once.

let receiver: WebhookReceiver;
let app: AppServer;
let worker: WorkerProcess;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];
const env = { WEBHOOK_ALLOW_LOOPBACK: "true", OUTBOUND_ALLOW_HTTP: "true", WEBHOOK_RETRY_BASE_MS: "20" };

beforeAll(async () => {
  receiver = await startWebhookReceiver(() => 204);
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_webhooks_browser");
  app = await startAppServer({ DATABASE_URL: databaseUrl, ...env });
  worker = startWorker(app, { ...env, DATABASE_URL: databaseUrl });
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 90_000);

afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await app?.stop();
  await receiver?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

describe("the webhooks page", () => {
  it("adds an endpoint, shows its secret once, sends a test that the receiver verifies, and logs the attempt", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUpVerifiedInBrowser(page, app.baseUrl, "hooks-browser@example.com", "correct horse battery");
    await page.goto(`${app.baseUrl}/settings/webhooks`);
    await page.getByTestId("webhook-url").fill(receiver.url);
    await page.getByTestId("webhook-description").fill("my receiver");
    await page.getByTestId("event-video.completed").check();
    await page.getByTestId("webhook-create").click();

    const secretField = page.getByTestId("webhook-secret-secret");
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, "webhooks-secret");
    await page.getByTestId("webhook-secret-close").click();
    await expect.poll(() => page.getByTestId("webhook-secret-dialog").count()).toBe(0);
    // Shown once: the page no longer has it anywhere.
    expect(await page.content()).not.toContain(secret);
    await expect.poll(() => page.getByTestId("webhook-endpoint-url").textContent()).toBe(receiver.url);

    await page.getByTestId("webhook-test").click();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [ping] = receiver.received as [ReceivedWebhook];
    expect(new Webhook(secret).verify(ping.body, ping.headers)).toMatchObject({ type: "ping" });
    await expect
      .poll(() => page.getByTestId("webhook-delivery-status").first().textContent(), { timeout: 15_000 })
      .toBe("Delivered");
    await expect.poll(() => page.getByTestId("webhook-attempt").first().textContent()).toContain("204");
    await screenshot(page, "webhooks-log");

    // A rotated secret shows in the same modal dialog: focus stays in it, a click beside it keeps
    // it (the secret would be lost), and Escape closes it and forgets the secret.
    await page.getByTestId("webhook-rotate").click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const rotated = await page.getByTestId("webhook-secret-secret").inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    for (let i = 0; i < 6; i++) await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.mouse.click(5, 5);
    expect(await dialog.count()).toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.content()).not.toContain(rotated);
    await context.close();
  });
});
