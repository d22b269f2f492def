import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { type Logger, logger } from "../logger.ts";
import { type MailConfig, mailConfig } from "./config.ts";
import { linksIn } from "./links.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message (or the outbox file is written). */
  send(message: MailMessage): Promise<void>;
}

export function createMailer(config: MailConfig, log: Logger = logger()): Mailer {
  return config.transport === "smtp" ? smtpMailer(config, log) : outboxMailer(config, log);
}

function smtpMailer(config: Extract<MailConfig, { transport: "smtp" }>, log: Logger): Mailer {
  const transport = nodemailer.createTransport(config.url);
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.from, ...message });
      log.info({ event: "mail.sent", to: message.to, messageId: info.messageId }, "mail sent");
    },
  };
}

// Development without SMTP: each message becomes a real .eml file, and its links are logged, so the
// newcomer can click through a verification without any mail server.
function outboxMailer(config: Extract<MailConfig, { transport: "outbox" }>, log: Logger): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.from, ...message });
      await mkdir(config.dir, { recursive: true });
      const file = await writeUnique(config.dir, outboxName(message.to), info.message as Buffer);
      const links = linksIn(message.text);
      log.info(
        { event: "mail.outbox", to: message.to, file, links },
        `mail to ${message.to} written to ${file}: ${links.join(" ")}`,
      );
    },
  };
}

function outboxName(to: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return `${stamp}-${to.replace(/[^\w.@+-]/g, "_")}`;
}

async function writeUnique(dir: string, base: string, content: Buffer): Promise<string> {
  for (let n = 1; ; n += 1) {
    const file = path.join(dir, `${base}${n === 1 ? "" : `-${n}`}.eml`);
    try {
      await writeFile(file, content, { flag: "wx" });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

const globalForMail = globalThis as unknown as { videoflyMailer?: Mailer };

/** The process-wide mailer, configured by SMTP_URL / MAIL_FROM / MAIL_OUTBOX_DIR. */
export function mailer(): Mailer {
  globalForMail.videoflyMailer ??= createMailer(mailConfig());
  return globalForMail.videoflyMailer;
}
