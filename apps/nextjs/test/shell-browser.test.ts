import { describe, expect, test } from "vitest";
import { screenshot } from "./support/browser";
import { browserApp } from "./support/browser-app";

// The signed-in frame in a real browser: the sidebar (collapsible; a sheet at 360 px), the theme
// switch, breadcrumbs, the balance and the keyboard shortcuts.
const ctx = browserApp({ database: "shell_browser" });

const background = (page: import("playwright-core").Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe("the app shell", () => {
  test("the sidebar names every section and collapses to icons, remembered across pages", async () => {
    const { page, context } = await ctx.signUp("shell-sidebar@example.com");
    await page.goto(`${ctx.app.baseUrl}/usage`);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of [
      "Dashboard",
      "Create",
      "My videos",
      "Batches",
      "Projects",
      "Uploads",
      "Usage",
      "Profile",
      "API keys",
      "Webhooks",
      "Billing",
    ]) {
      await expect.poll(() => nav.getByRole("link", { name }).isVisible()).toBe(true);
    }
    expect(await nav.getByRole("link", { name: "Usage" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Admin" }).count()).toBe(0);
    await expect.poll(() => page.getByTestId("shell-balance").textContent()).toBe("50 credits");

    await page.getByRole("button", { name: "Collapse the sidebar" }).click();
    // Collapsed, the names are for screen readers only: the links keep them.
    expect(await nav.getByRole("link", { name: "Batches" }).getAttribute("title")).toBe("Batches");
    await nav.getByRole("link", { name: "Batches" }).click();
    await page.waitForURL("**/batches");
    await page.reload();
    expect(await page.getByRole("button", { name: "Expand the sidebar" }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Expand the sidebar" }).click();
    expect(await page.getByRole("button", { name: "Collapse the sidebar" }).isVisible()).toBe(true);
    await context.close();
  });

  test("at 360 px the sidebar is a sheet that opens, navigates and closes with Escape", async () => {
    const { page, context } = await ctx.signUp("shell-mobile@example.com");
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${ctx.app.baseUrl}/videos`);
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    await page.getByRole("button", { name: "Open the menu" }).click();
    const sheet = page.getByRole("dialog", { name: "Menu" });
    await expect.poll(() => sheet.isVisible()).toBe(true);
    await screenshot(page, "shell-sheet-360");
    await sheet.getByRole("link", { name: "Projects" }).click();
    await page.waitForURL("**/projects");
    await expect.poll(() => sheet.count()).toBe(0);

    await page.getByRole("button", { name: "Open the menu" }).click();
    await expect.poll(() => sheet.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => sheet.count()).toBe(0);
    // Focus goes back to the button that opened it (Radix moves it in a task after the unmount).
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Open the menu");
    await context.close();
  });

  test("the theme follows the system until chosen, then the choice holds across reloads", async () => {
    const { page, context } = await ctx.signUp("shell-theme@example.com");
    await page.goto(`${ctx.app.baseUrl}/create`);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await background(page);
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await background(page);
    expect(dark).not.toBe(light);

    const theme = page.getByRole("radiogroup", { name: "Theme" });
    await theme.getByRole("radio", { name: "Light" }).click();
    expect(await background(page)).toBe(light);
    await page.reload();
    expect(await background(page)).toBe(light);
    expect(
      await page
        .getByRole("radiogroup", { name: "Theme" })
        .getByRole("radio", { name: "Light" })
        .getAttribute("aria-checked"),
    ).toBe("true");

    await page.emulateMedia({ colorScheme: "light" });
    await page.getByRole("radiogroup", { name: "Theme" }).getByRole("radio", { name: "Dark" }).click();
    expect(await background(page)).toBe(dark);
    await page.reload();
    expect(await background(page)).toBe(dark);
    await context.close();
  });

  test("c opens the create page and / the search; typing in a field is left alone", async () => {
    const { page, context } = await ctx.signUp("shell-keys@example.com");
    await page.goto(`${ctx.app.baseUrl}/usage`);
    await page.keyboard.press("c");
    await page.waitForURL("**/create");
    await page.getByLabel("Prompt").fill("a cat");
    await page.getByLabel("Prompt").press("c");
    expect(await page.getByLabel("Prompt").inputValue()).toBe("a catc");
    expect(new URL(page.url()).pathname).toBe("/create");

    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("/");
    await page.waitForURL("**/videos?focus=search");
    await context.close();
  });

  test("a nested page shows where it sits", async () => {
    const { page, context } = await ctx.signUp("shell-crumbs@example.com");
    await page.goto(`${ctx.app.baseUrl}/settings/api-keys`);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
    expect((await crumbs.getByRole("listitem").allTextContents()).map((s) => s.trim())).toEqual([
      "Settings",
      "API keys",
    ]);
    await page.goto(`${ctx.app.baseUrl}/batches/new`);
    await crumbs.getByRole("link", { name: "Batches" }).click();
    await page.waitForURL("**/batches");
    expect(await crumbs.count()).toBe(0);
    await context.close();
  });
});
