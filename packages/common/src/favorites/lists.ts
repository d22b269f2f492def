import { db } from "@videofly/db";
import { playableBy } from "../access/playable.ts";
import { type FavoritesPosition, favoritesCursor, type GalleryPosition, galleryCursor } from "./schemas.ts";
import { publicView } from "./view.ts";

const withCount = { _count: { select: { favorites: true } } } as const;

/**
 * The public gallery, newest finished first (completion time, then id: the order of the index
 * on (visibility, completedAt, id)), each with its favorite count and whether `viewerId` (when
 * signed in) favorited it. `cursor` is a position `galleryQuery` decoded.
 */
export async function latestPublicVideos(options: {
  viewerId?: string | null;
  limit?: number;
  cursor?: GalleryPosition;
}) {
  const limit = options.limit ?? 12;
  const after = options.cursor && { completedAt: new Date(options.cursor[0]), id: options.cursor[1] };
  const rows = await db().video.findMany({
    where: {
      visibility: "PUBLIC",
      status: "COMPLETED",
      deletedAt: null,
      completedAt: { not: null },
      ...(after
        ? { OR: [{ completedAt: { lt: after.completedAt } }, { completedAt: after.completedAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: withCount,
  });
  const page = rows.slice(0, limit);
  const mine = options.viewerId
    ? await db().videoFavorite.findMany({
        where: { userId: options.viewerId, videoId: { in: page.map((v) => v.id) } },
        select: { videoId: true },
      })
    : [];
  const favorited = new Set(mine.map((f) => f.videoId));
  const last = page.at(-1);
  return {
    items: await Promise.all(
      page.map(async (v) => ({
        ...(await publicView(v)),
        favoriteCount: v._count.favorites,
        favorited: favorited.has(v.id),
      })),
    ),
    nextCursor:
      rows.length > limit && last?.completedAt ? galleryCursor.encode([last.completedAt.toISOString(), last.id]) : null,
  };
}

/**
 * The user's favorites, newest favorite first, among the videos they may still play: a deleted
 * video, or another's made private since, is left out (and shows again if it is shared again).
 */
export async function listFavorites(userId: string, options: { limit?: number; cursor?: FavoritesPosition } = {}) {
  const limit = options.limit ?? 20;
  const after = options.cursor && { createdAt: new Date(options.cursor[0]), videoId: options.cursor[1] };
  const rows = await db().videoFavorite.findMany({
    where: {
      userId,
      video: playableBy(userId),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.createdAt } },
              { createdAt: after.createdAt, videoId: { lt: after.videoId } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { videoId: "desc" }],
    take: limit + 1,
    include: { video: { include: withCount } },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await Promise.all(
      page.map(async (f) => ({
        ...(await publicView(f.video)),
        favoriteCount: f.video._count.favorites,
        favoritedAt: f.createdAt,
      })),
    ),
    nextCursor:
      rows.length > limit && last ? favoritesCursor.encode([last.createdAt.toISOString(), last.videoId]) : null,
  };
}
