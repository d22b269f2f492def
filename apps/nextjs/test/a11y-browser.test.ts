import { readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";

import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { A11Y_PAGES, type A11yPage, type A11ySeed, LOCALES, UNCHECKED_ROUTES } from "./a11y-pages";
import { type AppServer, TEST_SECRETS } from "./support/app-server";
import { recordConsoleErrors, SCREENSHOTS } from "./support/browser";
import { browserApp } from "./support/browser-app";
import { type Caller, callAs, finishedVideos } from "./support/public-videos";

// axe-core on every page of the built app in Debian's chromium: signed out and in, English and
// Chinese, 360 and 1280 px wide, light and dark. Any serious or critical violation fails the page;
// the counts of every impact are printed per page. Each page loads once per sign-in state and
// locale; the widths and themes are switched on the loaded page (a real user's resize or system
// theme change), which keeps the whole file within a few minutes.
const ADMIN = "a11y-admin@videofly.test";
const fx = browserApp({
  database: "vf_a11y_browser",
  env: {
    ADMIN_EMAILS: ADMIN,
    DEMO_PROVIDER_DELAY_MS: "300",
    VIDEO_POLL_INTERVAL_MS: "300",
    // The webhooks page lists an endpoint on this machine (nothing is sent to it: it is made last).
    WEBHOOK_ALLOW_LOOPBACK: "true",
    OUTBOUND_ALLOW_HTTP: "true",
  },
});

type Locale = (typeof LOCALES)[number];
type Impact = "minor" | "moderate" | "serious" | "critical";
const IMPACTS: Impact[] = ["critical", "serious", "moderate", "minor"];
// Ordered so that each step changes one thing; the screenshots are taken at the marked ones.
const VARIANTS = [
  { width: 1280, theme: "light", shot: true },
  { width: 1280, theme: "dark", shot: true },
  { width: 360, theme: "dark", shot: false },
  { width: 360, theme: "light", shot: true },
] as const;

/** Per page: how many violations of each impact, over all its variants, and which rules. */
const tally = new Map<string, { variants: number; impacts: Record<Impact, number>; rules: Set<string> }>();
let seed: A11ySeed;
const contexts = new Map<string, BrowserContext>();
const contextKey = (signedIn: boolean, locale: Locale) => `${signedIn ? "in" : "out"}-${locale}`;

const kling = { model: "kling-2.6", mode: "TEXT_TO_VIDEO", duration: 5, aspectRatio: "16:9", quality: "standard" };

async function created<T>(app: AppServer, owner: Caller, url: string, body: unknown): Promise<T> {
  const { res, body: answer } = await callAs<T>(app, owner, url, { method: "POST", body });
  if (res.status !== 201) throw new Error(`POST ${url} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer.data;
}

/** A finished batch of two, driven by the poll job as the demo provider renders it. */
async function finishedBatch(app: AppServer, owner: Caller): Promise<string> {
  const body = { ...kling, template: "A {animal} at dawn", variables: { animal: ["cat", "fox"] } };
  const { id } = await created<{ id: string }>(app, owner, "/api/v1/batches", body);
  for (let i = 0; i < 200; i += 1) {
    const { body: batch } = await callAs<{ status: string }>(app, owner, `/api/v1/batches/${id}`);
    if (batch.data.status === "completed") return id;
    await fetch(`${app.baseUrl}/api/cron/process-videos`, {
      headers: { authorization: `Bearer ${TEST_SECRETS.CRON_SECRET}` },
    });
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`batch ${id} never finished`);
}

/** The things the pages show: a public finished video, a finished batch, a project, a key, a webhook. */
async function seedThings(app: AppServer, cookie: string): Promise<A11ySeed> {
  const owner = { cookie, userId: "" };
  const [videoUuid = ""] = await finishedVideos(app, owner, ["A lighthouse at dusk, waves breaking"]);
  const batchId = await finishedBatch(app, owner);
  const project = await created<{ id: string }>(app, owner, "/api/v1/projects", { name: "Spring campaign" });
  await created(app, owner, "/api/v1/api-keys", { name: "CI", scopes: ["videos:read"] });
  await created(app, owner, "/api/v1/webhooks", {
    url: "http://127.0.0.1:9/videofly",
    events: ["batch.completed"],
  });
  return { videoUuid, batchId, projectId: project.id };
}

beforeAll(async () => {
  const admin = await fx.signUp(ADMIN);
  const cookies = await admin.context.cookies();
  seed = await seedThings(fx.app, cookies.map((c) => `${c.name}=${c.value}`).join("; "));
  const signedIn = await admin.context.storageState();
  await admin.context.close();
  for (const locale of LOCALES) {
    for (const storageState of [undefined, signedIn]) {
      const context = await fx.browser.newContext({ viewport: { width: 1280, height: 900 }, storageState });
      await context.addCookies([{ name: "locale", value: locale, url: fx.app.baseUrl }]);
      recordConsoleErrors(context, fx.consoleErrors);
      contexts.set(contextKey(storageState !== undefined, locale), context);
    }
  }
}, 120_000);

afterAll(() => {
  const rows = A11Y_PAGES.flatMap(({ name }) => {
    const t = tally.get(name);
    if (!t) return [];
    const figures = [t.variants, ...IMPACTS.map((i) => t.impacts[i])].map((n) => String(n).padStart(9));
    return [`${name.padEnd(20)}${figures.join("")}  ${[...t.rules].sort().join(", ")}`];
  });
  const head = `${"page".padEnd(20)}${["variants", ...IMPACTS].map((h) => h.padStart(9)).join("")}  rules`;
  console.log(`axe violations per page (summed over its variants):\n${head}\n${rows.join("\n")}`);
});

/**
 * Lets a resize or theme switch take effect: frames until no CSS transition runs, for at most 5 s.
 * Our pages run none under reduced motion, but the API reference's script restyles itself on a
 * theme change a moment later, and its own transitions then show the old colours until they end.
 */
const settle = (page: Page) =>
  page.evaluate(async () => {
    const deadline = performance.now() + 5_000;
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const running = document.getAnimations().filter((a) => a instanceof CSSTransition && a.playState === "running");
      if (running.length === 0 || performance.now() > deadline) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });

type NodeResult = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number]["nodes"][number];

/** A node's selector; for a contrast failure also its colours and ratio, which say what to change. */
function describeNode(node: NodeResult): string {
  const target = node.target.join(" ");
  const contrast = node.any.find((check) => check.id === "color-contrast")?.data as
    | { fgColor?: string; bgColor?: string; contrastRatio?: number }
    | undefined;
  return contrast?.fgColor
    ? `${target} (${contrast.fgColor} on ${contrast.bgColor}: ${contrast.contrastRatio})`
    : target;
}

/** Runs axe on `page` in each variant, tallying into `name`'s row; the serious and critical ones, described. */
async function checkVariants(page: Page, name: string, variant: string, shots: boolean): Promise<string[]> {
  const row = tally.get(name) ?? {
    variants: 0,
    impacts: { minor: 0, moderate: 0, serious: 0, critical: 0 },
    rules: new Set(),
  };
  tally.set(name, row);
  const problems: string[] = [];
  for (const { width, theme, shot } of VARIANTS) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await settle(page);
    if (shots && shot) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${theme}-${width}.png`), fullPage: true });
    }
    // Legacy mode runs axe in the page itself; the default opens a new tab to merge every frame's
    // results, which costs more than the run on these pages (none embeds another origin's frame).
    const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    row.variants += 1;
    for (const v of violations) {
      const impact = (v.impact ?? "minor") as Impact;
      row.impacts[impact] += 1;
      row.rules.add(v.id);
      if (impact !== "serious" && impact !== "critical") continue;
      const targets = v.nodes.map(describeNode).join(" | ");
      problems.push(`${name} [${variant}, ${width}px, ${theme}] ${impact} ${v.id}: ${targets}`);
    }
  }
  return problems;
}

/** `p` loaded once as `signedIn` in `locale`, checked in every variant; the serious and critical violations. */
async function checkPage(p: A11yPage, signedIn: boolean, locale: Locale): Promise<string[]> {
  const url = p.path(seed);
  const page = await (contexts.get(contextKey(signedIn, locale)) as BrowserContext).newPage();
  try {
    const response = await page.goto(`${fx.app.baseUrl}${url}`);
    await page.waitForLoadState("networkidle");
    const variant = `${signedIn ? "signed in" : "signed out"}, ${locale}`;
    // A redirect would check some other page under this one's name.
    const landed = new URL(page.url()).pathname;
    if (response?.status() !== 200 || landed !== url.split("?")[0]) {
      return [`${p.name} [${variant}] answered ${response?.status()} at ${landed}`];
    }
    const shots = locale === "en" && signedIn === (p.access !== "public");
    return await checkVariants(page, p.name, variant, shots);
  } finally {
    await page.close();
  }
}

/** Each page's loads: public pages signed out and in, the others signed in; each in both locales. */
const LOADS = A11Y_PAGES.flatMap((p) =>
  (p.access === "public" ? [false, true] : [true]).flatMap((signedIn) =>
    LOCALES.map((locale) => ({ page: p, signedIn, locale })),
  ),
);
// The slowest page (the API reference: a very large document) starts first, so that it is not last.
const ORDERED = [
  ...LOADS.filter((l) => l.page.name === "docs-api"),
  ...LOADS.filter((l) => l.page.name !== "docs-api"),
];

/** Every route of src/app, as the app directory spells it (route groups left out). */
function appRoutes(): string[] {
  const appDir = path.resolve(import.meta.dirname, "../src/app");
  return readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map(
      (file) =>
        `/${path
          .dirname(file)
          .split(path.sep)
          .filter((s) => s !== "." && !/^\(.*\)$/.test(s))
          .join("/")}`,
    )
    .sort();
}

// The loads are checked side by side (each in its own tab): most of their time is the browser
// running axe, and the machine has more than one core for it.
describe.concurrent("accessibility of every page (axe-core)", () => {
  it("checks every page the app has", ({ expect }) => {
    const listed = [...A11Y_PAGES.map((p) => p.route), ...UNCHECKED_ROUTES].sort();
    expect(listed).toEqual(appRoutes());
  });

  for (const { page, signedIn, locale } of ORDERED) {
    const variant = `${signedIn ? "signed in" : "signed out"}, ${locale}`;
    it(`${page.name} (${page.route}, ${variant}) has no serious or critical violation`, async ({ expect }) => {
      expect(await checkPage(page, signedIn, locale)).toEqual([]);
    }, 150_000);
  }
});
