import { db, pool } from "@videofly/db";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { grantCredits, holdCredits, releaseHold, setCreditAlerts, settleHold } from "../../src/credits/index.ts";
import { mailsTo, type SmtpCapture, startSmtpCapture } from "../../src/testing/index.ts";
import type { ApiRequestRow } from "../../src/usage/entry.ts";
import {
  type DailyUsage,
  dailyUsage,
  dailyUsageSchemas,
  dailyUsageStatement,
  type UsageDay,
} from "../../src/usage/index.ts";
import { insertApiRequests } from "../../src/usage/store.ts";
import { drainWebhookDeliveries } from "../../src/webhooks/index.ts";
import type { Wire } from "../../src/wire.ts";
import { createUser } from "../credits/support.ts";
import { entry, until } from "./support.ts";

const at = (iso: string) => new Date(iso);
type Mode = "TEXT_TO_VIDEO" | "IMAGE_TO_VIDEO" | "LIPSYNC";

async function video(
  userId: string,
  mode: Mode,
  createdAt: string,
  run?: { startedAt: string; completedAt?: string; status?: "COMPLETED" | "FAILED" },
  deletedAt?: string,
) {
  await db().video.create({
    data: {
      userId,
      mode,
      model: "demo",
      prompt: "p",
      duration: 5,
      aspectRatio: "16:9",
      quality: "standard",
      creditsCost: 1,
      status: run?.status ?? (run?.completedAt ? "COMPLETED" : "PENDING"),
      createdAt: at(createdAt),
      startedAt: run ? at(run.startedAt) : null,
      completedAt: run?.completedAt ? at(run.completedAt) : null,
      deletedAt: deletedAt ? at(deletedAt) : null,
    },
  });
}

async function calls(userId: string, ...times: string[]) {
  await insertApiRequests(
    pool(),
    times.map((t): ApiRequestRow => ({ ...entry({ keyId: "key_daily", userId }), at: at(t) }) as ApiRequestRow),
  );
}

const spend = async (userId: string, ref: string, amount: number, heldAt: string) =>
  holdCredits({ userId, reference: `${userId}:${ref}`, amount, now: at(heldAt) });
const settle = (userId: string, ref: string, when: string) => settleHold(`${userId}:${ref}`, { now: at(when) });
const release = (userId: string, ref: string, when: string) => releaseHold(`${userId}:${ref}`, { now: at(when) });

const range = (from: string, to: string) => dailyUsageSchemas.dailyQuery.parse({ from, to });

function day(date: string, over: Partial<Omit<UsageDay, "date">> = {}): UsageDay {
  return {
    date,
    videosCreated: 0,
    byMode: { TEXT_TO_VIDEO: 0, IMAGE_TO_VIDEO: 0, LIPSYNC: 0 },
    creditsConsumed: 0,
    processingSeconds: 0,
    apiCalls: 0,
    ...over,
  };
}

let a: string;
let b: string;

// User A, May 1–5 2026 (UTC). Around the range: activity on Apr 30 and May 6 that must not count.
beforeAll(async () => {
  a = await createUser("a");
  b = await createUser("b");
  await grantCredits({
    userId: a,
    source: "PURCHASE",
    grantKey: `o:${a}`,
    credits: 100,
    expiresAt: null,
    now: at("2026-04-01T00:00:00Z"),
  });
  await grantCredits({
    userId: b,
    source: "PURCHASE",
    grantKey: `o:${b}`,
    credits: 100,
    expiresAt: null,
    now: at("2026-04-01T00:00:00Z"),
  });

  await video(a, "TEXT_TO_VIDEO", "2026-04-30T23:59:59.999Z");
  // May 2: a T2V rendered in 90.25 s, a failed T2V, an I2V created just before midnight and completed on May 3 (75 s).
  await video(a, "TEXT_TO_VIDEO", "2026-05-02T09:59:00Z", {
    startedAt: "2026-05-02T10:00:00Z",
    completedAt: "2026-05-02T10:01:30.250Z",
  });
  await video(a, "TEXT_TO_VIDEO", "2026-05-02T11:00:00Z", { startedAt: "2026-05-02T11:00:01Z", status: "FAILED" });
  await video(a, "IMAGE_TO_VIDEO", "2026-05-02T23:59:00Z", {
    startedAt: "2026-05-02T23:59:30Z",
    completedAt: "2026-05-03T00:00:45Z",
  });
  // May 3: a lip-sync in 12.5 s, and an I2V the user deleted since (it was still created).
  await video(a, "LIPSYNC", "2026-05-03T08:00:00Z", {
    startedAt: "2026-05-03T08:00:10Z",
    completedAt: "2026-05-03T08:00:22.500Z",
  });
  await video(a, "IMAGE_TO_VIDEO", "2026-05-03T09:00:00Z", undefined, "2026-05-04T09:00:00Z");
  // May 5: one at the very first millisecond; May 6 00:00 is outside.
  await video(a, "TEXT_TO_VIDEO", "2026-05-05T00:00:00Z");
  await video(a, "LIPSYNC", "2026-05-06T00:00:00Z");

  // Credits: 4 held Apr 30 and settled May 1; 10 settled May 2; 7 held May 2 and released May 3;
  // 5 held May 3 and settled May 5; 3 held May 5 and still open; 2 settled May 6.
  await spend(a, "h5", 4, "2026-04-30T20:00:00Z");
  await settle(a, "h5", "2026-05-01T00:00:00Z");
  await spend(a, "h1", 10, "2026-05-02T09:00:00Z");
  await settle(a, "h1", "2026-05-02T10:01:31Z");
  await spend(a, "h2", 7, "2026-05-02T11:00:00Z");
  await release(a, "h2", "2026-05-03T01:00:00Z");
  await spend(a, "h3", 5, "2026-05-03T08:00:00Z");
  await settle(a, "h3", "2026-05-05T23:59:59.999Z");
  await spend(a, "h4", 3, "2026-05-05T12:00:00Z");
  await spend(a, "h6", 2, "2026-05-05T13:00:00Z");
  await settle(a, "h6", "2026-05-06T00:00:00Z");

  await calls(a, "2026-05-01T00:00:00Z", "2026-05-01T12:00:00Z", "2026-05-01T23:59:59.999Z", "2026-05-03T10:00:00Z");
  await calls(a, "2026-05-05T23:59:59.999Z", "2026-05-06T00:00:00Z", "2026-04-30T23:59:59.999Z");

  // User B is busy on May 2; none of it is A's.
  await video(b, "LIPSYNC", "2026-05-02T10:00:00Z", {
    startedAt: "2026-05-02T10:00:00Z",
    completedAt: "2026-05-02T10:10:00Z",
  });
  await spend(b, "x", 30, "2026-05-02T10:00:00Z");
  await settle(b, "x", "2026-05-02T10:10:00Z");
  await calls(b, "2026-05-02T10:00:00Z", "2026-05-02T10:00:01Z");
});

describe("dailyUsage", () => {
  it("gives every figure of every day exactly as seeded, quiet days as zeros", async () => {
    const usage = await dailyUsage(a, range("2026-05-01", "2026-05-05"));
    expect(usage).toEqual({
      from: "2026-05-01",
      to: "2026-05-05",
      days: [
        day("2026-05-01", { creditsConsumed: 4, apiCalls: 3 }),
        day("2026-05-02", {
          videosCreated: 3,
          byMode: { TEXT_TO_VIDEO: 2, IMAGE_TO_VIDEO: 1, LIPSYNC: 0 },
          creditsConsumed: 10,
          processingSeconds: 90.25,
        }),
        day("2026-05-03", {
          videosCreated: 2,
          byMode: { TEXT_TO_VIDEO: 0, IMAGE_TO_VIDEO: 1, LIPSYNC: 1 },
          processingSeconds: 87.5,
          apiCalls: 1,
        }),
        day("2026-05-04"),
        day("2026-05-05", {
          videosCreated: 1,
          byMode: { TEXT_TO_VIDEO: 1, IMAGE_TO_VIDEO: 0, LIPSYNC: 0 },
          creditsConsumed: 5,
          apiCalls: 1,
        }),
      ],
      totals: {
        videosCreated: 6,
        byMode: { TEXT_TO_VIDEO: 3, IMAGE_TO_VIDEO: 2, LIPSYNC: 1 },
        creditsConsumed: 19,
        processingSeconds: 177.75,
        apiCalls: 5,
      },
    });
  });

  it("answers a single day, and days with nothing at all", async () => {
    expect((await dailyUsage(a, range("2026-05-06", "2026-05-06"))).days).toEqual([
      day("2026-05-06", {
        videosCreated: 1,
        byMode: { TEXT_TO_VIDEO: 0, IMAGE_TO_VIDEO: 0, LIPSYNC: 1 },
        creditsConsumed: 2,
        apiCalls: 1,
      }),
    ]);
    const quiet = await dailyUsage(a, range("2025-12-30", "2026-01-02"));
    expect(quiet.days.map((d) => d.date)).toEqual(["2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02"]);
    expect(quiet.days).toEqual(quiet.days.map((d) => day(d.date)));
  });

  it("shows one user nothing of another's", async () => {
    const usage = await dailyUsage(b, range("2026-05-01", "2026-05-05"));
    expect(usage.totals).toEqual({
      videosCreated: 1,
      byMode: { TEXT_TO_VIDEO: 0, IMAGE_TO_VIDEO: 0, LIPSYNC: 1 },
      creditsConsumed: 30,
      processingSeconds: 600,
      apiCalls: 2,
    });
    const stranger = await createUser("c");
    expect((await dailyUsage(stranger, range("2026-05-01", "2026-05-05"))).totals).toEqual({
      videosCreated: 0,
      byMode: { TEXT_TO_VIDEO: 0, IMAGE_TO_VIDEO: 0, LIPSYNC: 0 },
      creditsConsumed: 0,
      processingSeconds: 0,
      apiCalls: 0,
    });
  });

  it("returns what the API document describes", () => {
    expectTypeOf<Wire<DailyUsage>>().toEqualTypeOf<z.output<typeof dailyUsageSchemas.dailyUsage>>();
  });

  it("reads api_request and video through their (userId, createdAt) indexes", async () => {
    // Enough rows of other users that the planner's choice means something.
    const other = await createUser("crowd");
    await pool().query(
      `INSERT INTO api_request ("keyId", "userId", method, route, status, "durationMs", "creditsHeld", "requestId", "createdAt")
       SELECT 'k', $1, 'GET', 'GET /x', 200, 1, 0, 'r' || i, timestamp '2025-01-01' + i * interval '17 minutes'
         FROM generate_series(1, 20000) i`,
      [other],
    );
    await pool().query(
      `INSERT INTO video ("userId", model, mode, prompt, duration, "aspectRatio", quality, "creditsCost", "updatedAt", "createdAt")
       SELECT $1, 'm', 'TEXT_TO_VIDEO', 'p', 5, '16:9', 's', 1, now(), timestamp '2025-01-01' + i * interval '17 minutes'
         FROM generate_series(1, 20000) i`,
      [other],
    );
    await pool().query("ANALYZE api_request; ANALYZE video");
    const { text, values } = dailyUsageStatement(a, range("2026-05-01", "2026-05-05"));
    const { rows } = await pool().query<{ "QUERY PLAN": string }>(`EXPLAIN ${text}`, values);
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(
      /Index (Only )?Scan on "api_request_userId_createdAt_idx"|using "api_request_userId_createdAt_idx"/,
    );
    expect(plan).toMatch(/Index Scan on "video_userId_createdAt_id_idx"|using "video_userId_createdAt_id_idx"/);
    expect(plan).not.toMatch(/Seq Scan on (video|api_request)/);
  });
});

describe("dailyQuery", () => {
  const parse = (q: Record<string, string>) => dailyUsageSchemas.dailyQuery.safeParse(q);
  const fields = (q: Record<string, string>) => {
    const r = parse(q);
    return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
  };

  it("defaults to the last 30 UTC days, today included", () => {
    const today = new Date().toISOString().slice(0, 10);
    const r = dailyUsageSchemas.dailyQuery.parse({});
    expect(r.to).toBe(today);
    expect(dailyUsageSchemas.daysBetween(r.from, r.to)).toBe(30);
    expect(dailyUsageSchemas.dailyQuery.parse({ from: "2026-02-01" })).toEqual({
      from: "2026-02-01",
      to: "2026-03-02",
    });
    expect(dailyUsageSchemas.dailyQuery.parse({ to: "2026-03-02" })).toEqual({ from: "2026-02-01", to: "2026-03-02" });
  });

  it("takes up to 366 days and refuses more, naming from and to", () => {
    expect(parse({ from: "2024-01-01", to: "2024-12-31" }).success).toBe(true);
    expect(fields({ from: "2024-01-01", to: "2025-01-01" })).toEqual(["from", "to"]);
  });

  it("refuses a backwards range and what is not a calendar day", () => {
    expect(fields({ from: "2026-05-02", to: "2026-05-01" })).toEqual(["from"]);
    expect(fields({ from: "2026-02-30", to: "2026-03-01" })).toEqual(["from"]);
    expect(fields({ from: "2026-05-01", to: "2026-05-01T00:00:00Z" })).toEqual(["to"]);
    expect(fields({ from: "yesterday" })).toEqual(["from"]);
  });
});

describe("the credits.low email", () => {
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    process.env.SMTP_URL = smtp.url;
  });
  afterAll(() => smtp.stop());

  const lowMails = async (email: string) =>
    (await mailsTo(smtp.dir, email)).filter((m) => /balance is below/.test(m.subject));
  const mailsAfterDelivery = async (email: string, expected: number) => {
    await until(async () => {
      await drainWebhookDeliveries(2000);
      return (await lowMails(email)).length >= expected;
    }, 10_000);
    await drainWebhookDeliveries(2000);
    return lowMails(email);
  };

  it("is sent once per crossing, without any webhook endpoint, and again after the balance came back", async () => {
    const u = await createUser("low");
    const email = `${u}@example.com`;
    const now = at("2026-06-01T12:00:00Z");
    await setCreditAlerts(u, { lowBalanceThreshold: 10 });
    await grantCredits({ userId: u, source: "PURCHASE", grantKey: `o:${u}`, credits: 20, expiresAt: null, now });
    const hold = (ref: string, n: number) => holdCredits({ userId: u, reference: `${u}:${ref}`, amount: n, now });
    await hold("a", 5); // 15: above
    await hold("b", 6); // 9: crossed
    await hold("c", 1); // 8: still below
    await settleHold(`${u}:b`, { now });
    const first = await mailsAfterDelivery(email, 1);
    expect(first).toHaveLength(1);
    expect(first[0]?.subject).toBe("Your VideoFly balance is below 10 credits");
    expect(first[0]?.text).toContain("down to 9 credits");
    expect(first[0]?.links.some((l) => l.endsWith("/usage"))).toBe(true);

    await releaseHold(`${u}:a`, { now }); // 13: recovered
    await hold("d", 1); // 12: above, nothing
    expect(await mailsAfterDelivery(email, 1)).toHaveLength(1);
    await hold("e", 4); // 8: the second crossing
    const second = await mailsAfterDelivery(email, 2);
    expect(second).toHaveLength(2);
    expect(second[1]?.text).toContain("down to 8 credits");
  });

  it("is not sent when the alert is off", async () => {
    const u = await createUser("off");
    const now = at("2026-06-01T12:00:00Z");
    await setCreditAlerts(u, { lowBalanceThreshold: 0 });
    await grantCredits({ userId: u, source: "PURCHASE", grantKey: `o:${u}`, credits: 20, expiresAt: null, now });
    await holdCredits({ userId: u, reference: `${u}:a`, amount: 20, now });
    await drainWebhookDeliveries(2000);
    expect(await lowMails(`${u}@example.com`)).toEqual([]);
  });
});
