import { pool } from "@videofly/db";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "./support/browser";
import { browserApp } from "./support/browser-app";

// The project pages in a real browser (Debian's chromium), against the built app and a real worker
// rendering with the demo provider: a project made on /projects, a video started in it from the
// create page, shown with its history on the project page; renaming; the list's search, layout and
// bulk delete.
const PROJECT_URL = /\/projects\/prj_[0-9a-f]{32}$/;
// A 1×1 PNG.
const PORTRAIT =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const fx = browserApp({
  // This file's own database: the test seeds what the pages cannot make yet (a lip-sync).
  env: { DEMO_PROVIDER_DELAY_MS: "1000", VIDEO_POLL_INTERVAL_MS: "300", SIGNUP_BONUS_CREDITS: "20" },
});

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

describe("the project pages", () => {
  it("send anonymous visitors to sign in", async () => {
    const page = await fx.browser.newPage();
    for (const path of ["/projects", "/projects/prj_00000000000000000000000000000000"]) {
      await page.goto(`${fx.app.baseUrl}${path}`);
      await page.waitForURL("**/sign-in");
    }
    await page.close();
  });

  it("make a project, start a video in it from the create page, show it with its history, and rename it", async () => {
    const { context, page } = await fx.signUp("projects-owner@example.com");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
    await page.waitForURL("**/projects");
    await page.getByText("No projects yet.").waitFor();
    await page.getByTestId("new-project-name").fill("Lighthouse campaign");
    await page.getByTestId("new-project").click();
    await page.waitForURL(PROJECT_URL);
    const id = page.url().split("/").pop() ?? "";
    expect(await text(page, "project-title")).toBe("Lighthouse campaign");
    await page.getByText("No videos in this project yet.").waitFor();

    await page.getByTestId("project-new-video").click();
    await page.waitForURL(`**/create?project=${id}`);
    await expect.poll(() => page.getByTestId("project-picker").inputValue()).toBe(id);
    await expect
      .poll(() => page.getByTestId("project-picker").locator("option:checked").textContent())
      .toBe("Lighthouse campaign");
    await expect.poll(() => page.getByTestId("cost").textContent()).toBe("1");
    await page.getByLabel("Prompt").fill("a lighthouse in a storm");
    await screenshot(page, "create-in-project");
    // The create page stays (the video joins its queue): the uuid is in the server's answer.
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/v1/video/generate"));
    await page.getByRole("button", { name: "Generate · 1 credit" }).click();
    const { uuid } = ((await (await answered).json()) as { data: { uuid: string } }).data;

    await page.goto(`${fx.app.baseUrl}/projects/${id}`);
    const card = page.locator(`[data-testid="project-video"][data-uuid="${uuid}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain("a lighthouse in a storm");
    // The page follows the video by itself until it is done.
    await expect.poll(() => card.getByTestId("video-status").textContent(), { timeout: 30_000 }).toBe("COMPLETED");
    await expect
      .poll(() =>
        page
          .getByTestId("project-history")
          .locator("li")
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-kind"))),
      )
      .toEqual(["completed", "started", "created"]);
    await expect
      .poll(() => text(page, "project-counts"))
      .toContain("1 video · 0 running · 1 done · 0 failed · 1 credit spent");
    await screenshot(page, "project");

    await page.getByTestId("project-edit").click();
    await page.getByTestId("project-name-input").fill("Lighthouse campaign 2027");
    await page.getByTestId("project-description-input").fill("Storm shots for the spring ads");
    await page.getByTestId("project-save").click();
    await expect.poll(() => text(page, "project-title")).toBe("Lighthouse campaign 2027");
    await page.reload();
    await expect.poll(() => text(page, "project-description")).toBe("Storm shots for the spring ads");
    expect(await text(page, "project-title")).toBe("Lighthouse campaign 2027");

    // A lip-sync shows its source (here a portrait) beside its result; a failed one has no result.
    await pool().query(
      `INSERT INTO video ("userId", status, model, mode, prompt, duration, "aspectRatio", quality, "creditsCost",
                          "imageUrl", "projectId", "errorCode", "updatedAt")
       SELECT "userId", 'FAILED', model, 'LIPSYNC', 'a portrait that speaks', duration, "aspectRatio", quality, 0,
              $2, $3, 'E5001', now()
         FROM video WHERE uuid = $1`,
      [uuid, PORTRAIT, id],
    );
    await page.reload();
    const player = page.getByTestId("lipsync-player");
    await player.waitFor();
    expect(await player.locator("img").getAttribute("src")).toBe(PORTRAIT);
    expect(await player.textContent()).toContain("No video");
    await expect
      .poll(() => page.getByTestId("project-history").locator("li").first().getAttribute("data-kind"))
      .toBe("failed");
    await screenshot(page, "project-lipsync");
    await context.close();
  }, 120_000);

  it("list projects as a grid or a list, search them, and delete several keeping their videos", async () => {
    const { context, page } = await fx.signUp("projects-list@example.com");
    const made: string[] = [];
    for (const name of ["Alpha", "Beta", "Gamma"]) {
      const res = await context.request.post(`${fx.app.baseUrl}/api/v1/projects`, {
        data: { name },
        headers: { origin: fx.app.baseUrl },
      });
      made.push(((await res.json()) as { data: { id: string } }).data.id);
    }
    await page.goto(`${fx.app.baseUrl}/create?project=${made[0]}`);
    await expect.poll(() => page.getByTestId("project-picker").inputValue()).toBe(made[0]);
    // "New project…" in the picker makes one and chooses it.
    await page.getByTestId("project-picker").selectOption("__new__");
    await page.getByTestId("picker-new-name").fill("Delta");
    await page.getByTestId("picker-create").click();
    await expect.poll(() => page.getByTestId("project-picker").locator("option:checked").textContent()).toBe("Delta");

    await page.goto(`${fx.app.baseUrl}/projects`);
    const names = () => page.getByTestId("project-name").allTextContents();
    await expect.poll(names).toEqual(["Delta", "Gamma", "Beta", "Alpha"]);
    expect(await page.getByTestId("projects").getAttribute("data-layout")).toBe("grid");
    await page.getByTestId("layout-toggle").click();
    expect(await page.getByTestId("projects").getAttribute("data-layout")).toBe("list");
    await page.getByTestId("project-search").fill("ta");
    await expect.poll(names).toEqual(["Delta", "Beta"]);
    await page.getByTestId("project-search").fill("");
    await expect.poll(names).toEqual(["Delta", "Gamma", "Beta", "Alpha"]);
    await page.getByRole("radio", { name: "Active" }).click();
    await page.getByText("No project matches.").waitFor();
    await page.getByRole("radio", { name: "All" }).click();
    await expect.poll(names).toHaveLength(4);

    const generated = await context.request.post(`${fx.app.baseUrl}/api/v1/video/generate`, {
      data: {
        model: "kling-2.6",
        prompt: "kept when Gamma goes",
        duration: 5,
        quality: "standard",
        projectId: made[2],
      },
      headers: { origin: fx.app.baseUrl },
    });
    const keptUuid = ((await generated.json()) as { data: { uuid: string } }).data.uuid;
    await page.getByLabel("Select Gamma").check();
    await page.getByLabel("Select Alpha").check();
    await expect.poll(() => text(page, "bulk-bar")).toContain("2 projects selected");
    await screenshot(page, "projects");
    await page.getByTestId("bulk-delete").click();
    await page.getByTestId("bulk-confirm").click();
    await expect.poll(names).toEqual(["Delta", "Beta"]);
    expect(await page.getByTestId("bulk-bar").count()).toBe(0);
    const kept = await context.request.get(`${fx.app.baseUrl}/api/v1/video/${keptUuid}`);
    expect([kept.status(), ((await kept.json()) as { data: { projectId: string | null } }).data.projectId]).toEqual([
      200,
      null,
    ]);
    await context.close();
  }, 90_000);

  it("load more projects as the list scrolls", async () => {
    const { context, page } = await fx.signUp("projects-scroll@example.com");
    for (let i = 1; i <= 30; i += 1) {
      await context.request.post(`${fx.app.baseUrl}/api/v1/projects`, {
        data: { name: `Project ${i}` },
        headers: { origin: fx.app.baseUrl },
      });
    }
    await page.goto(`${fx.app.baseUrl}/projects`);
    const cards = page.getByTestId("project-card");
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(24);
    await cards.last().scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, 5000);
    await expect.poll(() => cards.count()).toBe(30);
    expect(await page.getByTestId("project-name").last().textContent()).toBe("Project 1");
    await context.close();
  }, 90_000);
});
