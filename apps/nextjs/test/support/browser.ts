import { mkdirSync } from "node:fs";
import path from "node:path";
import { CHROMIUM, findDebianPackage, systemHost } from "@videofly/common/testing";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { mailTo } from "./http";

/** Where browser tests leave their screenshots (the README names it; CI uploads it). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../../../artifacts/screenshots");

/** Debian's chromium, headless, with the network chatter this closed machine refuses turned off. */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    // `pnpm test` made sure of it (scripts/ensure-test-tools.ts); run alone, a test says how to get one.
    executablePath: findDebianPackage(CHROMIUM, systemHost()),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

/**
 * Scrolls a poster grid's last item into view until the grid holds `count` items: its infinite
 * scroll loads the next pages by itself. (A reload restores the scroll position, so a page may
 * already be loading: a "Load more" button found a moment ago may be gone.)
 */
export async function scrollUntilLoaded(items: Locator, count: number) {
  await expect
    .poll(async () => {
      await items.last().scrollIntoViewIfNeeded();
      return items.count();
    })
    .toBe(count);
}

/**
 * Collects every console message about the Content Security Policy from the pages of every
 * context `browser` opens from now on (`browser.newPage` opens one too), so that tests can prove
 * the app works under its policy. Each entry starts with the URL of the page that logged it.
 */
export function recordCspViolations(browser: Browser): string[] {
  const seen: string[] = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) seen.push(`${message.page()?.url()}: ${message.text()}`);
    });
    return context;
  };
  return seen;
}

/**
 * Signs up through the page and follows the mailed verification link, as a new user does: signed
 * in, verified (the bonus, and the admin role for a listed address), on /dashboard (the home after sign-in).
 */
export async function signUpVerifiedInBrowser(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL("**/dashboard");
  await page.goto((await mailTo(email, /Verify your email/)).link);
  await page.waitForURL("**/dashboard");
}

/** Every console error and uncaught exception of `context`'s pages, each pushed onto `errors`. */
export function recordConsoleErrors(context: BrowserContext, errors: string[]) {
  context.on("console", (m) => {
    if (m.type() !== "error") return;
    errors.push(`${m.page()?.url()}: ${m.text()} (${m.location().url})`);
  });
  context.on("weberror", (e) => errors.push(`uncaught: ${e.error().message}`));
}

/**
 * A new desktop-sized context, its console errors recorded into `errors`, signed up and verified
 * as `email` (see signUpVerifiedInBrowser); `permissions` are granted to the app's origin.
 */
export async function signedUpContext(
  browser: Browser,
  user: { baseUrl: string; email: string; password: string; errors: string[]; permissions?: string[] },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (user.permissions) await context.grantPermissions(user.permissions, { origin: user.baseUrl });
  recordConsoleErrors(context, user.errors);
  const page = await context.newPage();
  await signUpVerifiedInBrowser(page, user.baseUrl, user.email, user.password);
  return { context, page };
}
