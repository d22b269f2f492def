import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, db, pool } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "../../src/account/index.ts";
import type { ApiRequestRow } from "../../src/usage/entry.ts";
import { flushApiUsage, recordApiRequest } from "../../src/usage/index.ts";
import { createUsageRecorder } from "../../src/usage/recorder.ts";
import { insertApiRequests } from "../../src/usage/store.ts";
import { createUser } from "../credits/support.ts";
import { capturedLogger, createKey, entry, rowsOf, until } from "./support.ts";

// Nothing listens on port 1: every connection is refused, as with a database that is down.
const DEAD_URL = "postgresql://postgres:not-a-real-password@127.0.0.1:1/videofly";
const dead = createDatabase(DEAD_URL, 2);

beforeAll(() => {
  process.env.STORAGE_LOCAL_DIR = mkdtempSync(path.join(tmpdir(), "videofly-usage-"));
});

afterAll(() => dead.close());

/** A recorder on the test database that remembers each batch it wrote. */
function recorderOnDb(options: { batchSize?: number; intervalMs?: number; maxQueue?: number } = {}) {
  const writes: ApiRequestRow[][] = [];
  const captured = capturedLogger();
  const recorder = createUsageRecorder({
    batchSize: options.batchSize ?? 1000,
    intervalMs: options.intervalMs ?? 60_000,
    maxQueue: options.maxQueue,
    log: captured.log,
    write: (rows) => {
      writes.push(rows);
      return insertApiRequests(pool(), rows);
    },
  });
  return { recorder, writes, ...captured };
}

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

describe("recordApiRequest / flushApiUsage", () => {
  it("writes 200 entries recorded concurrently, each once", async () => {
    const userId = await createUser("usage");
    const keyId = await createKey(userId, "ci");
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await new Promise((r) => setImmediate(r));
        return recordApiRequest(entry({ userId, keyId, requestId: `req_${i}` }));
      }),
    );
    expect(results.every((r) => r === undefined)).toBe(true);
    await flushApiUsage();
    const rows = await rowsOf(userId);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(200);
  });

  it("never throws, whatever it is given", () => {
    expect(() => recordApiRequest(null as never)).not.toThrow();
    expect(() => recordApiRequest({ keyId: 1, userId: {} } as never)).not.toThrow();
  });
});

describe("batching", () => {
  it("starts one insert when the batch size is reached, not before", async () => {
    const userId = await createUser("batch");
    const { recorder, writes } = recorderOnDb({ batchSize: 50 });
    for (let i = 0; i < 49; i++) recorder.record(entry({ userId, keyId: "key_b", requestId: `r${i}` }));
    expect(writes).toHaveLength(0);
    recorder.record(entry({ userId, keyId: "key_b", requestId: "r49" }));
    expect(writes.map((w) => w.length)).toEqual([50]);
    await recorder.flush();
    expect(await rowsOf(userId)).toHaveLength(50);
  });

  it("flushes a small batch on its timer, which keeps no process alive", async () => {
    const userId = await createUser("timer");
    const { recorder, writes } = recorderOnDb({ intervalMs: 50 });
    const before = timeouts();
    for (let i = 0; i < 3; i++) recorder.record(entry({ userId, keyId: "key_t" }));
    expect(timeouts()).toBe(before);
    expect(writes).toHaveLength(0);
    await until(async () => (await rowsOf(userId)).length === 3);
    expect(writes.map((w) => w.length)).toEqual([3]);
  });

  it("keeps the newest entries when the queue is full, and says how many it dropped", async () => {
    const userId = await createUser("full");
    const { recorder, entries } = recorderOnDb({ maxQueue: 10 });
    for (let i = 0; i < 15; i++) recorder.record(entry({ userId, keyId: "key_f", requestId: `r${i}` }));
    await recorder.flush();
    expect((await rowsOf(userId)).map((r) => r.requestId)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i + 5}`));
    expect(entries()).toContainEqual(expect.objectContaining({ level: "warn", dropped: 5, maxQueue: 10 }));
  });

  it("cleans up an entry so one bad value cannot fail its batch", async () => {
    const userId = await createUser("clean");
    const { recorder, entries } = recorderOnDb();
    recorder.record(entry({ userId, keyId: "key_c", requestId: "long-ua", userAgent: "é".repeat(2000) }));
    recorder.record(
      entry({ userId, keyId: "key_c", requestId: "odd-numbers", durationMs: -3, creditsHeld: Number.NaN }),
    );
    recorder.record(entry({ userId, keyId: "key_c", requestId: "no-status", status: 0 }));
    recorder.record(entry({ userId: "usr_nobody", keyId: "key_c", requestId: "unknown-user" }));
    await recorder.flush();
    const rows = await rowsOf(userId);
    expect(rows.map((r) => r.requestId)).toEqual(["long-ua", "odd-numbers"]);
    expect(rows[0]?.userAgent).toBe("é".repeat(512));
    expect(entries()).toContainEqual(expect.objectContaining({ level: "warn", invalid: 1 }));
    expect(entries().filter((e) => e.level === "error")).toEqual([]);
  });
});

describe("a database that is down", () => {
  it("costs the caller nothing: record returns at once, flush resolves, rows are dropped after one retry", async () => {
    const { log, lines, entries } = capturedLogger();
    let attempts = 0;
    const recorder = createUsageRecorder({
      log,
      retryDelayMs: 10,
      write: (rows) => {
        attempts += 1;
        return insertApiRequests(dead.pool, rows);
      },
    });
    const started = performance.now();
    const results = Array.from({ length: 5 }, () => recorder.record(entry({ userId: "u", keyId: "k" })));
    expect(performance.now() - started).toBeLessThan(50);
    expect(results).toEqual([undefined, undefined, undefined, undefined, undefined]);
    await expect(recorder.flush()).resolves.toBeUndefined();
    expect(attempts).toBe(2);
    expect(entries().map((e) => [e.level, e.rows])).toEqual([
      ["warn", 5],
      ["error", 5],
    ]);
    expect(lines.join("\n")).not.toContain("not-a-real-password");
    expect(lines.join("\n")).not.toContain("203.0.113.7");
  });

  it("writes the batch when the retry succeeds", async () => {
    const userId = await createUser("retry");
    const { log, entries } = capturedLogger();
    let attempts = 0;
    const recorder = createUsageRecorder({
      log,
      retryDelayMs: 10,
      write: (rows) => {
        attempts += 1;
        return insertApiRequests(attempts === 1 ? dead.pool : pool(), rows);
      },
    });
    recorder.record(entry({ userId, keyId: "key_r" }));
    await recorder.flush();
    expect(await rowsOf(userId)).toHaveLength(1);
    expect(entries().map((e) => e.level)).toEqual(["warn"]);
  });
});

describe("keys and accounts", () => {
  it("keeps a revoked key's usage visible to its user", async () => {
    const userId = await createUser("revoked");
    const keyId = await createKey(userId, "old");
    recordApiRequest(entry({ userId, keyId }));
    await flushApiUsage();
    await db().apikey.delete({ where: { id: keyId } });
    expect(await rowsOf(userId)).toHaveLength(1);
  });

  it("removes a deleted account's rows, also those still queued when it was deleted", async () => {
    const userId = await createUser("deleted");
    const other = await createUser("kept");
    const keyId = await createKey(userId, "mine");
    recordApiRequest(entry({ userId, keyId }));
    recordApiRequest(entry({ userId: other, keyId: "key_other" }));
    await flushApiUsage();
    recordApiRequest(entry({ userId, keyId, requestId: "queued" }));
    await deleteAccount(userId);
    recordApiRequest(entry({ userId, keyId, requestId: "after" }));
    await flushApiUsage();
    expect(await rowsOf(userId)).toEqual([]);
    expect(await rowsOf(other)).toHaveLength(1);
  });

  it("leaves no row of an account deleted while its rows are being written", async () => {
    const userId = await createUser("racing");
    const row = (i: number) => ({ ...entry({ userId, keyId: "key_race", requestId: `r${i}` }), at: new Date() });
    // Writes that start before, during and after the deletion's transaction.
    const writes = Array.from({ length: 30 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 3)).then(() => insertApiRequests(pool(), [row(i)])),
    );
    await Promise.all([deleteAccount(userId), ...writes]);
    expect(await rowsOf(userId)).toEqual([]);
  });
});
