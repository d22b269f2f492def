import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { linksIn } from "./links.ts";

export interface OutboxMail {
  /** The file name inside the outbox directory. */
  id: string;
  /** The recipients' addresses, comma-separated. */
  to: string;
  subject: string;
  date: Date | null;
  text: string;
  links: string[];
}

/** The mails in an outbox directory (development), newest first; an absent directory is empty. */
export async function listOutbox(dir: string, limit = 50): Promise<OutboxMail[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const newest = names
    .filter((n) => n.endsWith(".eml"))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(newest.map((name) => readMail(dir, name)));
}

/** Parses one .eml file (as written by the outbox or captured by a test SMTP server). */
export async function readMail(dir: string, name: string): Promise<OutboxMail> {
  const parsed = await simpleParser(await readFile(path.join(dir, path.basename(name))));
  const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [])
    .flatMap((group) => group.value.map((a) => a.address ?? ""))
    .join(", ");
  const text = parsed.text ?? "";
  return { id: name, to, subject: parsed.subject ?? "", date: parsed.date ?? null, text, links: linksIn(text) };
}
