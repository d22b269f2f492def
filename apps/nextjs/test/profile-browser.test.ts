import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { screenshot } from "./support/browser";
import { browserApp, PASSWORD } from "./support/browser-app";
import { mailTo } from "./support/http";

// The profile page in a real browser: the name saved through Better Auth, the password changed
// (the old one refused afterwards, the new one signing in), and the account deleted from a dialog,
// with its password or, for an account without one, on the strength of a fresh sign-in.
const fx = browserApp({ database: "profile_browser" });

/** Signs in through the page in a fresh context; whether it reached the dashboard. */
async function signsIn(email: string, password: string): Promise<boolean> {
  const context = await fx.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${fx.app.baseUrl}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const landed = await Promise.race([
      page.waitForURL("**/dashboard").then(() => true),
      page
        .locator("form")
        .getByRole("alert")
        .waitFor()
        .then(() => false),
    ]);
    return landed;
  } finally {
    await context.close();
  }
}

const me = (page: Page) => page.request.get(`${fx.app.baseUrl}/api/v1/user/me`);

describe("the profile page", () => {
  test("saves the name and changes the password, refusing a wrong current one", async () => {
    const email = "profile-owner@example.com";
    const { page, context } = await fx.signUp(email);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Profile" }).click();
    await page.waitForURL("**/settings/profile");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Profile");
    expect(await page.getByTestId("profile-email").textContent()).toBe(email);
    expect(await page.getByText("Verified", { exact: true }).count()).toBe(1);

    const details = page.getByRole("region", { name: "Your details" });
    const password = page.getByRole("region", { name: "Password" });
    const name = page.getByLabel("Name");
    await name.fill("Ada Lovelace");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect.poll(() => details.getByRole("status").textContent()).toBe("Your name is saved.");
    expect((await (await me(page)).json()).data.name).toBe("Ada Lovelace");
    await page.reload();
    expect(await page.getByLabel("Name").inputValue()).toBe("Ada Lovelace");

    const newPassword = "a brand new passphrase";
    await page.getByLabel("Current password").fill("not the password");
    await page.getByLabel("New password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => password.getByRole("alert").textContent()).toBe("That is not your current password.");
    // The browser logs the refused request; it is this test's own.
    expect(fx.consoleErrors.splice(0)).toEqual([expect.stringContaining("status of 400")]);
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => password.getByRole("status").textContent()).toBe("Your password is changed.");
    await screenshot(page, "profile");
    // This session stays signed in; the old password no longer opens the account, the new one does.
    expect((await me(page)).status()).toBe(200);
    expect(await signsIn(email, PASSWORD)).toBe(false);
    expect(await signsIn(email, newPassword)).toBe(true);
    await context.close();
  }, 90_000);

  test("deletes the account after the password is confirmed in a dialog", async () => {
    const email = "profile-leaver@example.com";
    const { page, context } = await fx.signUp(email);
    await page.goto(`${fx.app.baseUrl}/settings/profile`);
    await page.getByRole("button", { name: "Delete my account…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account for good?" });
    await dialog.getByLabel("Password").fill("not the password");
    await dialog.getByRole("button", { name: "Delete the account" }).click();
    await expect.poll(() => dialog.getByRole("alert").count()).toBe(1);
    expect(fx.consoleErrors.splice(0)).toEqual([expect.stringMatching(/status of 4\d\d/)]);
    expect((await me(page)).status()).toBe(200);

    // Escape closes it with nothing done; the account is deleted on the second try.
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByRole("button", { name: "Delete my account…" }).click();
    await dialog.getByLabel("Password").fill(PASSWORD);
    await dialog.getByRole("button", { name: "Delete the account" }).click();
    await page.waitForURL(`${fx.app.baseUrl}/`);
    expect((await me(page)).status()).toBe(401);
    expect(await signsIn(email, PASSWORD)).toBe(false);
    await context.close();
  }, 90_000);

  test("an account made by an email link has no password to change, and deletes itself after that sign-in", async () => {
    const email = "profile-linked@example.com";
    const asked = await fetch(`${fx.app.baseUrl}/api/auth/sign-in/magic-link`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: fx.app.baseUrl },
      body: JSON.stringify({ email, callbackURL: "/settings/profile" }),
    });
    expect(asked.status).toBe(200);
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    await page.goto((await mailTo(email, /sign-in link/)).link);
    await page.waitForURL("**/settings/profile");
    expect(await page.getByTestId("no-password").textContent()).toBe(
      "You sign in with an email link: this account has no password to change.",
    );
    expect(await page.getByRole("region", { name: "Password" }).count()).toBe(0);

    await page.getByRole("button", { name: "Delete my account…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account for good?" });
    await expect.poll(() => dialog.getByText(/sign-in within the last 10 minutes/).count()).toBe(1);
    expect(await dialog.getByLabel("Password").count()).toBe(0);
    await dialog.getByRole("button", { name: "Delete the account" }).click();
    await page.waitForURL(`${fx.app.baseUrl}/`);
    expect((await me(page)).status()).toBe(401);
    await context.close();
  }, 90_000);
});
