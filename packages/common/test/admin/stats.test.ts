import { beforeAll, describe, expect, it } from "vitest";
import { adminSchemas, adminStats } from "../../src/admin/index.ts";
import { seedKnownActivity } from "./seed.ts";

const range = { from: "2026-05-01", to: "2026-05-03", days: 3 };
const grants = (g: {
  purchase?: number;
  subscription?: number;
  signupBonus?: number;
  promo?: number;
  adminGrant?: number;
}) => {
  const all = { purchase: 0, subscription: 0, signupBonus: 0, promo: 0, adminGrant: 0, ...g };
  return { ...all, revenue: all.purchase + all.subscription, bonus: all.signupBonus + all.promo + all.adminGrant };
};

let seeded: Awaited<ReturnType<typeof seedKnownActivity>>;
beforeAll(async () => {
  seeded = await seedKnownActivity();
});

describe("adminStats over known days", () => {
  it("counts every daily figure exactly, nothing from the days around the range", async () => {
    const stats = await adminStats(range);
    expect(stats).toMatchObject(range);
    expect(stats.daily).toEqual([
      {
        day: "2026-05-01",
        signUps: 2,
        // alice and bob asked for videos; dave only called the API.
        activeUsers: 3,
        videosCreated: 3,
        // Two of alice's, and dave's video of 04-30 that finished after midnight.
        videosCompleted: 3,
        videosFailed: 0,
        creditsConsumed: 35,
        creditsGranted: grants({ purchase: 500, signupBonus: 100 }),
      },
      {
        day: "2026-05-02",
        signUps: 1,
        activeUsers: 2,
        videosCreated: 4,
        videosCompleted: 2,
        // bob's kling video of 05-01 failed on 05-02, and his veo video.
        videosFailed: 2,
        creditsConsumed: 55,
        creditsGranted: grants({ subscription: 1000, signupBonus: 50, adminGrant: 30 }),
      },
      {
        day: "2026-05-03",
        signUps: 0,
        activeUsers: 2,
        videosCreated: 2,
        videosCompleted: 1,
        videosFailed: 0,
        creditsConsumed: 31 + 16,
        creditsGranted: grants({ purchase: 200, promo: 20 }),
      },
    ]);
    expect(stats.totals).toEqual({
      signUps: 3,
      // alice, bob, carol, dave: each once, whatever the number of days they were active.
      activeUsers: 4,
      videosCreated: 9,
      videosCompleted: 6,
      videosFailed: 2,
      creditsConsumed: 137,
      creditsGranted: grants({ purchase: 700, subscription: 1000, signupBonus: 150, promo: 20, adminGrant: 30 }),
    });
  });

  it("gives per model and provider the success rate and median generation time", async () => {
    const { models } = await adminStats(range);
    expect(models).toEqual([
      // 4 of 5 finished; median of 60, 120, 180, 300 s is halfway between 120 and 180.
      { model: "kling-2.6", provider: "kie", videos: 5, completed: 4, failed: 1, successRate: 0.8, medianSeconds: 150 },
      {
        model: "veo-3",
        provider: "evolink",
        videos: 2,
        completed: 1,
        failed: 1,
        successRate: 0.5,
        medianSeconds: 1200,
      },
      {
        model: "kling-2.6",
        provider: "replicate",
        videos: 1,
        completed: 0,
        failed: 0,
        successRate: null,
        medianSeconds: null,
      },
      { model: "veo-3", provider: null, videos: 1, completed: 0, failed: 0, successRate: null, medianSeconds: null },
    ]);
  });

  it("ranks the ten biggest spenders of the range", async () => {
    const { topSpenders } = await adminStats(range);
    expect(topSpenders).toEqual([
      { id: seeded.bob, email: "usr_bob@example.com", credits: 45 },
      { id: seeded.carol, email: "usr_carol@example.com", credits: 40 },
      { id: seeded.alice, email: "usr_alice@example.com", credits: 31 },
      { id: seeded.dave, email: "usr_dave@example.com", credits: 5 },
      ...[1, 2, 3, 4, 5, 6].map((i) => ({ id: `usr_s${i}`, email: `usr_s${i}@example.com`, credits: 2 })),
    ]);
  });

  it("narrows to one day, which the same rows split the same way", async () => {
    const stats = await adminStats({ from: "2026-05-02", to: "2026-05-02", days: 1 });
    expect(stats.totals).toMatchObject({ signUps: 1, activeUsers: 2, videosCreated: 4, creditsConsumed: 55 });
    expect(stats.models.map((m) => [m.model, m.provider, m.videos, m.successRate, m.medianSeconds])).toEqual([
      ["kling-2.6", "kie", 2, 1, 240],
      ["veo-3", "evolink", 2, 0.5, 1200],
    ]);
    expect(stats.topSpenders.map((s) => [s.id, s.credits])).toEqual([
      [seeded.carol, 40],
      [seeded.bob, 15],
    ]);
  });

  it("has a row with zeros for a day with nothing", async () => {
    const stats = await adminStats({ from: "2026-04-01", to: "2026-04-02", days: 2 });
    expect(
      stats.daily.map((d) => [d.day, d.signUps, d.activeUsers, d.videosCreated, d.creditsGranted.revenue]),
    ).toEqual([
      ["2026-04-01", 0, 0, 0, 0],
      ["2026-04-02", 0, 0, 0, 0],
    ]);
    expect(stats.models).toEqual([]);
    expect(stats.topSpenders).toEqual([]);
  });
});

describe("the stats' day range", () => {
  const parse = (query: Record<string, string>) => adminSchemas.statsQuery.safeParse(query);
  const paths = (query: Record<string, string>) => {
    const result = parse(query);
    return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
  };

  it("takes from and to as UTC days, both included, up to 366 of them", () => {
    expect(parse({ from: "2026-05-01", to: "2026-05-03" }).data).toEqual(range);
    expect(parse({ to: "2026-05-03", days: "3" }).data).toEqual(range);
    expect(parse({ from: "2024-01-01", to: "2024-12-31" }).data?.days).toBe(366);
    const today = new Date().toISOString().slice(0, 10);
    expect(parse({}).data).toMatchObject({ to: today, days: 14 });
  });

  it("names the bad field", () => {
    expect(paths({ from: "2026-13-01" })).toEqual(["from"]);
    expect(paths({ from: "2026-02-30", to: "2026-03-01" })).toEqual(["from"]);
    expect(paths({ to: "yesterday" })).toEqual(["to"]);
    expect(paths({ from: "2026-05-04", to: "2026-05-03" })).toEqual(["from"]);
    expect(paths({ from: "2025-01-01", to: "2026-01-02" })).toEqual(["to"]);
    expect(paths({ days: "0" })).toEqual(["days"]);
  });
});
