import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { type AppServer, startAppServer } from "./app-server";
import { launchBrowser, recordCspViolations, signedUpContext } from "./browser";
import { startWorker, type WorkerProcess } from "./worker";

export const PASSWORD = "correct horse battery";

/**
 * What a file of page tests shares: the built app and a real worker on `env`, over a database of
 * the file's own (`database`: a fresh clone of the template under that name; else the one the
 * setup file gave it), and Chromium. After each test no CSP violation and no console error may be
 * left (a test that expects one takes it out of `consoleErrors`); everything stops after the file.
 */
export function browserApp(options: { database?: string; env?: Record<string, string> }) {
  let app: AppServer | undefined;
  let worker: WorkerProcess | undefined;
  let browser: Browser | undefined;
  let databaseUrl: string | undefined;
  let cspViolations: string[] = [];
  const consoleErrors: string[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`);
    return value;
  };

  beforeAll(async () => {
    databaseUrl = options.database
      ? await createDatabaseFromTemplate(inject("templateDatabaseUrl"), options.database)
      : undefined;
    const env = { DATABASE_URL: databaseUrl ?? process.env.DATABASE_URL ?? "", ...options.env };
    app = await startAppServer(env);
    worker = startWorker(app, env);
    browser = await launchBrowser();
    cspViolations = recordCspViolations(browser);
  }, 120_000);

  afterEach(() => {
    expect(cspViolations.splice(0)).toEqual([]);
    expect(consoleErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await app?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
  });

  return {
    get app() {
      return started(app, "the app");
    },
    get browser() {
      return started(browser, "the browser");
    },
    consoleErrors,
    /**
     * A new signed-up, verified user's desktop context, its console errors recorded; on this file's
     * app, or on `baseUrl` (a second app a test starts itself).
     */
    signUp(email: string, baseUrl?: string): Promise<{ context: BrowserContext; page: Page }> {
      const url = baseUrl ?? started(app, "the app").baseUrl;
      const errors = consoleErrors;
      return signedUpContext(started(browser, "the browser"), { baseUrl: url, email, password: PASSWORD, errors });
    },
  };
}
