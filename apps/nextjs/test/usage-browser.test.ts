import { adminSeed } from "@videofly/common/testing";
import { pool } from "@videofly/db";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, recordCspViolations, screenshot, signedUpContext } from "./support/browser";
import { baseUrl } from "./support/http";

// The /usage page in a real browser against the shared app: the seeded days are charted with
// Recharts (an svg with bars), the table alternative has the exact figures, and the budget alert
// is saved through the page.
process.env.DATABASE_URL = inject("appDatabaseUrl");

const EMAIL = "usage-browser@example.com";
let browser: Browser;
let csp: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  csp = recordCspViolations(browser);
});
afterAll(async () => {
  await browser?.close();
});

async function seed(userId: string) {
  const s = adminSeed(pool());
  const kie = { model: "kling-2.6", provider: "kie" };
  for (const [createdAt, completedAt] of [
    ["2025-01-06T10:00:00Z", "2025-01-06T10:00:45Z"],
    ["2025-01-06T11:00:00Z", "2025-01-06T11:00:15Z"],
    ["2025-01-08T09:00:00Z", "2025-01-08T09:01:00Z"],
  ] as const) {
    await s.video({ userId, ...kie, status: "COMPLETED", createdAt, startedAt: createdAt, completedAt });
  }
  await s.apiRequest(userId, "2025-01-07T12:00:00Z");
}

describe("the usage page", () => {
  it("charts the seeded days and saves the budget alert", async () => {
    const errors: string[] = [];
    const { context, page } = await signedUpContext(browser, {
      baseUrl: baseUrl(),
      email: EMAIL,
      password: "correct horse battery",
      errors,
    });
    const { rows } = await pool().query<{ id: string }>(`SELECT id FROM "user" WHERE email = $1`, [EMAIL]);
    await seed(rows[0]?.id ?? "");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).click();
    await page.waitForURL("**/usage");
    await page.getByTestId("usage-range-from").fill("2025-01-05");
    await page.getByTestId("usage-range-to").fill("2025-01-09");
    await page.getByTestId("usage-range-apply").click();

    await expect.poll(() => page.getByTestId("usage-total-videos").textContent()).toBe("3");
    expect(await page.getByTestId("usage-total-calls").textContent()).toBe("1");
    expect(await page.getByTestId("usage-total-processing").textContent()).toBe("120 s");
    // Recharts drew the bars: two days with videos (stacked by mode) and one with an API call.
    const videos = page.getByTestId("usage-videos-chart");
    await expect.poll(() => videos.locator("svg .recharts-bar-rectangle path").count()).toBe(2);
    expect(await page.getByTestId("usage-calls-chart").locator("svg .recharts-bar-rectangle path").count()).toBe(1);
    expect(await page.getByTestId("usage-videos-chart-summary").textContent()).toBe(
      "3 in total from 2025-01-05 to 2025-01-09; the busiest day was 2025-01-06 with 2.",
    );
    // The text alternative: every day, every figure.
    await page.getByTestId("usage-table-toggle").click();
    expect(await page.getByTestId("usage-row-2025-01-06").getByRole("cell").allTextContents()).toEqual([
      "2",
      "2",
      "0",
      "0",
      "0",
      "60 s",
      "0",
    ]);
    expect(await page.getByTestId("usage-table").getByRole("row").count()).toBe(6);

    const threshold = page.getByLabel("Alert me when my balance falls below");
    await expect.poll(() => threshold.inputValue()).toBe("10");
    await threshold.fill("25");
    await page.getByTestId("usage-alert-save").click();
    await expect
      .poll(() => page.getByTestId("usage-alert-status").textContent())
      .toBe("Saved: we will alert you below 25 credits.");
    await screenshot(page, "usage");
    await page.reload();
    await expect.poll(() => page.getByLabel("Alert me when my balance falls below").inputValue()).toBe("25");
    const saved = await pool().query<{ creditsLowThreshold: number }>(
      `SELECT "creditsLowThreshold" FROM "user" WHERE email = $1`,
      [EMAIL],
    );
    expect(saved.rows[0]?.creditsLowThreshold).toBe(25);

    // The same page in Chinese: headings, picker and alert translated, the chart still drawn.
    await context.addCookies([{ name: "locale", value: "zh", url: baseUrl() }]);
    await page.reload();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("用量");
    await expect.poll(() => page.getByLabel("当我的余额低于以下数值时提醒我").inputValue()).toBe("25");
    expect(await page.getByText("开始（UTC）").count()).toBe(1);
    await page.getByTestId("usage-range-from").fill("2025-01-05");
    await page.getByTestId("usage-range-to").fill("2025-01-09");
    await page.getByRole("button", { name: "显示" }).click();
    await expect.poll(() => page.getByTestId("usage-total-videos").textContent()).toBe("3");
    await expect.poll(() => page.locator("svg .recharts-bar-rectangle path").count()).toBeGreaterThan(0);

    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
