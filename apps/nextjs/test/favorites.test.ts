import { createDatabaseFromTemplate, dropDatabase } from "@videofly/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "./support/app-server";
import { type Caller, callAs, finishedVideos, verifiedUser } from "./support/public-videos";

// Its own app and database, so the gallery holds only this file's videos.
let app: AppServer;
let databaseUrl: string;
let owner: Caller;
let fan: Caller;
let other: Caller;
let gallery: string[]; // public, oldest first
let privateOne: string;

interface FavoriteState {
  uuid: string;
  favorited: boolean;
  favoriteCount: number;
}
interface GalleryVideo {
  uuid: string;
  videoUrl: string | null;
  favoriteCount: number;
  favorited: boolean;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

beforeAll(async () => {
  databaseUrl = await createDatabaseFromTemplate(inject("templateDatabaseUrl"), "vf_favorites");
  app = await startAppServer({
    DATABASE_URL: databaseUrl,
    DEMO_PROVIDER_DELAY_MS: "100",
    VIDEO_POLL_INTERVAL_MS: "100",
  });
  [owner, fan, other] = await Promise.all([
    verifiedUser(app, "favorites-owner@example.com"),
    verifiedUser(app, "favorites-fan@example.com"),
    verifiedUser(app, "favorites-other@example.com"),
  ]);
  gallery = await finishedVideos(app, owner, ["one", "two", "three", "four", "five"]);
  [privateOne] = (await finishedVideos(app, owner, ["kept private"], "private")) as [string];
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await dropDatabase(databaseUrl);
});

const favorite = (caller: Caller, uuid: string, method: "POST" | "DELETE" = "POST") =>
  callAs<FavoriteState>(app, caller, `/api/v1/video/${uuid}/favorite`, { method });

async function wholeGallery(caller: Caller | null, limit: number) {
  const pages: GalleryVideo[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const { res, body } = await callAs<Page<GalleryVideo>>(app, caller, `/api/v1/videos/latest?${query}`);
    expect(res.status).toBe(200);
    pages.push(body.data.items);
    cursor = body.data.nextCursor;
  } while (cursor);
  return pages;
}

describe("favorites over HTTP", () => {
  it("counts 20 truly concurrent favorites of one user once, and two users twice", async () => {
    const uuid = gallery[0] ?? "";
    const answers = await Promise.all(Array.from({ length: 20 }, () => favorite(fan, uuid)));
    expect(answers.map((a) => a.res.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body.data)))).toEqual(
      new Set([JSON.stringify({ uuid, favorited: true, favoriteCount: 1 })]),
    );
    const both = await Promise.all(Array.from({ length: 10 }, (_, i) => favorite(i % 2 ? fan : other, uuid)));
    expect(both.every((a) => a.res.status === 200)).toBe(true);
    expect((await favorite(other, uuid)).body.data).toEqual({ uuid, favorited: true, favoriteCount: 2 });

    expect((await favorite(other, uuid, "DELETE")).body.data).toEqual({ uuid, favorited: false, favoriteCount: 1 });
    expect((await favorite(other, uuid, "DELETE")).body.data).toEqual({ uuid, favorited: false, favoriteCount: 1 });
  });

  it("answers 404 for another's private video, and for a signed-out caller 401", async () => {
    for (const method of ["POST", "DELETE"] as const) {
      const refused = await favorite(fan, privateOne, method);
      expect([refused.res.status, refused.body.error?.code]).toEqual([404, "E4006"]);
    }
    expect((await favorite(owner, privateOne)).body.data).toEqual({
      uuid: privateOne,
      favorited: true,
      favoriteCount: 1,
    });
    const anonymous = await callAs(app, null, `/api/v1/video/${gallery[1]}/favorite`, { method: "POST" });
    expect(anonymous.res.status).toBe(401);
    expect((await favorite(fan, "not-a-uuid")).res.status).toBe(400);
  });

  it("pages the gallery through its cursor, newest first, with counts and the caller's favorites", async () => {
    await favorite(fan, gallery[3] ?? "");
    const newestFirst = [...gallery].reverse();
    const asFan = await wholeGallery(fan, 2);
    expect(asFan.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(asFan.flat().map((v) => v.uuid)).toEqual(newestFirst);
    const fanSees = Object.fromEntries(asFan.flat().map((v) => [v.uuid, [v.favorited, v.favoriteCount]]));
    expect(fanSees[gallery[0] ?? ""]).toEqual([true, 1]);
    expect(fanSees[gallery[3] ?? ""]).toEqual([true, 1]);
    expect(fanSees[gallery[2] ?? ""]).toEqual([false, 0]);

    const anonymous = (await wholeGallery(null, 12)).flat();
    expect(anonymous.map((v) => v.uuid)).toEqual(newestFirst);
    expect(anonymous.map((v) => v.favorited)).toEqual(Array(5).fill(false));
    expect(anonymous.find((v) => v.uuid === gallery[0])?.favoriteCount).toBe(1);
    expect(anonymous[0]?.videoUrl).toContain("/api/v1/files/");
  });

  it("refuses a bad cursor or limit with a 400 naming the field", async () => {
    const favorites = await callAs<Page<unknown>>(app, fan, "/api/v1/user/favorites?limit=1");
    const foreign = favorites.body.data.nextCursor ?? "";
    expect(foreign).not.toBe("");
    for (const [path, field] of [
      ["/api/v1/videos/latest?cursor=bogus", "query.cursor"],
      [`/api/v1/videos/latest?cursor=${foreign}`, "query.cursor"],
      ["/api/v1/videos/latest?limit=51", "query.limit"],
      ["/api/v1/user/favorites?cursor=bogus", "query.cursor"],
    ] as const) {
      const { res, body } = await callAs(app, fan, path);
      expect([res.status, body.error?.details?.fields?.map((f) => f.field)], path).toEqual([400, [field]]);
    }
  });

  it("lists the caller's favorites newest first, leaving out what they may no longer play", async () => {
    const list = async () => {
      const items: (GalleryVideo & { favoritedAt: string })[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const { body } = await callAs<Page<GalleryVideo & { favoritedAt: string }>>(
          app,
          fan,
          `/api/v1/user/favorites?${query}`,
        );
        items.push(...body.data.items);
        cursor = body.data.nextCursor;
      } while (cursor);
      return items;
    };
    await favorite(fan, gallery[4] ?? "");
    expect((await list()).map((v) => v.uuid)).toEqual([gallery[4], gallery[3], gallery[0]]);
    // One made private by its owner, one deleted: gone from the fan's list.
    await callAs(app, owner, `/api/v1/video/${gallery[4]}`, { method: "PATCH", body: { visibility: "private" } });
    await callAs(app, owner, `/api/v1/video/${gallery[3]}`, { method: "DELETE" });
    const left = await list();
    expect(left.map((v) => [v.uuid, v.favoriteCount])).toEqual([[gallery[0], 1]]);
    expect(Number.isNaN(Date.parse(left[0]?.favoritedAt ?? ""))).toBe(false);
    expect((await wholeGallery(fan, 12)).flat().map((v) => v.uuid)).toEqual([gallery[2], gallery[1], gallery[0]]);
    const owners = await callAs<Page<GalleryVideo>>(app, owner, "/api/v1/user/favorites");
    expect(owners.body.data.items.map((v) => v.uuid)).toEqual([privateOne]);
  });
});
