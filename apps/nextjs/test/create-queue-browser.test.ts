import { describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { browserApp } from "./support/browser-app";

// The create page's generation queue in a real browser, against the built app and a real worker
// (the demo provider, slow enough to be seen running): a submitted video stays on the page,
// running, until it finishes into its poster; a second one while it runs is refused with a toast
// (one at a time here), and the next one shows the model's median so far.
const fx = browserApp({
  database: "vf_create_queue_browser",
  env: {
    DEMO_PROVIDER_DELAY_MS: "3000",
    VIDEO_POLL_INTERVAL_MS: "300",
    VIDEO_MAX_CONCURRENT: "1",
    SIGNUP_BONUS_CREDITS: "20",
  },
});

describe("the generation queue on the create page", () => {
  it("shows a submitted video running, refuses a second at the limit with a toast, and finishes into a poster", async () => {
    const { context, page } = await fx.signUp("create-queue@example.com");
    await page.goto(`${fx.app.baseUrl}/create`);
    const queue = page.getByRole("region", { name: "Generation queue" });
    await queue.getByText(/^Nothing running\./).waitFor();

    // An example fills the prompt, counted against the API's limit.
    await page.getByRole("button", { name: "Paper plane" }).click();
    const prompt = await page.getByLabel("Prompt").inputValue();
    expect(prompt).toContain("paper plane");
    await page.getByText(`${prompt.length} / 2000`).waitFor();
    await page.getByRole("button", { name: "Generate · 1 credit" }).click();

    const item = queue.getByRole("listitem");
    await expect.poll(() => item.count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe("/create");
    expect(await item.getAttribute("data-status")).toMatch(/^(PENDING|GENERATING|UPLOADING)$/);
    await item.getByText(/^\d+:\d\d elapsed$/).waitFor();
    await expect.poll(() => page.getByTestId("available").textContent()).toBe("19");
    // The header's balance says the same, without a page change.
    await expect.poll(() => page.getByTestId("shell-balance").textContent()).toBe("19 credits");
    await screenshot(page, "create-queue-running");

    // One at a time here: the server's refusal, as a toast saying what to do.
    await page.getByRole("button", { name: "Fox in snow" }).click();
    await page.getByRole("button", { name: "Generate · 1 credit" }).click();
    await page.getByText("At most 1 generation can run at once.").waitFor();
    await page.getByText("Wait for a slot: the queue shows when a running video finishes.").waitFor();
    expect(fx.consoleErrors.splice(0)).toEqual([expect.stringContaining("status of 429")]);

    // Finished: its poster, the way to its page.
    await expect.poll(() => item.getAttribute("data-status"), { timeout: 30_000 }).toBe("COMPLETED");
    expect(await item.getByText("Ready", { exact: true }).count()).toBe(1);
    await item.getByText(/^took \d+:\d\d$/).waitFor();
    const poster = item.getByRole("img", { name: /^Poster of the video: A paper plane/ });
    await expect
      .poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
        timeout: 15_000,
      })
      .toBe(true);
    await screenshot(page, "create-queue-done");

    // The next one of the same model: the estimate is the median of the one that finished.
    await page.getByRole("button", { name: "Generate · 1 credit" }).click();
    await expect.poll(() => item.count()).toBe(2);
    await item
      .first()
      .getByText(/^usually \d+:\d\d$/)
      .waitFor();

    await item
      .nth(1)
      .getByRole("link", { name: /^Open the video: A paper plane/ })
      .click();
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/);
    await context.close();
  }, 120_000);
});
