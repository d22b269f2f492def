import { sampleMedia } from "@videofly/common/testing";
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { browserApp } from "./support/browser-app";

// Lip-sync from the create page in a real browser, against the built app and a real worker
// rendering with the demo provider (which really muxes the uploads with ffmpeg): a portrait and a
// 2 s audio sent through the uploaders, priced on the page from the audio's probed length, held at
// that price, followed with its progress to the end, and shown on its project's page with the
// source beside the result; and a script read in a voice, priced from its words.

const fx = browserApp({
  database: "vf_lipsync_browser",
  // Slow enough for the video page to see the demo's progress on its way; polled often.
  env: { DEMO_PROVIDER_DELAY_MS: "4000", VIDEO_POLL_INTERVAL_MS: "300", SIGNUP_BONUS_CREDITS: "500" },
});
let portrait: string;
let audio: string;
let longAudio: string;

beforeAll(async () => {
  [portrait, audio, longAudio] = await Promise.all([
    sampleMedia("image"),
    sampleMedia("audio", { seconds: 2 }),
    sampleMedia("audio", { seconds: 301 }),
  ]);
}, 60_000);

interface CatalogueModel {
  id: string;
  modes: string[];
  price: { kind: string; perAudioSecond?: Record<string, number> };
}

async function getData<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(`${fx.app.baseUrl}${path}`);
  expect(res.status(), path).toBe(200);
  return ((await res.json()) as { data: T }).data;
}

/** The lip-sync model's credits a second of audio at `quality`, as the catalogue lists them. */
async function ratePerSecond(context: BrowserContext, quality: string): Promise<number> {
  const models = await getData<CatalogueModel[]>(context, "/api/v1/config/models");
  const lipsync = models.find((m) => m.modes.includes("LIPSYNC"));
  expect(lipsync?.price.kind).toBe("per_audio_second");
  const rate = lipsync?.price.perAudioSecond?.[quality];
  if (rate === undefined) throw new Error(`no ${quality} rate in ${JSON.stringify(lipsync)}`);
  return rate;
}

/** Lip-sync chosen on the create page, at `quality`, with a portrait uploaded through its uploader. */
async function startLipsync(page: Page, quality: string) {
  await page.getByRole("radiogroup", { name: "Mode" }).getByRole("radio", { name: "Lip-sync" }).click();
  const fields = page.getByTestId("lipsync-fields");
  await fields.locator('select[name="quality"]').selectOption(quality);
  await fields.getByRole("radio", { name: "A portrait" }).check();
  const completed = page.waitForResponse((r) => r.url().endsWith("/complete") && r.request().method() === "POST");
  await page.locator("#uploader-image").setInputFiles(portrait);
  expect((await completed).status()).toBe(200);
  const uploader = page.getByTestId("uploader-image");
  await expect.poll(() => uploader.getByText("Uploaded: image/png").count()).toBe(1);
  expect(await uploader.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
  return fields;
}

/**
 * Submits the create page at its price of `credits`: the page stays, the new video joins its
 * queue; the video's uuid, from the server's answer.
 */
async function generate(page: Page, credits: number): Promise<string> {
  const answered = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/video/generate") && r.request().method() === "POST",
  );
  await page.getByRole("button", { name: `Generate · ${credits} credits` }).click();
  const { uuid } = ((await (await answered).json()) as { data: { uuid: string } }).data;
  const queue = page.getByRole("region", { name: "Generation queue" });
  await expect.poll(() => queue.getByRole("listitem").count()).toBeGreaterThan(0);
  expect(new URL(page.url()).pathname).toBe("/create");
  return uuid;
}

describe("lip-sync from the create page", () => {
  it("uploads a portrait and an audio, shows the price, holds it, follows it, and the project page shows it", async () => {
    const { context, page } = await fx.signUp("lipsync-browser@example.com");
    const made = await context.request.post(`${fx.app.baseUrl}/api/v1/projects`, {
      data: { name: "Talking heads" },
      headers: { origin: fx.app.baseUrl },
    });
    const projectId = ((await made.json()) as { data: { id: string } }).data.id;
    const rate = await ratePerSecond(context, "high");

    await page.goto(`${fx.app.baseUrl}/create?project=${projectId}`);
    await expect.poll(() => page.getByTestId("project-picker").inputValue()).toBe(projectId);
    const fields = await startLipsync(page, "high");
    await fields.getByRole("textbox", { name: "Title (optional)" }).fill("The portrait speaks");
    await fields.getByText("Upload the audio.").waitFor();

    const completed = page.waitForResponse((r) => r.url().endsWith("/complete") && r.request().method() === "POST");
    await page.locator("#uploader-audio").setInputFiles(audio);
    const done = await completed;
    expect(done.status()).toBe(200);
    const { facts } = ((await done.json()) as { data: { facts: { durationMs: number } } }).data;
    expect(facts.durationMs).toBeGreaterThan(1900);
    const audioUploader = page.getByTestId("uploader-audio");
    await expect.poll(() => audioUploader.getByText(/^Uploaded: audio\//).count()).toBe(1);
    expect(await audioUploader.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");

    // The price: whole seconds of the probed audio (rounded up) at the quality's rate, rounded up.
    const seconds = Math.ceil(Math.round(facts.durationMs) / 1000);
    const credits = Math.max(1, Math.ceil(seconds * rate));
    expect([seconds, credits]).toEqual(facts.durationMs <= 2000 ? [2, 3] : [3, 5]);
    await expect
      .poll(() => fields.getByTestId("lipsync-price").textContent())
      .toBe(`${credits} credits for ${seconds} s of audio`);
    expect(await page.getByTestId("cost").textContent()).toBe(String(credits));
    await screenshot(page, "create-lipsync");
    const uuid = await generate(page, credits);
    await page.goto(`${fx.app.baseUrl}/videos/${uuid}`);

    const held = await getData<{
      mode: string;
      creditsCost: number;
      projectId: string;
      quality: string;
      prompt: string;
    }>(context, `/api/v1/video/${uuid}`);
    expect(held).toMatchObject({
      mode: "LIPSYNC",
      creditsCost: credits,
      projectId,
      quality: "high",
      prompt: "The portrait speaks",
    });

    // Its page shows the provider's progress while it runs, then the source beside the result.
    const bar = page.getByTestId("video-progress").getByRole("progressbar");
    await expect.poll(() => bar.count(), { timeout: 20_000 }).toBe(1);
    const value = Number(await bar.getAttribute("aria-valuenow"));
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(100);
    await expect.poll(() => page.getByTestId("video-status").textContent(), { timeout: 30_000 }).toBe("COMPLETED");
    expect(await page.getByTestId("video-progress").count()).toBe(0);
    const player = page.getByTestId("lipsync-player");
    expect(await player.getByTestId("lipsync-source").locator("img").getAttribute("src")).toBeTruthy();
    await expect.poll(() => player.getByTestId("lipsync-result").getByTestId("player").count()).toBe(1);
    await screenshot(page, "video-lipsync");

    await page.goto(`${fx.app.baseUrl}/projects/${projectId}`);
    const card = page.locator(`[data-testid="project-video"][data-uuid="${uuid}"]`);
    await card.waitFor();
    expect(await card.getByTestId("video-status").textContent()).toBe("COMPLETED");
    expect(await card.textContent()).toContain("The portrait speaks");
    const side = card.getByTestId("lipsync-player");
    const source = side.getByTestId("lipsync-source").locator("img");
    await expect.poll(() => source.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    const result = side.getByTestId("lipsync-result").locator("video");
    expect(await result.getAttribute("src")).toBeTruthy();
    // The result really plays here: the browser reads its length, the audio's.
    await expect
      .poll(() => result.evaluate((v: HTMLVideoElement) => Math.round(v.duration)), { timeout: 15_000 })
      .toBe(2);
    await screenshot(page, "project-lipsync-done");
    await context.close();
  }, 180_000);

  it("prices a script read in a voice by its words, and holds that price", async () => {
    const { context, page } = await fx.signUp("lipsync-script@example.com");
    const rate = await ratePerSecond(context, "ultra");
    await page.goto(`${fx.app.baseUrl}/create`);
    const fields = await startLipsync(page, "ultra");
    await fields.getByRole("radio", { name: "A script, read aloud" }).check();
    const script = "Hello there, this portrait now speaks twelve words of a short script.";
    const seconds = Math.ceil(script.split(" ").length / 2.5);
    expect(seconds).toBe(5);
    await fields.getByRole("textbox", { name: "Script" }).fill(script);
    await fields.locator('select[name="voice"]').selectOption({ label: "Jenny (English, US)" });
    const credits = Math.max(1, Math.ceil(seconds * rate));
    await expect
      .poll(() => fields.getByTestId("lipsync-price").textContent())
      .toBe(`${credits} credits for ${seconds} s of audio`);
    expect(await page.getByTestId("cost").textContent()).toBe(String(credits));
    const before = await getData<{ available: number }>(context, "/api/v1/credit/balance");

    const uuid = await generate(page, credits);
    const held = await getData<{
      creditsCost: number;
      script: string;
      voice: string;
      language: string;
      prompt: string;
    }>(context, `/api/v1/video/${uuid}`);
    expect(held).toMatchObject({ creditsCost: credits, script, voice: "en-female-1", language: "en", prompt: "" });
    const after = await getData<{ available: number }>(context, "/api/v1/credit/balance");
    expect(before.available - after.available).toBe(credits);

    // The list of videos shows its progress too while it runs, and follows it to the end.
    await page.goto(`${fx.app.baseUrl}/videos`);
    const card = page.getByTestId("video-card").first();
    await expect.poll(() => card.getByRole("progressbar").count(), { timeout: 20_000 }).toBe(1);
    expect(Number(await card.getByRole("progressbar").getAttribute("aria-valuenow"))).toBeLessThan(100);
    await expect.poll(() => card.getByTestId("video-status").textContent(), { timeout: 30_000 }).toBe("COMPLETED");
    expect(await card.getByRole("progressbar").count()).toBe(0);
    expect(await card.textContent()).toContain("Untitled lip-sync");
    await context.close();
  }, 120_000);

  it("shows the server's refusal of an audio longer than the model takes, holding nothing", async () => {
    const { context, page } = await fx.signUp("lipsync-long@example.com");
    await page.goto(`${fx.app.baseUrl}/create`);
    const fields = await startLipsync(page, "low");
    const completed = page.waitForResponse((r) => r.url().endsWith("/complete") && r.request().method() === "POST");
    await page.locator("#uploader-audio").setInputFiles(longAudio);
    expect((await completed).status()).toBe(200);
    await expect.poll(() => fields.getByTestId("lipsync-price").textContent()).toMatch(/ for 30[12] s of audio$/);
    const before = await getData<{ available: number }>(context, "/api/v1/credit/balance");
    await page.getByRole("button", { name: /^Generate · \d+ credits$/ }).click();
    // The server's message, as a toast.
    await page.getByText("Lip-sync takes at most 300 seconds of speech.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/create");
    expect((await getData<{ available: number }>(context, "/api/v1/credit/balance")).available).toBe(before.available);
    expect(fx.consoleErrors.splice(0)).toEqual([expect.stringContaining("status of 400 (Bad Request)")]);
    await context.close();
  }, 60_000);
});
