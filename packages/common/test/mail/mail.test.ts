import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { createMailer, listOutbox, mailConfig } from "../../src/mail/index.ts";
import { lastMailTo, type SmtpCapture, startSmtpCapture } from "../../src/testing/index.ts";

const message = {
  to: "newcomer@example.com",
  subject: "Verify your email",
  text: "Open this link: http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=%2F\n",
  html: '<p><a href="http://localhost:3000/api/auth/verify-email?token=abc&amp;callbackURL=%2F">Verify</a></p>',
};

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("info", { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe("mail outbox (development without SMTP_URL)", () => {
  it("writes each mail as a parseable .eml named <timestamp>-<to>.eml, and logs its link", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "videofly-outbox-"));
    const config = mailConfig({ NODE_ENV: "development", MAIL_OUTBOX_DIR: dir });
    expect(config).toMatchObject({ transport: "outbox", dir });
    const { log, lines } = captureLog();
    const mailer = createMailer(config, log);
    await mailer.send(message);
    await mailer.send(message);

    const files = readdirSync(dir);
    expect(files).toHaveLength(2);
    for (const file of files)
      expect(file).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-newcomer@example\.com(-2)?\.eml$/);
    const parsed = await simpleParser(readFileSync(path.join(dir, files[0] ?? "")));
    expect(parsed.subject).toBe("Verify your email");
    expect(parsed.text).toContain("verify-email?token=abc&callbackURL=%2F");
    expect(parsed.html).toContain('href="http://localhost:3000/api/auth/verify-email?token=abc&amp;callbackURL=%2F"');

    const link = "http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=%2F";
    expect(lines.filter((l) => l.event === "mail.outbox").map((l) => l.links)).toEqual([[link], [link]]);
    expect(String(lines[0]?.msg)).toContain(link);

    const outbox = await listOutbox(dir);
    expect(outbox.map((m) => [m.to, m.subject, m.links])).toEqual([
      ["newcomer@example.com", "Verify your email", [link]],
      ["newcomer@example.com", "Verify your email", [link]],
    ]);
    expect(await listOutbox(path.join(dir, "absent"))).toEqual([]);
  });
});

describe("SMTP transport", () => {
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(() => smtp.stop());

  it("delivers to the SMTP server in SMTP_URL, from MAIL_FROM, and logs no link", async () => {
    const config = mailConfig({
      NODE_ENV: "production",
      SMTP_URL: smtp.url,
      MAIL_FROM: "VideoFly <mail@videofly.test>",
    });
    const { log, lines } = captureLog();
    await createMailer(config, log).send(message);
    const mail = await lastMailTo(smtp.dir, "newcomer@example.com", /Verify/);
    expect(mail.link).toBe("http://localhost:3000/api/auth/verify-email?token=abc&callbackURL=%2F");
    const raw = readFileSync(path.join(smtp.dir, mail.id), "utf8");
    expect(raw).toMatch(/^From: VideoFly <mail@videofly\.test>$/m);
    expect(JSON.stringify(lines)).not.toContain("token=abc");
    expect(lines.map((l) => l.event)).toEqual(["mail.sent"]);
  });
});

describe("mail configuration", () => {
  it("requires SMTP_URL and MAIL_FROM in production, naming each", () => {
    expect(() => mailConfig({ NODE_ENV: "production", MAIL_FROM: "a@b.c" })).toThrow(/SMTP_URL: SMTP_URL is required/);
    expect(() => mailConfig({ NODE_ENV: "production", SMTP_URL: "smtp://mail:25" })).toThrow(/MAIL_FROM/);
    expect(() => mailConfig({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL must be an smtp/);
  });
});
