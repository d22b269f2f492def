import { mkdtempSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { type OutboxMail, readMail } from "../mail/index.ts";

export interface SmtpCapture {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Where each accepted message is written as `<sequence>-<recipient>.eml`. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port that accepts every message and writes it to `dir`
 * before answering 250: once the sender's SMTP transaction is over, the file is there.
 */
export async function startSmtpCapture(dir = mkdtempSync(path.join(tmpdir(), "videofly-smtp-"))): Promise<SmtpCapture> {
  let sequence = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        sequence += 1;
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        const name = `${Date.now()}-${String(sequence).padStart(6, "0")}-${to.replace(/[^\w.@+-]/g, "_")}.eml`;
        writeFile(path.join(dir, name), Buffer.concat(chunks)).then(() => callback(), callback);
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  return { url: `smtp://127.0.0.1:${port}`, dir, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Every message captured in `dir` for `to` (any case), oldest first. */
export async function mailsTo(dir: string, to: string): Promise<OutboxMail[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".eml")).sort();
  const mails = await Promise.all(names.map((name) => readMail(dir, name)));
  return mails.filter((m) => m.to.toLowerCase().split(", ").includes(to.toLowerCase()));
}

/** The newest message to `to` whose subject matches, and its first link; throws when there is none. */
export async function lastMailTo(dir: string, to: string, subject: RegExp): Promise<OutboxMail & { link: string }> {
  const mail = (await mailsTo(dir, to)).filter((m) => subject.test(m.subject)).at(-1);
  const link = mail?.links[0];
  if (!mail || !link) throw new Error(`no mail to ${to} matching ${subject} in ${dir}`);
  return { ...mail, link };
}
