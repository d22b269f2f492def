import { pool } from "@videofly/db";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, scrollUntilLoaded } from "./support/browser";
import { browserApp } from "./support/browser-app";

// The poster grids in a real browser (Debian's chromium) against the built app and a real worker
// rendering with the demo provider: the videos page's filters kept in its URL and applied again
// after a reload, its next page loaded by scrolling, a poster's video playing on hover and on
// keyboard focus (and not with reduced motion), and the pricing page's credits calculator.
const fx = browserApp({
  env: { DEMO_PROVIDER_DELAY_MS: "500", VIDEO_POLL_INTERVAL_MS: "300", SIGNUP_BONUS_CREDITS: "20" },
});

const MINUTE = 60_000;

/**
 * 30 videos for `email`, clip 1 the newest: every third about a heron, every fifth FAILED, every
 * fourth image-to-video. Written straight to the database: rendering 30 through the demo provider
 * would only slow the test.
 */
async function seedLibrary(email: string) {
  const { rows } = await pool().query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [email]);
  const now = Date.now();
  for (let i = 1; i <= 30; i += 1) {
    await pool().query(
      `INSERT INTO video ("userId", status, model, mode, prompt, duration, "aspectRatio", quality, "creditsCost",
                          "createdAt", "updatedAt")
       VALUES ($1, $2, 'kling-2.6', $3, $4, 5, '16:9', 'standard', 1, $5, $5)`,
      [
        rows[0]?.id,
        i % 5 === 0 ? "FAILED" : "COMPLETED",
        i % 4 === 0 ? "IMAGE_TO_VIDEO" : "TEXT_TO_VIDEO",
        i % 3 === 0 ? `a heron over the lake, take ${i}` : `clip ${i}`,
        new Date(now - i * MINUTE),
      ],
    );
  }
}

const cards = (page: Page) => page.getByTestId("video-card");
const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

describe("the poster grids", () => {
  it("keep the videos page's filters in its URL, apply them after a reload, and load the next page on scroll", async () => {
    const email = "grid-filters@example.com";
    const { context, page } = await fx.signUp(email);
    await seedLibrary(email);
    await page.goto(`${fx.app.baseUrl}/videos`);
    await expect.poll(() => cards(page).count()).toBe(24);

    // Scrolling to the end loads the rest; "Load more" goes once there is nothing after.
    await scrollUntilLoaded(cards(page), 30);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    await screenshot(page, "videos-grid");

    await page.getByRole("searchbox", { name: "Search your prompts" }).fill("heron");
    await expect.poll(() => query(page)).toEqual({ q: "heron" });
    await expect.poll(() => cards(page).count()).toBe(10);
    await page.getByRole("radio", { name: "Failed" }).click();
    await expect.poll(() => query(page)).toEqual({ q: "heron", status: "FAILED" });
    await expect
      .poll(() => cards(page).allTextContents())
      .toEqual(["No videoFAILEDa heron over the lake, take 15", "No videoFAILEDa heron over the lake, take 30"]);

    // A reload (or a shared link) shows the same list, with the controls set as the URL says.
    await page.reload();
    await expect.poll(() => cards(page).count()).toBe(2);
    expect(await page.getByRole("searchbox", { name: "Search your prompts" }).inputValue()).toBe("heron");
    expect(await page.getByRole("radio", { name: "Failed" }).getAttribute("aria-checked")).toBe("true");

    await page.getByLabel("Mode").selectOption("IMAGE_TO_VIDEO");
    await expect.poll(() => query(page)).toEqual({ q: "heron", status: "FAILED", mode: "IMAGE_TO_VIDEO" });
    await page.getByText("No video matches these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => query(page)).toEqual({});
    await expect.poll(() => cards(page).count()).toBe(24);

    // A value the page does not know reads as "all"; the API refuses it with a 400 and a code.
    await page.goto(`${fx.app.baseUrl}/videos?status=BOGUS&mode=IMAGE_TO_VIDEO`);
    await expect.poll(() => cards(page).count()).toBe(7);
    const bad = await context.request.get(`${fx.app.baseUrl}/api/v1/video/list?q=${"x".repeat(101)}`);
    expect(bad.status()).toBe(400);
    await context.close();
  }, 120_000);

  it("focus the search when the shell's search shortcut lands on the videos page", async () => {
    const { context, page } = await fx.signUp("grid-shortcut@example.com");
    await page.goto(`${fx.app.baseUrl}/videos?focus=search`);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
      .toBe("search");
    // Empty, it says what to do.
    expect(
      await page.getByTestId("empty-state").getByRole("link", { name: "Create a video" }).getAttribute("href"),
    ).toBe("/create");
    await context.close();
  }, 60_000);

  it("play a poster's video, muted, on hover and on keyboard focus, and not for reduced motion", async () => {
    const { context, page } = await fx.signUp("grid-hover@example.com");
    const generated = await context.request.post(`${fx.app.baseUrl}/api/v1/video/generate`, {
      data: {
        model: "kling-2.6",
        mode: "TEXT_TO_VIDEO",
        prompt: "a kite over the sea",
        duration: 5,
        aspectRatio: "16:9",
        quality: "standard",
      },
      headers: { origin: fx.app.baseUrl },
    });
    expect(generated.status()).toBe(201);
    await page.goto(`${fx.app.baseUrl}/videos`);
    const card = cards(page).first();
    await expect.poll(() => card.getByTestId("video-status").textContent(), { timeout: 60_000 }).toBe("COMPLETED");
    const video = card.getByTestId("hover-video");
    const state = () =>
      video.evaluate((v: HTMLVideoElement) => ({ playing: !v.paused, muted: v.muted, src: v.currentSrc !== "" }));

    await card.hover();
    await expect.poll(state).toEqual({ playing: true, muted: true, src: true });
    await page.mouse.move(0, 0);
    await expect.poll(() => state().then((s) => s.playing)).toBe(false);

    await card.getByRole("link").focus();
    await expect.poll(() => state().then((s) => s.playing)).toBe(true);
    await page.keyboard.press("Tab");
    await expect.poll(() => state().then((s) => s.playing)).toBe(false);

    await page.emulateMedia({ reducedMotion: "reduce" });
    await card.hover();
    await card.getByRole("link").focus();
    expect(await card.getAttribute("data-playing")).toBe("false");
    expect((await state()).playing).toBe(false);
    await context.close();
  }, 120_000);

  it("price videos with the pricing page's calculator, from the same price list the server charges", async () => {
    const page = await fx.browser.newPage();
    await page.goto(`${fx.app.baseUrl}/pricing`);
    const headline = page.getByTestId("calculator-headline");
    // Kling 2.6, text to video, standard, 5 s: 1 credit a video; the entry plan's 600 credits buy 600.
    await expect.poll(() => headline.textContent()).toBe("600 credits ≈ 600 Kling 2.6 5 s videos.");
    await page.getByLabel("Quality").selectOption("high");
    await expect.poll(() => headline.textContent()).toBe("600 credits ≈ 300 Kling 2.6 5 s videos.");
    await page.getByLabel("Model").selectOption("sora-2");
    await page.getByLabel("Length").selectOption("12");
    await page.getByLabel("Quality").selectOption("1080p");
    // 12 s at 2 credits a second.
    await expect.poll(() => page.getByText(/^One 12 s Sora 2 video costs/).textContent()).toMatch(/costs 24 credits\./);
    await screenshot(page, "pricing-calculator");
    await page.close();
  }, 60_000);
});
