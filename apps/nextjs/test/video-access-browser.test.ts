import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { VideoView } from "@/lib/video";
import { type AppServer, startAppServer } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot, signedUpContext } from "./support/browser";
import { startWorker, type WorkerProcess } from "./support/worker";

// The video page's sharing panel and the doors behind it, in a real browser (Debian's chromium),
// against the built app and a worker rendering with the demo provider. FREE_DOWNLOADS_PER_DAY=0:
// the free owner's own download is refused with plan_required, a refusal the page can explain.
const PASSWORD = "correct horse battery";

let app: AppServer;
let worker: WorkerProcess;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];
const consoleErrors: string[] = [];
let owner: { context: BrowserContext; page: Page };

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_video_access_browser");
  const env = {
    DATABASE_URL: databaseUrl,
    DEMO_PROVIDER_DELAY_MS: "1000",
    VIDEO_POLL_INTERVAL_MS: "300",
    FREE_DOWNLOADS_PER_DAY: "0",
  };
  app = await startAppServer(env);
  worker = startWorker(app, env);
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
  owner = await signedUpContext(browser, {
    baseUrl: app.baseUrl,
    email: "sharing-owner@example.com",
    password: PASSWORD,
    errors: consoleErrors,
  });
}, 90_000);

// The pages work under their Content-Security-Policy and log no error but the refusals a test expects.
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
  expect(consoleErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await owner?.context.close();
  await browser?.close();
  await worker?.stop();
  await app?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

/** Takes out the console's reports of the failed requests a test expects (a refusal is a 403 or 404). */
function expectFailedRequests(statuses: number[]) {
  const failed = consoleErrors.filter((e) => /Failed to load resource/.test(e));
  expect(failed.map((e) => Number(/status of (\d{3})/.exec(e)?.[1]))).toEqual(statuses);
  for (const f of failed) consoleErrors.splice(consoleErrors.indexOf(f), 1);
}

/** The owner's API view of a video, through the owner's own session. */
async function ownerView(uuid: string): Promise<VideoView> {
  const res = await owner.page.request.get(`${app.baseUrl}/api/v1/video/${uuid}`);
  return ((await res.json()) as { data: VideoView }).data;
}

/** A finished video of the owner's, generated through the API and rendered by the worker. */
async function finishedVideo(prompt: string): Promise<string> {
  const res = await owner.page.request.post(`${app.baseUrl}/api/v1/video/generate`, {
    headers: { "idempotency-key": randomUUID() },
    data: { model: "kling-2.6", prompt, duration: 5, aspectRatio: "16:9", quality: "standard" },
  });
  expect(res.status()).toBe(201);
  const { uuid } = ((await res.json()) as { data: VideoView }).data;
  await expect.poll(async () => (await ownerView(uuid)).status, { timeout: 30_000 }).toBe("COMPLETED");
  return uuid;
}

async function patch(uuid: string, body: Record<string, unknown>) {
  const res = await owner.page.request.patch(`${app.baseUrl}/api/v1/video/${uuid}`, { data: body });
  expect(res.status()).toBe(200);
}

describe("the video page's sharing", () => {
  it("lets the owner set visibility and policy, shows the embed code, and says why a download is refused", async () => {
    const uuid = await finishedVideo("a lighthouse in a storm");
    const { page } = owner;
    await page.goto(`${app.baseUrl}/videos/${uuid}`);
    await page.getByTestId("player").waitFor();
    expect(await page.getByTestId("embed-closed").getAttribute("data-reason")).toBe("private");

    await page.getByLabel(/^Unlisted/).check();
    await page.getByRole("switch", { name: "Allow embedding" }).check();
    await page.getByRole("switch", { name: "Allow others to download" }).check();
    await page.getByTestId("sharing-save").click();
    await page.getByTestId("sharing-saved").waitFor();
    expect(await ownerView(uuid)).toMatchObject({
      visibility: "unlisted",
      allowEmbed: true,
      allowDownload: true,
      embedDomains: [],
    });
    await expect.poll(() => page.getByTestId("embed-code").inputValue()).toContain(`/embed/${uuid}`);

    // A bad host: the server's field message, nothing saved.
    await page.getByTestId("embed-domains").fill("example.com\nnot a host");
    await page.getByTestId("sharing-save").click();
    await expect.poll(() => page.getByTestId("sharing-error").textContent()).toMatch(/embedDomains.*host name/);
    expect((await ownerView(uuid)).embedDomains).toEqual([]);
    expectFailedRequests([400]);

    await page.getByTestId("embed-domains").fill("example.com\n*.example.org");
    await page.getByLabel(/^Public/).check();
    await page.getByRole("switch", { name: "Allow embedding" }).uncheck();
    await page.getByTestId("sharing-save").click();
    await page.getByTestId("sharing-saved").waitFor();
    expect(await ownerView(uuid)).toMatchObject({
      visibility: "public",
      allowEmbed: false,
      embedDomains: ["example.com", "*.example.org"],
    });
    expect(await page.getByTestId("embed-closed").getAttribute("data-reason")).toBe("embed_not_allowed");

    await page.getByTestId("download").click();
    const refused = page.getByTestId("download-refused");
    await expect.poll(() => refused.getAttribute("data-reason")).toBe("plan_required");
    expect(await refused.textContent()).toBe("Downloads need a plan — see pricing.");
    expect(await refused.getByRole("link", { name: "see pricing" }).getAttribute("href")).toBe("/pricing");
    expectFailedRequests([403]);
    await screenshot(page, "video-sharing");
  }, 90_000);

  it("shows an unlisted video to an anonymous visitor with the link, and a private one as not found", async () => {
    const unlisted = await finishedVideo("a fox in the snow");
    await patch(unlisted, { visibility: "unlisted" });
    const hidden = await finishedVideo("a secret garden");
    const context = await browser.newContext();
    const page = await context.newPage();
    context.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));

    await page.goto(`${app.baseUrl}/videos/${unlisted}`);
    expect(page.url()).toBe(`${app.baseUrl}/videos/${unlisted}`);
    await expect.poll(() => page.getByTestId("video-prompt").textContent()).toBe("a fox in the snow");
    await expect
      .poll(() => page.evaluate(() => document.querySelector("video")?.duration ?? 0), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // The owner does not allow downloads: no button to press.
    expect(await page.getByTestId("download").count()).toBe(0);
    await screenshot(page, "video-shared-anonymous");

    await page.goto(`${app.baseUrl}/videos/${hidden}`);
    await page.getByTestId("video-missing").waitFor();
    expect(await page.getByTestId("player").count()).toBe(0);
    expectFailedRequests([404]);
    await context.close();
  }, 90_000);

  it("plays in an iframe on another origin, and is refused there once the owner lists other domains", async () => {
    const uuid = await finishedVideo("a hot-air balloon at dawn");
    await patch(uuid, { visibility: "unlisted", allowEmbed: true, embedDomains: [] });
    // The app listens on 127.0.0.1; the embedding page is on localhost, another site.
    const host: Server = createServer((_, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        `<!doctype html><title>elsewhere</title><iframe id="player" src="${app.baseUrl}/embed/${uuid}"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const elsewhere = `http://localhost:${(host.address() as AddressInfo).port}/`;
    const page = await browser.newPage();
    try {
      await page.goto(elsewhere);
      const frame = page.frameLocator("#player");
      await frame.locator("video").waitFor();
      expect(await frame.locator("video").getAttribute("src")).toContain("/api/v1/files/");

      await patch(uuid, { embedDomains: ["example.com"] });
      await page.goto(elsewhere);
      await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
      expect(cspViolations.splice(0)).toEqual([expect.stringMatching(/frame-ancestors/)]);
      expect(await frame.locator("video").count()).toBe(0);
    } finally {
      await page.close();
      await new Promise((resolve) => host.close(resolve));
    }
  }, 90_000);
});
