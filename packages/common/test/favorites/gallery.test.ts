import { beforeAll, describe, expect, it } from "vitest";
import { favoritesSchemas, favoriteVideo, latestPublicVideos } from "../../src/favorites/index.ts";
import { updateVideoPolicy } from "../../src/video/index.ts";
import { createUser } from "../credits/support.ts";
import { useLocalStorage, videoOf } from "./support.ts";

beforeAll(useLocalStorage);

/** Every page of the gallery as `viewerId` sees it, `limit` at a time, through the cursor as a client passes it. */
async function wholeGallery(viewerId: string | null, limit: number) {
  const pages: { prompt: string; favoriteCount: number; favorited: boolean }[][] = [];
  let cursor: string | null = null;
  do {
    const query = favoritesSchemas.galleryQuery.parse({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const page = await latestPublicVideos({ viewerId, ...query });
    pages.push(page.items.map(({ prompt, favoriteCount, favorited }) => ({ prompt, favoriteCount, favorited })));
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe("the public gallery", () => {
  it("pages finished public videos by completion time then id, with counts and the viewer's favorites", async () => {
    const [owner, fan] = await Promise.all([createUser("owner"), createUser("fan")]);
    const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 12, minute));
    const same = at(30);
    // Two finished in the same millisecond: the id breaks the tie, and the cursor must not skip either.
    const tied = await Promise.all(["tie a", "tie b"].map((prompt) => videoOf(owner, { completedAt: same, prompt })));
    const older = await videoOf(owner, { completedAt: at(1), prompt: "oldest" });
    await videoOf(owner, { completedAt: at(40), prompt: "newest" });
    await videoOf(owner, { completedAt: at(20), prompt: "middle" });
    await videoOf(owner, { visibility: "UNLISTED", completedAt: at(50), prompt: "unlisted" });
    await videoOf(owner, { visibility: "PRIVATE", completedAt: at(50), prompt: "private" });
    await videoOf(owner, { status: "GENERATING", prompt: "unfinished" });
    const hidden = await videoOf(owner, { completedAt: at(45), prompt: "made private" });
    await updateVideoPolicy(owner, hidden.uuid, { visibility: "private" });

    await favoriteVideo(fan, older.uuid);
    await favoriteVideo(owner, older.uuid);
    await favoriteVideo(fan, tied[0]?.uuid ?? "");

    const ties = [...tied].sort((a, b) => (a.id < b.id ? 1 : -1)).map((v) => v.prompt);
    const expected = ["newest", ...ties, "middle", "oldest"];
    const asFan = await wholeGallery(fan, 2);
    expect(asFan.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(asFan.flat().map((v) => v.prompt)).toEqual(expected);
    expect(asFan.flat().find((v) => v.prompt === "oldest")).toEqual({
      prompt: "oldest",
      favoriteCount: 2,
      favorited: true,
    });
    expect(asFan.flat().find((v) => v.prompt === "tie a")).toMatchObject({ favoriteCount: 1, favorited: true });
    expect(asFan.flat().find((v) => v.prompt === "middle")).toMatchObject({ favoriteCount: 0, favorited: false });

    const anonymous = (await wholeGallery(null, 12)).flat();
    expect(anonymous.map((v) => v.prompt)).toEqual(expected);
    expect(anonymous.every((v) => !v.favorited)).toBe(true);
    expect(anonymous.find((v) => v.prompt === "oldest")?.favoriteCount).toBe(2);
  });

  it("gives each item a signed link, and refuses a cursor it did not give out", async () => {
    const owner = await createUser("owner");
    await videoOf(owner);
    const page = await latestPublicVideos({ viewerId: null });
    expect(page.items[0]?.videoUrl).toContain("/api/v1/files/");
    expect(page.nextCursor).toBeNull();
    for (const cursor of ["nope", favoritesSchemas.favoritesCursor.encode(["2026-05-01T12:00:00.000Z", "vid_x"])]) {
      const parsed = favoritesSchemas.galleryQuery.safeParse({ cursor });
      expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["cursor"]);
    }
  });
});
