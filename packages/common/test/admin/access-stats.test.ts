import { pool } from "@videofly/db";
import { beforeAll, describe, expect, it } from "vitest";
import { accessStats, accessTop, adminSchemas } from "../../src/admin/index.ts";
import { adminSeed } from "../../src/testing/index.ts";
import { LONG_PROMPT, PROMPT_80, seedKnownActivity } from "./seed.ts";

let seeded: Awaited<ReturnType<typeof seedKnownActivity>>;
beforeAll(async () => {
  seeded = await seedKnownActivity();
});

const d = (allowed: number, refused: number) => ({ allowed, refused });
const NOW = new Date("2026-05-03T12:00:00Z");

describe("accessStats", () => {
  it("counts allowed and refused decisions per UTC day and action, days without any included", async () => {
    expect(await accessStats({ from: "2026-05-01", to: "2026-05-03", days: 3 })).toEqual({
      from: "2026-05-01",
      to: "2026-05-03",
      days: 3,
      daily: [
        { day: "2026-05-01", play: d(3, 1), embed: d(1, 0), download: d(0, 0) },
        // Ten plays of a video that is gone since: the decisions happened all the same.
        { day: "2026-05-02", play: d(12, 0), embed: d(0, 0), download: d(1, 2) },
        { day: "2026-05-03", play: d(0, 0), embed: d(0, 0), download: d(0, 0) },
      ],
      totals: { play: d(15, 1), embed: d(1, 0), download: d(1, 2) },
    });
  });

  it("sees the rows at the edges on their own days", async () => {
    const edges = await accessStats({ from: "2026-04-30", to: "2026-05-04", days: 5 });
    expect(edges.daily.map((day) => [day.day, day.play.allowed])).toEqual([
      ["2026-04-30", 1],
      ["2026-05-01", 3],
      ["2026-05-02", 12],
      ["2026-05-03", 0],
      ["2026-05-04", 1],
    ]);
  });
});

describe("accessTop", () => {
  it("ranks the videos by allowed plays over the last days, prompt cut to 80 characters", async () => {
    const top = await accessTop({ action: "play", days: 7 }, NOW);
    expect(top).toEqual({
      action: "play",
      since: "2026-04-27",
      items: [
        // 3 on 05-01 and 1 on 04-30; the refused play and tomorrow's are not counted.
        {
          uuid: seeded.v1.uuid,
          prompt: `${LONG_PROMPT.slice(0, 79)}…`,
          ownerEmail: "usr_alice@example.com",
          allowed: 4,
        },
        { uuid: seeded.v4.uuid, prompt: PROMPT_80, ownerEmail: "usr_carol@example.com", allowed: 2 },
      ],
    });
    expect([...(top.items[0]?.prompt ?? "")]).toHaveLength(80);
  });

  it("counts only the days asked for, today included", async () => {
    const three = await accessTop({ action: "play", days: 3 }, NOW);
    expect(three.items.map((i) => [i.uuid, i.allowed])).toEqual([
      [seeded.v1.uuid, 3],
      [seeded.v4.uuid, 2],
    ]);
    expect((await accessTop({ action: "play", days: 1 }, NOW)).items).toEqual([]);
  });

  it("counts each action apart, allowed decisions only", async () => {
    const downloads = await accessTop({ action: "download", days: 7 }, NOW);
    expect(downloads.items.map((i) => [i.uuid, i.ownerEmail, i.allowed])).toEqual([
      [seeded.v7.uuid, "usr_bob@example.com", 1],
    ]);
    const embeds = await accessTop({ action: "embed", days: 7 }, NOW);
    expect(embeds.items.map((i) => [i.uuid, i.allowed])).toEqual([[seeded.v4.uuid, 1]]);
  });

  it("shows the ten most embedded of eleven", async () => {
    const seed = adminSeed(pool());
    const owner = await seed.user("usr_embedder", "2026-06-01T00:00:00Z");
    const uuids: string[] = [];
    // Video i is embedded i times on 06-10.
    for (let i = 1; i <= 11; i++) {
      const video = await seed.video({
        userId: owner,
        model: "kling-2.6",
        provider: "kie",
        status: "COMPLETED",
        createdAt: "2026-06-01T00:00:00Z",
      });
      await seed.access(
        { videoId: video.id, ownerId: owner, action: "EMBED", allowed: true, createdAt: "2026-06-10T08:00:00Z" },
        i,
      );
      uuids.push(video.uuid);
    }
    const top = await accessTop({ action: "embed", days: 1 }, new Date("2026-06-10T20:00:00Z"));
    expect(top.items.map((i) => [i.uuid, i.allowed])).toEqual(
      uuids
        .map((uuid, i) => [uuid, i + 1])
        .reverse()
        .slice(0, 10),
    );
  });

  it("validates action and days", () => {
    const paths = (q: Record<string, string>) => {
      const r = adminSchemas.accessTopQuery.safeParse(q);
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(adminSchemas.accessTopQuery.parse({ action: "play" })).toEqual({ action: "play", days: 7 });
    expect(paths({ action: "stream" })).toEqual(["action"]);
    expect(paths({})).toEqual(["action"]);
    expect(paths({ action: "play", days: "0" })).toEqual(["days"]);
    expect(paths({ action: "play", days: "91" })).toEqual(["days"]);
  });
});
