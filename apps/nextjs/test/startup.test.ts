import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getBalance, grantCredits } from "@videofly/common";
import { db } from "@videofly/db";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { describe, expect, inject, it } from "vitest";
import { startAppServer, startAppServerExpectingExit, TEST_SECRETS } from "./support/app-server";

describe("server start-up", () => {
  it("answers 503 from /health when the database is down, and 404 from an unconfigured Creem webhook", async () => {
    const app = await startAppServer({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" });
    try {
      const res = await fetch(`${app.baseUrl}/api/v1/health`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; details: unknown } };
      expect(body.error).toMatchObject({ code: "E5030", details: { database: "down" } });
      // Without Creem configured the webhook accepts nothing.
      const webhook = await fetch(`${app.baseUrl}/api/auth/creem/webhook`, { method: "POST", body: "{}" });
      expect(webhook.status).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it("refuses to start without a required variable, naming it", async () => {
    const url = await createDatabaseFromTemplate(inject("templateDatabaseUrl"));
    try {
      const { code, output } = await startAppServerExpectingExit({ DATABASE_URL: url, BETTER_AUTH_SECRET: "" });
      expect(code).not.toBe(0);
      expect(output).toContain("BETTER_AUTH_SECRET");
    } finally {
      await dropDatabase(url);
    }
  });

  it("refuses to start in production without SMTP_URL, naming it", async () => {
    const url = await createDatabaseFromTemplate(inject("templateDatabaseUrl"));
    try {
      const { code, output } = await startAppServerExpectingExit({ DATABASE_URL: url, SMTP_URL: "" });
      expect(code).not.toBe(0);
      expect(output).toContain("SMTP_URL is required in production");
    } finally {
      await dropDatabase(url);
    }
  });

  it("refuses to start without DATABASE_URL", async () => {
    const { code, output } = await startAppServerExpectingExit({});
    expect(code).not.toBe(0);
    expect(output).toContain("DATABASE_URL");
  });
});

describe("production without a video provider", () => {
  it("starts with a warning, and generation answers 503 E5030 naming the variables, holding nothing", async () => {
    // The file's own database (the setup file points DATABASE_URL at it); no provider key, no DEMO_PROVIDER.
    const app = await startAppServer({ DATABASE_URL: process.env.DATABASE_URL ?? "", DEMO_PROVIDER: "" });
    try {
      const warning = app
        .output()
        .split("\n")
        .filter((line) => line.includes('"event":"server.no_video_provider"'));
      expect(warning).toHaveLength(1);
      expect(JSON.parse(warning[0] ?? "{}")).toMatchObject({ level: "warn" });
      expect(warning[0]).toContain(
        "KIE_API_KEY, EVOLINK_API_KEY, REPLICATE_API_TOKEN, HEYGEN_API_KEY or DID_API_KEY, or DEMO_PROVIDER=on",
      );

      const email = `no-provider-${randomUUID().slice(0, 8)}@example.com`;
      const signUp = await fetch(`${app.baseUrl}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.baseUrl },
        body: JSON.stringify({ email, password: "correct horse battery", name: "n" }),
      });
      expect(signUp.status).toBe(200);
      const cookie = signUp.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const { user } = (await signUp.json()) as { user: { id: string } };
      await grantCredits({
        userId: user.id,
        source: "PURCHASE",
        grantKey: `test:${user.id}`,
        credits: 20,
        expiresAt: null,
      });
      const before = await getBalance(user.id);

      const res = await fetch(`${app.baseUrl}/api/v1/video/generate`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.baseUrl, cookie },
        body: JSON.stringify({
          model: "kling-2.6",
          mode: "TEXT_TO_VIDEO",
          prompt: "a paper plane",
          duration: 5,
          aspectRatio: "16:9",
          quality: "standard",
        }),
      });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
      expect(body.error).toMatchObject({
        code: "E5030",
        details: {
          variables: [
            "KIE_API_KEY",
            "EVOLINK_API_KEY",
            "REPLICATE_API_TOKEN",
            "HEYGEN_API_KEY",
            "DID_API_KEY",
            "DEMO_PROVIDER",
          ],
        },
      });
      expect(body.error.message).toContain(
        "set KIE_API_KEY, EVOLINK_API_KEY, REPLICATE_API_TOKEN, HEYGEN_API_KEY or DID_API_KEY, or DEMO_PROVIDER=on",
      );

      expect(await getBalance(user.id)).toEqual(before);
      expect(before).toMatchObject({ frozen: 0 });
      expect(await db().video.count({ where: { userId: user.id } })).toBe(0);
      expect(await db().creditHold.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      await app.stop();
    }
  });
});

/** The lines in which the server names a configuration problem. */
const configErrors = (output: string) => output.split("\n").filter((line) => line.startsWith("[videofly] Invalid "));

describe("configuration that loses money fails at start", () => {
  it.each([
    ["CREEM_API_KEY without CREEM_WEBHOOK_SECRET", "CREEM_WEBHOOK_SECRET", { CREEM_API_KEY: "creem_live_key" }],
    ["no APP_URL", "APP_URL", { APP_URL: "" }],
    ["no BETTER_AUTH_URL", "BETTER_AUTH_URL", { BETTER_AUTH_URL: "" }],
    ["the local storage driver on Vercel", "STORAGE_DRIVER", { VERCEL: "1" }],
    ["the local driver on a Vercel preview", "STORAGE_DRIVER", { VERCEL_ENV: "preview", STORAGE_DRIVER: "local" }],
  ])("refuses %s, in one line naming %s", async (_, variable, env) => {
    const { code, output } = await startAppServerExpectingExit({
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      ...env,
    });
    expect(code).not.toBe(0);
    const lines = configErrors(output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`configuration: ${variable}: `));
  });
});

/** The variables of the README's production table, the one list of what production needs. */
function readmeProductionVariables(): string[] {
  const readme = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");
  const table = /<!-- production-variables:start -->([\s\S]*?)<!-- production-variables:end -->/.exec(readme)?.[1];
  if (!table) throw new Error("README.md has no production-variables table");
  return [...table.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1] ?? "");
}

describe("the README's production variables", () => {
  const variables = readmeProductionVariables();
  // A value for each documented variable; a variable the README adds needs one here.
  const values: Record<string, string> = {
    DATABASE_URL: process.env.DATABASE_URL ?? "",
    BETTER_AUTH_SECRET: TEST_SECRETS.BETTER_AUTH_SECRET,
    BETTER_AUTH_URL: "https://videofly.example",
    APP_URL: "https://videofly.example",
    CRON_SECRET: TEST_SECRETS.CRON_SECRET,
    VIDEO_CALLBACK_SECRET: TEST_SECRETS.VIDEO_CALLBACK_SECRET,
    STORAGE_SIGNING_SECRET: TEST_SECRETS.STORAGE_SIGNING_SECRET,
    SMTP_URL: inject("smtpUrl"),
    MAIL_FROM: "VideoFly <no-reply@videofly.example>",
  };
  const documented = () => Object.fromEntries(variables.map((name) => [name, values[name] ?? ""]));

  it("are enough: the built app starts with exactly them and a database, and /health answers 200", async () => {
    expect(variables.filter((name) => !values[name])).toEqual([]);
    const app = await startAppServer(documented(), { bare: true });
    try {
      const res = await fetch(`${app.baseUrl}/api/v1/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ data: { status: "ok", database: "up" } });
    } finally {
      await app.stop();
    }
  });

  it("are each needed: without any one of them the start fails in one line naming it", async () => {
    const results = await Promise.all(
      variables.map(async (name) => {
        const env = documented();
        delete env[name];
        const { code, output } = await startAppServerExpectingExit(env, 30_000, { bare: true });
        return { name, code, lines: configErrors(output) };
      }),
    );
    for (const { name, code, lines } of results) {
      expect(code, name).not.toBe(0);
      expect(lines, name).toHaveLength(1);
      expect(lines[0], name).toContain(`${name}: `);
    }
  });
});
