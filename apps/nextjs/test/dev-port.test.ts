import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { listOutbox } from "@videofly/common";
import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";

// Development as a newcomer runs it: on a port that is not 3000, no BETTER_AUTH_URL or APP_URL,
// no SMTP server (mail goes to the outbox directory and /dev/mail).
let app: AppServer;
let databaseUrl: string;
const outbox = mkdtempSync(path.join(tmpdir(), "videofly-outbox-"));

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_dev_port");
  app = await startAppServer({
    DATABASE_URL: databaseUrl,
    NODE_ENV: "development",
    BETTER_AUTH_URL: "",
    APP_URL: "",
    SMTP_URL: "",
    MAIL_FROM: "",
    MAIL_OUTBOX_DIR: outbox,
  });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

describe("development on another port", () => {
  it("accepts sign-ups from 127.0.0.1 and localhost on the served port; mail links point at it", async () => {
    const port = new URL(app.baseUrl).port;
    expect(port).not.toBe("3000");
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const email = `dev-${new URL(origin).hostname}@example.com`;
      const res = await fetch(`${app.baseUrl}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin },
        body: JSON.stringify({ email, password: "correct horse battery", name: "dev" }),
      });
      expect(res.status, `${origin}: ${await res.clone().text()}`).toBe(200);
      const mail = (await listOutbox(outbox)).find((m) => m.to === email);
      expect(mail?.links[0]?.startsWith(`${app.baseUrl}/api/auth/verify-email?token=`), mail?.links[0]).toBe(true);
    }
    const foreign = await fetch(`${app.baseUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example:3000" },
      body: JSON.stringify({ email: "dev-evil@example.com", password: "correct horse battery", name: "x" }),
    });
    expect(foreign.status).toBe(403);
  });

  it("lists the outbox at /dev/mail, whose link verifies in one more click", async () => {
    const page = await fetch(`${app.baseUrl}/dev/mail`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const mail = (await listOutbox(outbox)).find((m) => m.to === "dev-127.0.0.1@example.com");
    const link = mail?.links[0] ?? "";
    expect(html).toContain(link.replaceAll("&", "&amp;"));
    const verified = await fetch(link, { redirect: "manual" });
    expect(verified.status).toBe(302);
    const cookie = verified.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const balance = await fetch(`${app.baseUrl}/api/v1/credit/balance`, { headers: { cookie } });
    expect(((await balance.json()) as { data: { available: number } }).data.available).toBe(50);
  });
});
