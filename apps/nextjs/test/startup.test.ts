import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { describe, expect, inject, it } from "vitest";
import { startAppServer, startAppServerExpectingExit } from "./support/app-server";

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
