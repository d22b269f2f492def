import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot } from "./support/browser";
import { mailTo } from "./support/http";
import { startWorker, type WorkerProcess } from "./support/worker";

// The web app in a real browser (Debian's chromium), against the built app and a real worker.

let app: AppServer;
let worker: WorkerProcess;
let browser: Browser;
let databaseUrl: string;
let cspViolations: string[] = [];

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_browser");
  const env = {
    DATABASE_URL: databaseUrl,
    DEMO_PROVIDER_DELAY_MS: "1500",
    VIDEO_POLL_INTERVAL_MS: "300",
    SIGNUP_BONUS_CREDITS: "20",
  };
  app = await startAppServer(env);
  worker = startWorker(app, env);
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 90_000);

// Every page of the app works under its Content-Security-Policy: the browser reports no violation.
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await app?.stop();
  await dropDatabase(databaseUrl);
});

describe("the web app in a browser", () => {
  it("signs up, verifies by the mailed link, gets the bonus, creates a video that completes by itself, plays it, and shows the settled hold", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${app.baseUrl}/`);
    await screenshot(page, "landing");

    await page.goto(`${app.baseUrl}/sign-up`);
    await page.getByLabel("Email").fill("browser@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await screenshot(page, "sign-up");
    await page.getByRole("button", { name: "Sign up" }).click();
    // Signed up, the home is the dashboard. No bonus until the address is verified: the banner
    // says so; the mailed link lands on the dashboard too.
    await page.waitForURL("**/dashboard");
    await expect.poll(() => page.getByTestId("verify-banner").isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId("dashboard-balance").getByText("0 credits").count()).toBe(1);
    await page.goto((await mailTo("browser@example.com", /Verify your email/)).link);
    await page.waitForURL("**/dashboard");
    expect(await page.getByTestId("verify-banner").count()).toBe(0);
    await expect.poll(() => page.getByTestId("dashboard-balance").getByText("20 credits").count()).toBe(1);
    expect(
      await page.getByTestId("dashboard-running").getByText("Nothing is rendering.", { exact: false }).count(),
    ).toBe(1);
    await screenshot(page, "dashboard");

    await page.getByRole("navigation", { name: "Quick actions" }).getByRole("link", { name: "Create a video" }).click();
    await page.waitForURL("**/create");
    await expect.poll(() => page.getByTestId("available").textContent()).toBe("20");
    await expect.poll(() => page.getByTestId("cost").textContent()).toBe("1");
    await page.getByLabel("Prompt").fill("a paper plane over a city at dusk");
    await screenshot(page, "create");
    await page.getByRole("button", { name: "Generate · 1 credit" }).click();
    // The page stays for the next one; the video runs in its queue.
    await expect
      .poll(() => page.getByRole("region", { name: "Generation queue" }).getByRole("listitem").count())
      .toBe(1);
    expect(new URL(page.url()).pathname).toBe("/create");

    await page.goto(`${app.baseUrl}/videos`);
    await expect
      .poll(() => page.getByTestId("video-status").first().textContent(), { timeout: 30_000 })
      .toBe("COMPLETED");
    await screenshot(page, "videos");
    await page.getByTestId("video-card").first().locator("a").click();
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/);
    const player = page.getByTestId("player");
    await player.waitFor();
    const played = await player.evaluate(async (el) => {
      const video = el as HTMLVideoElement;
      video.muted = true;
      await video.play();
      await new Promise((r) => setTimeout(r, 500));
      return { time: video.currentTime, error: video.error?.code ?? null, duration: video.duration };
    });
    expect(played.error).toBeNull();
    expect(played.time).toBeGreaterThan(0);
    expect(played.duration).toBeGreaterThan(2);
    await screenshot(page, "video");

    await page.goto(`${app.baseUrl}/credits`);
    await expect.poll(() => page.getByTestId("balance-available").textContent()).toBe("19");
    await expect
      .poll(async () => (await page.getByTestId("history-type").allTextContents()).join(","))
      .toBe("SETTLE,HOLD,GRANT");
    await screenshot(page, "credits");
    await page.close();
  }, 90_000);

  it("says when credits are short, with a link to pricing", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/sign-up`);
    await page.getByLabel("Email").fill("short@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL("**/dashboard");
    await page.goto(`${app.baseUrl}/create`);
    await page.getByLabel("Model").selectOption("sora-2");
    await page.getByRole("radiogroup", { name: "Duration" }).getByRole("radio", { name: "12 s" }).click();
    await page.getByRole("radiogroup", { name: "Quality" }).getByRole("radio", { name: "1080p" }).click();
    await expect.poll(() => page.getByTestId("cost").textContent()).toBe("24");
    await expect.poll(() => page.getByTestId("short").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: /Generate/ }).isDisabled()).toBe(true);
    await screenshot(page, "create-short-mobile");
    await page.getByTestId("short").getByRole("link", { name: "See pricing" }).click();
    await page.waitForURL("**/pricing");
    await expect.poll(() => page.getByRole("heading", { name: "Pricing", exact: true }).isVisible()).toBe(true);
    await screenshot(page, "pricing");
    await context.close();
  }, 60_000);

  it("renders the create page in Chinese when the locale cookie says so, and switches back", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/sign-up`);
    await page.getByLabel("Email").fill("zh@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL("**/dashboard");
    // The language switcher's cookie, as if chosen on another visit.
    await context.addCookies([{ name: "locale", value: "zh", url: app.baseUrl }]);
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("仪表盘");
    await screenshot(page, "dashboard-zh");
    await page.goto(`${app.baseUrl}/create`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("创建视频");
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.getByRole("link", { name: "我的视频" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: "生成 · 1 积分" }).isVisible()).toBe(true);
    await screenshot(page, "create-zh");
    await page.getByLabel("语言").selectOption("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Create a video");
    await context.close();
  }, 60_000);

  it("embeds a public video and refuses a private one", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByLabel("Email").fill("browser@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/dashboard");
    await page.goto(`${app.baseUrl}/videos`);
    await page.getByTestId("video-card").first().locator("a").click();
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/);
    const uuid = page.url().split("/").pop() ?? "";
    const embedUrl = `${app.baseUrl}/embed/${uuid}`;
    expect((await (await browser.newPage()).goto(embedUrl))?.status()).toBe(404);
    await page.getByLabel(/^Public/).check();
    await page.getByRole("switch", { name: "Allow embedding" }).check();
    await page.getByTestId("sharing-save").click();
    await expect.poll(() => page.getByTestId("embed-code").inputValue()).toContain(`/embed/${uuid}`);
    const embed = await browser.newPage();
    expect((await embed.goto(embedUrl))?.status()).toBe(200);
    await embed.locator("video").waitFor();
    await screenshot(embed, "embed");
    await page.close();
    await embed.close();
  }, 60_000);

  it("lets another site frame the embed player, and refuses to be framed anywhere else", async () => {
    const latest = await fetch(`${app.baseUrl}/api/v1/videos/latest`);
    const uuid = ((await latest.json()) as { data: { items: { uuid: string }[] } }).data.items[0]?.uuid;
    expect(uuid).toBeDefined();
    // A page on another site (localhost is not 127.0.0.1) framing two of the app's pages.
    const host: Server = createServer((_, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        `<!doctype html><title>elsewhere</title>` +
          `<iframe id="embed" src="${app.baseUrl}/embed/${uuid}"></iframe>` +
          `<iframe id="videos" src="${app.baseUrl}/videos"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const page = await browser.newPage();
    try {
      await page.goto(`http://localhost:${(host.address() as AddressInfo).port}/`);
      const embed = page.frameLocator("#embed");
      await embed.locator("video").waitFor();
      expect(await embed.locator("video").getAttribute("src")).toContain("/api/v1/files/");
      const videos = await (await page.$("#videos"))?.contentFrame();
      await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
      expect(videos?.url()).not.toBe(`${app.baseUrl}/videos`);
      expect(await videos?.locator("nav").count()).toBe(0);
      // The browser's own report of the refusal (it names the origin only), and nothing else.
      expect(cspViolations.splice(0)).toEqual([
        expect.stringMatching(new RegExp(`Framing '${app.baseUrl}/' violates .*"frame-ancestors 'none'"`)),
      ]);
    } finally {
      await page.close();
      await new Promise((resolve) => host.close(resolve));
    }
  }, 60_000);

  it("plays a stored video opened directly in a tab, under the API's policy", async () => {
    const latest = await fetch(`${app.baseUrl}/api/v1/videos/latest`);
    const videoUrl =
      ((await latest.json()) as { data: { items: { videoUrl: string }[] } }).data.items[0]?.videoUrl ?? "";
    expect(videoUrl).toContain("/api/v1/files/");
    const page = await browser.newPage();
    const response = await page.goto(videoUrl);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
    await expect.poll(() => page.evaluate(() => document.querySelector("video")?.duration ?? 0)).toBeGreaterThan(2);
    await page.close();
  }, 30_000);
});
