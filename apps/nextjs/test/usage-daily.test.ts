import { grantCredits, holdCredits, releaseHold, settleHold } from "@videofly/common";
import { adminSeed } from "@videofly/common/testing";
import { pool } from "@videofly/db";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type Envelope, fieldsOf, signUpVerified } from "./support/http";
import { createKey } from "./support/keys";
import { sdk } from "./support/sdk";

// Daily usage over real HTTP, through the SDK, against the shared app: activity is seeded straight
// into the app's database on days long past (2025-02), so the figures of those days are exact.
process.env.DATABASE_URL = inject("appDatabaseUrl");

let owner: { cookie: string; userId: string };
let other: { cookie: string; userId: string };
let reader: string;
let noUsageScope: string;

async function spend(
  userId: string,
  ref: string,
  amount: number,
  heldAt: string,
  outcome?: "settle" | "release",
  resolvedAt?: string,
) {
  const reference = `daily-usage:${userId}:${ref}`;
  await grantCredits({
    userId,
    source: "ADMIN_GRANT",
    grantKey: `daily-usage:${userId}:${ref}`,
    credits: amount,
    expiresAt: null,
    now: new Date("2025-01-01T00:00:00Z"),
  });
  await holdCredits({ userId, reference, amount, now: new Date(heldAt) });
  const now = new Date(resolvedAt ?? heldAt);
  if (outcome === "settle") await settleHold(reference, { now });
  if (outcome === "release") await releaseHold(reference, { now });
}

async function seed() {
  const s = adminSeed(pool());
  const kie = { model: "kling-2.6", provider: "kie" };
  await s.video({
    userId: owner.userId,
    ...kie,
    status: "COMPLETED",
    createdAt: "2025-02-10T10:00:00Z",
    startedAt: "2025-02-10T10:00:00Z",
    completedAt: "2025-02-10T10:01:30.500Z",
  });
  await s.video({ userId: owner.userId, ...kie, status: "FAILED", createdAt: "2025-02-10T23:59:59.999Z" });
  await s.video({
    userId: owner.userId,
    ...kie,
    status: "COMPLETED",
    createdAt: "2025-02-11T08:00:00Z",
    startedAt: "2025-02-11T08:00:00Z",
    completedAt: "2025-02-12T00:00:20Z",
  });
  // A lip-sync and an image-to-video (the seed helper writes text-to-video).
  await pool().query(
    `UPDATE video SET mode = CASE WHEN "createdAt" < '2025-02-11' THEN 'TEXT_TO_VIDEO'::"VideoMode"
                                  ELSE 'LIPSYNC'::"VideoMode" END WHERE "userId" = $1`,
    [owner.userId],
  );
  await pool().query(`UPDATE video SET mode = 'IMAGE_TO_VIDEO' WHERE "userId" = $1 AND status = 'FAILED'`, [
    owner.userId,
  ]);
  // Real credit operations at those instants, so the books of the shared database stay balanced.
  await spend(owner.userId, "a", 9, "2025-02-10T10:00:00Z", "settle", "2025-02-10T10:01:30.500Z");
  await spend(owner.userId, "b", 4, "2025-02-10T23:59:59.999Z", "release", "2025-02-11T00:00:05Z");
  await spend(owner.userId, "c", 6, "2025-02-11T08:00:00Z", "settle", "2025-02-12T00:00:20Z");
  await spend(owner.userId, "d", 2, "2025-02-13T08:00:00Z");
  for (const t of ["2025-02-10T01:00:00Z", "2025-02-10T02:00:00Z", "2025-02-12T23:59:59.999Z"]) {
    await s.apiRequest(owner.userId, t);
  }
  // Someone else's activity on the same days is not the owner's.
  await s.video({ userId: other.userId, ...kie, status: "FAILED", createdAt: "2025-02-10T12:00:00Z" });
  await spend(other.userId, "e", 50, "2025-02-10T12:00:00Z", "settle", "2025-02-10T12:00:00Z");
  await s.apiRequest(other.userId, "2025-02-10T12:00:00Z");
}

beforeAll(async () => {
  owner = await signUpVerified("daily-usage@example.com");
  other = await signUpVerified("daily-usage-other@example.com");
  reader = (await createKey(owner.cookie, { name: "usage reader", scopes: ["usage:read"] })).key;
  noUsageScope = (await createKey(owner.cookie, { name: "no usage", scopes: ["credits:read"] })).key;
  await seed();
});

const zeroModes = { TEXT_TO_VIDEO: 0, IMAGE_TO_VIDEO: 0, LIPSYNC: 0 };

describe("GET /usage/daily", () => {
  it("gives the seeded figures per day with an API key, quiet days as zeros", async () => {
    const { data, response } = await sdk({ apiKey: reader }).GET("/usage/daily", {
      params: { query: { from: "2025-02-09", to: "2025-02-13" } },
    });
    expect(response.status).toBe(200);
    expect(data?.data).toEqual({
      from: "2025-02-09",
      to: "2025-02-13",
      days: [
        {
          date: "2025-02-09",
          videosCreated: 0,
          byMode: zeroModes,
          creditsConsumed: 0,
          processingSeconds: 0,
          apiCalls: 0,
        },
        {
          date: "2025-02-10",
          videosCreated: 2,
          byMode: { TEXT_TO_VIDEO: 1, IMAGE_TO_VIDEO: 1, LIPSYNC: 0 },
          creditsConsumed: 9,
          processingSeconds: 90.5,
          apiCalls: 2,
        },
        {
          date: "2025-02-11",
          videosCreated: 1,
          byMode: { TEXT_TO_VIDEO: 0, IMAGE_TO_VIDEO: 0, LIPSYNC: 1 },
          creditsConsumed: 0,
          processingSeconds: 0,
          apiCalls: 0,
        },
        {
          date: "2025-02-12",
          videosCreated: 0,
          byMode: zeroModes,
          creditsConsumed: 6,
          processingSeconds: 57620,
          apiCalls: 1,
        },
        {
          date: "2025-02-13",
          videosCreated: 0,
          byMode: zeroModes,
          creditsConsumed: 0,
          processingSeconds: 0,
          apiCalls: 0,
        },
      ],
      totals: {
        videosCreated: 3,
        byMode: { TEXT_TO_VIDEO: 1, IMAGE_TO_VIDEO: 1, LIPSYNC: 1 },
        creditsConsumed: 15,
        processingSeconds: 57710.5,
        apiCalls: 3,
      },
    });
  });

  it("answers the session the same, and by default the last 30 days up to today", async () => {
    const session = sdk({ cookie: owner.cookie });
    const ranged = await session.GET("/usage/daily", { params: { query: { from: "2025-02-10", to: "2025-02-10" } } });
    expect(ranged.data?.data.totals).toMatchObject({ videosCreated: 2, creditsConsumed: 9, apiCalls: 2 });
    const fallback = (await session.GET("/usage/daily")).data?.data;
    expect(fallback?.days).toHaveLength(30);
    expect(fallback?.to).toBe(new Date().toISOString().slice(0, 10));
    expect(fallback?.totals.videosCreated).toBe(0);
  });

  it("refuses bad ranges with 400 naming the field", async () => {
    const ask = async (query: Record<string, string>) => {
      const { response, error } = await sdk({ apiKey: reader }).GET("/usage/daily", {
        params: { query: query as { from?: string; to?: string } },
      });
      return { status: response.status, fields: fieldsOf(error as Envelope) };
    };
    expect(await ask({ from: "2024-01-01", to: "2025-01-01" })).toEqual({
      status: 400,
      fields: ["query.from", "query.to"],
    });
    expect(await ask({ from: "2025-02-12", to: "2025-02-10" })).toEqual({ status: 400, fields: ["query.from"] });
    expect(await ask({ from: "2025-02-30" })).toEqual({ status: 400, fields: ["query.from"] });
    expect(await ask({ to: "12/02/2025" })).toEqual({ status: 400, fields: ["query.to"] });
  });

  it("needs the usage:read scope", async () => {
    const { response, error } = await sdk({ apiKey: noUsageScope }).GET("/usage/daily", {
      params: { query: { from: "2025-02-10", to: "2025-02-10" } },
    });
    expect(response.status).toBe(403);
    expect(JSON.stringify(error)).toContain("usage:read");
  });

  it("shows another user only their own activity", async () => {
    const { data } = await sdk({ cookie: other.cookie }).GET("/usage/daily", {
      params: { query: { from: "2025-02-09", to: "2025-02-13" } },
    });
    expect(data?.data.totals).toEqual({
      videosCreated: 1,
      byMode: { TEXT_TO_VIDEO: 1, IMAGE_TO_VIDEO: 0, LIPSYNC: 0 },
      creditsConsumed: 50,
      processingSeconds: 0,
      apiCalls: 1,
    });
  });
});
