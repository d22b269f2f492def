import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { db, pool } from "@videofly/db";
import { createLogger } from "../../src/logger.ts";
import type { ApiRequestEntry } from "../../src/usage/index.ts";

export async function createKey(userId: string, name: string | null): Promise<string> {
  const id = `key${randomUUID().replaceAll("-", "")}`;
  const now = new Date();
  await db().apikey.create({
    data: { id, name, referenceId: userId, key: `hash-${id}`, createdAt: now, updatedAt: now },
  });
  return id;
}

export function entry(over: Partial<ApiRequestEntry> & Pick<ApiRequestEntry, "keyId" | "userId">): ApiRequestEntry {
  return {
    method: "GET",
    route: "GET /credits",
    status: 200,
    durationMs: 12,
    creditsHeld: 0,
    requestId: `req_${randomUUID()}`,
    ip: "203.0.113.7",
    userAgent: "vitest",
    ...over,
  };
}

export async function rowsOf(userId: string) {
  const { rows } = await pool().query<{ requestId: string; userAgent: string | null; status: number }>(
    `SELECT "requestId", "userAgent", status FROM api_request WHERE "userId" = $1 ORDER BY id`,
    [userId],
  );
  return rows;
}

/** A logger whose JSON lines land in `lines`. */
export function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger("info", stream);
  return {
    log: () => log,
    lines,
    entries: () => lines.map((l) => JSON.parse(l) as { level: string; msg: string; [k: string]: unknown }),
  };
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
