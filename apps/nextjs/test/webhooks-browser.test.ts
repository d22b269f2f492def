import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot, signUpVerifiedInBrowser } from "./support/browser";

// /settings/webhooks in a real browser, against the built app, the real worker and a receiver that
// verifies each delivery with the secret the page showed once.

const received: { headers: Record<string, string>; body: string }[] = [];
let receiver: Server;
let receiverUrl: string;
let app: AppServer;
let worker: ChildProcess;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];
const env = { WEBHOOK_ALLOW_LOOPBACK: "true", OUTBOUND_ALLOW_HTTP: "true", WEBHOOK_RETRY_BASE_MS: "20" };

beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: Buffer.concat(chunks).toString("utf8"),
    });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_webhooks_browser");
  app = await startAppServer({ DATABASE_URL: databaseUrl, ...env });
  worker = spawn(process.execPath, ["--import", "tsx", "src/jobs/worker-main.ts"], {
    cwd: path.resolve(import.meta.dirname, "../../../packages/common"),
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      APP_URL: app.baseUrl,
      // Signing secrets are encrypted under a key derived from it: the worker needs the app's.
      BETTER_AUTH_SECRET: TEST_SECRETS.BETTER_AUTH_SECRET,
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
  await new Promise((r) => receiver?.close(r));
  if (databaseUrl) await dropDatabase(databaseUrl);
});

describe("the webhooks page", () => {
  it("adds an endpoint, shows its secret once, sends a test that the receiver verifies, and logs the attempt", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signUpVerifiedInBrowser(page, app.baseUrl, "hooks-browser@example.com", "correct horse battery");
    await page.goto(`${app.baseUrl}/settings/webhooks`);
    await page.getByTestId("webhook-url").fill(receiverUrl);
    await page.getByTestId("webhook-description").fill("my receiver");
    await page.getByTestId("event-video.completed").check();
    await page.getByTestId("webhook-create").click();

    const secretField = page.getByTestId("webhook-secret");
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, "webhooks-secret");
    await page.getByTestId("webhook-secret-close").click();
    await expect.poll(() => page.getByTestId("webhook-secret-dialog").count()).toBe(0);
    // Shown once: the page no longer has it anywhere.
    expect(await page.content()).not.toContain(secret);
    await expect.poll(() => page.getByTestId("webhook-endpoint-url").textContent()).toBe(receiverUrl);

    await page.getByTestId("webhook-test").click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const [ping] = received as [{ headers: Record<string, string>; body: string }];
    expect(new Webhook(secret).verify(ping.body, ping.headers)).toMatchObject({ type: "ping" });
    await expect
      .poll(() => page.getByTestId("webhook-delivery-status").first().textContent(), { timeout: 15_000 })
      .toBe("Delivered");
    await expect.poll(() => page.getByTestId("webhook-attempt").first().textContent()).toContain("204");
    await screenshot(page, "webhooks-log");
    await context.close();
  });
});
