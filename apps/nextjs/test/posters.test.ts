import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer, TEST_SECRETS } from "./support/app-server";
import { launchBrowser, recordCspViolations, screenshot } from "./support/browser";
import { type Caller, callAs, finishedVideos, verifiedUser } from "./support/public-videos";
import { sdk } from "./support/sdk";

// A finished demo video's poster and facts over HTTP against the built app (the demo serves
// public/demo/sample.mp4: 3 s, 320×180, with sound), and the pages that show the poster: the
// embed player's HTML, and the home gallery in a real browser under the app's CSP.
let app: AppServer;
let databaseUrl: string;
let browser: Browser;
let cspViolations: string[] = [];
let owner: Caller;
let uuid: string;

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_posters");
  app = await startAppServer({
    DATABASE_URL: databaseUrl,
    DEMO_PROVIDER_DELAY_MS: "100",
    VIDEO_POLL_INTERVAL_MS: "100",
  });
  owner = await verifiedUser(app, "posters-owner@example.com");
  [uuid] = (await finishedVideos(app, owner, ["a lighthouse in the fog"])) as [string];
  browser = await launchBrowser();
  cspViolations = recordCspViolations(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

/** Fetches `url` and says whether it is a JPEG (by its bytes and its Content-Type). */
async function jpegAt(url: string) {
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get("content-type"), magic: bytes.subarray(0, 3).toString("hex") };
}

const CRON = { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` };
const KLING = {
  model: "kling-2.6",
  mode: "TEXT_TO_VIDEO",
  duration: 5,
  aspectRatio: "16:9",
  quality: "standard",
} as const;
const JPEG = { status: 200, type: "image/jpeg", magic: "ffd8ff" };
const unescapeHtml = (s: string) => s.replaceAll("&amp;", "&");

describe("posters and media facts", () => {
  it("gives a finished video a poster URL that serves a JPEG, and its probed duration, size and sound", async () => {
    const { data, response } = await sdk({ cookie: owner.cookie }, app.baseUrl).GET("/video/{uuid}", {
      params: { path: { uuid } },
    });
    expect(response.status).toBe(200);
    const video = data?.data;
    expect(video).toMatchObject({ status: "COMPLETED", mediaDuration: 3, width: 320, height: 180, hasAudio: true });
    expect(video?.posterUrl).toBeTruthy();
    expect(await jpegAt(video?.posterUrl ?? "")).toEqual(JPEG);

    // The gallery (anyone) and the play card (anyone it is shared with) carry the same facts.
    const latest = await callAs<{ items: { uuid: string; posterUrl: string | null; width: number | null }[] }>(
      app,
      null,
      "/api/v1/videos/latest",
    );
    const listed = latest.body.data.items.find((v) => v.uuid === uuid);
    expect(listed).toMatchObject({ width: 320 });
    expect(await jpegAt(listed?.posterUrl ?? "")).toEqual(JPEG);
    const card = await callAs<{ posterUrl: string | null; mediaDuration: number | null }>(
      app,
      null,
      `/api/v1/video/${uuid}/public`,
    );
    expect(card.body.data.mediaDuration).toBe(3);
    expect(await jpegAt(card.body.data.posterUrl ?? "")).toEqual(JPEG);
  });

  it("gives no poster to anyone a private video is hidden from", async () => {
    const [hidden] = (await finishedVideos(app, owner, ["a private sketch"], "private")) as [string];
    const anonymous = await callAs(app, null, `/api/v1/video/${hidden}/public`);
    expect(anonymous.res.status).toBe(404);
    expect(JSON.stringify(anonymous.body)).not.toContain("poster.jpg");
    const latest = await callAs<{ items: { uuid: string }[] }>(app, null, "/api/v1/videos/latest");
    expect(latest.body.data.items.map((v) => v.uuid)).not.toContain(hidden);
  });

  it("puts the poster on the embed player", async () => {
    const page = await fetch(`${app.baseUrl}/embed/${uuid}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const poster = html.match(/<video[^>]*\sposter="([^"]+)"/)?.[1];
    expect(poster).toBeTruthy();
    expect(unescapeHtml(poster ?? "")).toContain(`/videos/${uuid}/`);
    expect(await jpegAt(new URL(unescapeHtml(poster ?? ""), app.baseUrl).href)).toEqual(JPEG);
  });

  it("shows the poster in the home gallery, loaded under the page's CSP", async () => {
    const page = await browser.newPage();
    await page.goto(app.baseUrl);
    const image = page.getByTestId("gallery").locator(`li[data-uuid="${uuid}"]`).getByTestId("video-poster");
    await expect.poll(() => image.getAttribute("src")).toMatch(/poster\.jpg/);
    const poster = (await image.getAttribute("src")) ?? "";
    // The browser fetches it as an image (img-src), with the page's cookies and policy.
    const loaded = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    }, poster);
    expect(loaded).toEqual({ width: 320, height: 180 });
    await screenshot(page, "gallery-posters");
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it("shows the owner's videos as poster images with alt text on /videos, the video page and a batch's results", async () => {
    const context = await browser.newContext();
    const host = new URL(app.baseUrl).hostname;
    await context.addCookies(
      owner.cookie.split("; ").map((pair) => {
        const [name = "", ...value] = pair.split("=");
        return { name, value: value.join("="), domain: host, path: "/" };
      }),
    );
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/videos`);
    const poster = page.getByAltText("Poster of the video: a lighthouse in the fog");
    await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await screenshot(page, "videos-posters");
    await page.goto(`${app.baseUrl}/videos/${uuid}`);
    await expect.poll(() => page.getByTestId("player").getAttribute("poster")).toMatch(/poster\.jpg/);

    // A batch's results grid, once its two items are done.
    const client = sdk({ cookie: owner.cookie }, app.baseUrl);
    const created = await client.POST("/batches", {
      body: { ...KLING, items: [{ prompt: "batch poster one" }, { prompt: "batch poster two" }] },
    });
    const id = created.data?.data.id ?? "";
    for (let round = 0; round < 200; round += 1) {
      const batch = await client.GET("/batches/{id}", { params: { path: { id } } });
      if (batch.data?.data.finishedAt) break;
      await fetch(`${app.baseUrl}/api/cron/process-videos`, { headers: CRON });
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.goto(`${app.baseUrl}/batches/${id}`);
    const results = page.getByTestId("batch-result");
    await expect.poll(() => results.getByTestId("video-poster").count()).toBe(2);
    const widths = () =>
      results
        .getByTestId("video-poster")
        .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    await expect.poll(widths).toEqual([320, 320]);
    expect(await page.getByAltText("Poster of the video: batch poster two").count()).toBe(1);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
