import { db } from "@videofly/db";
import { beforeAll, describe, expect, it } from "vitest";
import { favoritesSchemas, favoriteVideo, listFavorites, unfavoriteVideo } from "../../src/favorites/index.ts";
import { deleteVideo, updateVideoPolicy } from "../../src/video/index.ts";
import { createUser } from "../credits/support.ts";
import { useLocalStorage, videoOf } from "./support.ts";

beforeAll(useLocalStorage);

const notFound = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ status: 404, code: "E4006" });

describe("favoriting", () => {
  it("counts once per user however often, and concurrently, they favorite", async () => {
    const [owner, fan, other] = await Promise.all([createUser("owner"), createUser("fan"), createUser("other")]);
    const video = await videoOf(owner);
    const answers = await Promise.all(Array.from({ length: 20 }, () => favoriteVideo(fan, video.uuid)));
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ uuid: video.uuid, favorited: true, favoriteCount: 1 })]),
    );
    expect(await favoriteVideo(other, video.uuid)).toEqual({ uuid: video.uuid, favorited: true, favoriteCount: 2 });
    expect(await db().videoFavorite.count({ where: { videoId: video.id } })).toBe(2);

    expect(await unfavoriteVideo(fan, video.uuid)).toEqual({ uuid: video.uuid, favorited: false, favoriteCount: 1 });
    // Taking back what is not a favorite (any more) changes nothing.
    expect(await unfavoriteVideo(fan, video.uuid)).toEqual({ uuid: video.uuid, favorited: false, favoriteCount: 1 });
    expect(await unfavoriteVideo(owner, video.uuid)).toEqual({ uuid: video.uuid, favorited: false, favoriteCount: 1 });
  });

  it("keeps the first favorite's time when it is favorited again", async () => {
    const [owner, fan] = await Promise.all([createUser("owner"), createUser("fan")]);
    const video = await videoOf(owner);
    const first = new Date("2026-05-01T10:00:00.123Z");
    await favoriteVideo(fan, video.uuid, first);
    await favoriteVideo(fan, video.uuid, new Date("2026-05-02T10:00:00Z"));
    const page = await listFavorites(fan);
    expect(page.items.map((i) => i.favoritedAt)).toEqual([first]);
  });

  it("is open for what the user may play: their own (even private or unfinished), others' unlisted or public finished ones", async () => {
    const [owner, fan] = await Promise.all([createUser("owner"), createUser("fan")]);
    const privateOne = await videoOf(owner, { visibility: "PRIVATE" });
    const unlisted = await videoOf(owner, { visibility: "UNLISTED" });
    const unfinished = await videoOf(owner, { visibility: "PUBLIC", status: "GENERATING" });
    expect((await favoriteVideo(owner, privateOne.uuid)).favoriteCount).toBe(1);
    expect((await favoriteVideo(fan, unlisted.uuid)).favoriteCount).toBe(1);
    expect((await favoriteVideo(owner, unfinished.uuid)).favoriteCount).toBe(1);
    await notFound(favoriteVideo(fan, privateOne.uuid));
    await notFound(unfavoriteVideo(fan, privateOne.uuid));
    await notFound(favoriteVideo(fan, unfinished.uuid));
    await notFound(favoriteVideo(fan, "00000000-0000-4000-8000-000000000000"));
    await deleteVideo(owner, unlisted.uuid);
    await notFound(favoriteVideo(owner, unlisted.uuid));
    await notFound(favoriteVideo(fan, unlisted.uuid));
    expect(await db().videoFavorite.count({ where: { userId: fan } })).toBe(1);
  });
});

describe("the favorites list", () => {
  it("pages newest favorite first, with counts, leaving out what the user may no longer play", async () => {
    const [owner, fan, other] = await Promise.all([createUser("owner"), createUser("fan"), createUser("other")]);
    const videos = await Promise.all([1, 2, 3, 4, 5].map((n) => videoOf(owner, { prompt: `video ${n}` })));
    const mine = await videoOf(fan, { visibility: "PRIVATE", prompt: "my own" });
    const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 12, minute));
    // Favorited in the order 1..5, then the fan's own private video last (newest).
    for (const [i, v] of videos.entries()) await favoriteVideo(fan, v.uuid, at(i));
    await favoriteVideo(fan, mine.uuid, at(10));
    await favoriteVideo(other, videos[2]?.uuid ?? "");

    await updateVideoPolicy(owner, videos[1]?.uuid ?? "", { visibility: "private" }); // video 2: gone for the fan
    await updateVideoPolicy(owner, videos[3]?.uuid ?? "", { visibility: "unlisted" }); // video 4: still playable
    await deleteVideo(owner, videos[0]?.uuid ?? ""); // video 1: gone

    const seen: { prompt: string; favoriteCount: number; favoritedAt: Date }[] = [];
    let cursor: string | null | undefined;
    do {
      const position = favoritesSchemas.favoritesQuery.parse({ limit: "2", cursor: cursor ?? undefined }).cursor;
      const page = await listFavorites(fan, { limit: 2, cursor: position });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(
        ...page.items.map(({ prompt, favoriteCount, favoritedAt }) => ({ prompt, favoriteCount, favoritedAt })),
      );
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      { prompt: "my own", favoriteCount: 1, favoritedAt: at(10) },
      { prompt: "video 5", favoriteCount: 1, favoritedAt: at(4) },
      { prompt: "video 4", favoriteCount: 1, favoritedAt: at(3) },
      { prompt: "video 3", favoriteCount: 2, favoritedAt: at(2) },
    ]);
    // Shared again, it is back.
    await updateVideoPolicy(owner, videos[1]?.uuid ?? "", { visibility: "public" });
    expect((await listFavorites(fan)).items.map((i) => i.prompt)).toContain("video 2");
  });
});
