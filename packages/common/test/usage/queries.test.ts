import { readFileSync } from "node:fs";
import path from "node:path";
import { pool } from "@videofly/db";
import { beforeAll, describe, expect, it } from "vitest";
import { SCHEDULED_JOBS } from "../../src/jobs/schedule.ts";
import {
  flushApiUsage,
  keyUsageTotals,
  listApiRequests,
  pruneApiUsage,
  recordApiRequest,
  usageSchemas,
  usageSummary,
} from "../../src/usage/index.ts";
import { createUser } from "../credits/support.ts";
import { createKey, entry } from "./support.ts";

const at = (iso: string) => new Date(iso);
const MAY_10 = at("2026-05-10T00:00:00Z");
const MAY_12 = at("2026-05-12T00:00:00Z");

let userA: string;
let userB: string;
let named: string;
let revoked: string;
let keyB: string;

// User A: May 10, ten generate calls (10..100 ms, two errors, 5 credits per success) with a named
// key; May 11, four status lookups (1..4 ms, one 404) with a key whose row is gone. One more at
// exactly May 12 00:00, outside [May 10, May 12). User B: one slow call on May 10.
beforeAll(async () => {
  userA = await createUser("a");
  userB = await createUser("b");
  named = await createKey(userA, "CI key");
  revoked = "key_revoked_long_ago";
  keyB = await createKey(userB, "B's key");
  for (let i = 1; i <= 10; i++) {
    const status = i === 3 ? 400 : i === 7 ? 502 : 201;
    recordApiRequest(
      entry({
        userId: userA,
        keyId: named,
        method: "POST",
        route: "POST /video/generate",
        status,
        durationMs: i * 10,
        creditsHeld: status === 201 ? 5 : 0,
        at: at(`2026-05-10T0${i % 10}:00:00Z`),
      }),
    );
  }
  for (let i = 1; i <= 4; i++) {
    recordApiRequest(
      entry({
        userId: userA,
        keyId: revoked,
        route: "GET /video/{uuid}",
        status: i === 2 ? 404 : 200,
        durationMs: i,
        at: at(`2026-05-11T12:00:0${i}Z`),
      }),
    );
  }
  recordApiRequest(entry({ userId: userA, keyId: revoked, route: "GET /video/{uuid}", at: MAY_12 }));
  recordApiRequest(entry({ userId: userB, keyId: keyB, durationMs: 1000, at: at("2026-05-10T08:30:00Z") }));
  await flushApiUsage();
});

const range = { from: MAY_10, to: MAY_12 };

describe("usageSummary", () => {
  it("groups a user's requests by UTC day with exact counts and percentiles", async () => {
    expect(await usageSummary({ userId: userA, ...range, groupBy: "day" })).toEqual([
      { group: "2026-05-10", requests: 10, errors: 2, credits: 40, p50Ms: 55, p95Ms: 95.5 },
      { group: "2026-05-11", requests: 4, errors: 1, credits: 0, p50Ms: 2.5, p95Ms: 3.85 },
    ]);
  });

  it("groups by key, busiest first, naming the keys that still exist", async () => {
    expect(await usageSummary({ userId: userA, ...range, groupBy: "key" })).toEqual([
      { group: named, keyName: "CI key", requests: 10, errors: 2, credits: 40, p50Ms: 55, p95Ms: 95.5 },
      { group: revoked, requests: 4, errors: 1, credits: 0, p50Ms: 2.5, p95Ms: 3.85 },
    ]);
  });

  it("groups by route pattern", async () => {
    const groups = await usageSummary({ userId: userA, ...range, groupBy: "route" });
    expect(groups.map((g) => [g.group, g.requests, g.errors])).toEqual([
      ["POST /video/generate", 10, 2],
      ["GET /video/{uuid}", 4, 1],
    ]);
  });

  it("narrows to one key, and another user's key yields nothing", async () => {
    const one = await usageSummary({ userId: userA, keyId: revoked, ...range, groupBy: "day" });
    expect(one.map((g) => g.group)).toEqual(["2026-05-11"]);
    expect(await usageSummary({ userId: userA, keyId: keyB, ...range, groupBy: "key" })).toEqual([]);
  });

  it("covers every user without a userId (admin)", async () => {
    const [may10] = await usageSummary({ ...range, groupBy: "day" });
    // A's ten plus B's 1000 ms call: the median moves to 60, the 95th percentile halfway to 1000.
    expect(may10).toEqual({ group: "2026-05-10", requests: 11, errors: 2, credits: 40, p50Ms: 60, p95Ms: 550 });
  });
});

describe("listApiRequests", () => {
  it("never shows one user another user's requests", async () => {
    const a = await listApiRequests({ userId: userA, limit: 100 });
    expect(a.items).toHaveLength(15);
    expect(a.items.every((r) => r.userId === userA)).toBe(true);
    const b = await listApiRequests({ userId: userB, limit: 100 });
    expect(b.items.map((r) => [r.keyId, r.keyName, r.durationMs])).toEqual([[keyB, "B's key", 1000]]);
    expect(await listApiRequests({ userId: userA, keyId: keyB, limit: 100 })).toEqual({ items: [], nextCursor: null });
  });

  it("filters by time, `to` excluded", async () => {
    const page = await listApiRequests({ userId: userA, from: at("2026-05-11T00:00:00Z"), to: MAY_12, limit: 100 });
    expect(page.items.map((r) => r.durationMs)).toEqual([4, 3, 2, 1]);
  });

  it("pages newest first with no duplicates or gaps, ties in time included", async () => {
    const userId = await createUser("pages");
    const keyId = await createKey(userId, "pager");
    // 57 requests, three at each instant: only the id can order those.
    for (let i = 0; i < 57; i++) {
      recordApiRequest(
        entry({ userId, keyId, requestId: `r${i}`, at: new Date(Date.UTC(2026, 4, 1, 0, Math.floor(i / 3))) }),
      );
    }
    await flushApiUsage();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = usageSchemas.requestsQuery.parse({ limit: "10", ...(cursor ? { cursor } : {}) });
      const page = await listApiRequests({ userId, cursor: query.cursor, limit: query.limit });
      seen.push(...page.items.map((r) => r.requestId));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual(Array.from({ length: 57 }, (_, i) => `r${56 - i}`));
  });
});

describe("keyUsageTotals", () => {
  it("counts requests and the last use per key, zero for an unused key", async () => {
    const totals = await keyUsageTotals([named, revoked, "key_never_used"]);
    expect(totals.get(named)).toEqual({ requests: 10, lastUsedAt: at("2026-05-10T09:00:00Z") });
    expect(totals.get(revoked)).toEqual({ requests: 5, lastUsedAt: MAY_12 });
    expect(totals.get("key_never_used")).toEqual({ requests: 0, lastUsedAt: null });
  });
});

describe("pruneApiUsage", () => {
  it("deletes only rows older than the retention (90 days by default)", async () => {
    const userId = await createUser("old");
    const now = at("2020-06-01T00:00:00Z");
    const day = 86_400_000;
    for (const [requestId, ageDays] of [
      ["r91", 91],
      ["r90+1m", 90 + 1 / 1440],
      ["r89", 89],
    ] as const) {
      recordApiRequest(entry({ userId, keyId: "key_old", requestId, at: new Date(now.getTime() - ageDays * day) }));
    }
    await flushApiUsage();
    const before = await pool().query(`SELECT count(*)::int AS n FROM api_request`);
    expect(await pruneApiUsage(now)).toBe(2);
    const { rows } = await pool().query(`SELECT "requestId" FROM api_request WHERE "userId" = $1`, [userId]);
    expect(rows.map((r) => r.requestId)).toEqual(["r89"]);
    const after = await pool().query(`SELECT count(*)::int AS n FROM api_request`);
    expect(after.rows[0].n).toBe(before.rows[0].n - 2);
  });

  it("runs daily, on the same schedule in the worker and in vercel.json", () => {
    const job = SCHEDULED_JOBS.find((j) => j.name === "prune-api-usage");
    const vercel = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../../vercel.json"), "utf8")) as {
      crons: { path: string; schedule: string }[];
    };
    expect(job?.cron).toBe("15 4 * * *");
    expect(vercel.crons).toContainEqual({ path: "/api/cron/prune-api-usage", schedule: job?.cron });
  });
});
