import { db, pool } from "@videofly/db";
import { findPlayableVideo } from "../access/playable.ts";

export interface FavoriteState {
  uuid: string;
  favorited: boolean;
  favoriteCount: number;
}

/**
 * Favorites a video the user may play. The primary key (userId, videoId) makes it count once per
 * user however many requests race: a second insert does nothing rather than fail.
 */
export async function favoriteVideo(userId: string, uuid: string, now = new Date()): Promise<FavoriteState> {
  const video = await findPlayableVideo(userId, uuid);
  await pool().query(
    `INSERT INTO video_favorite ("userId", "videoId", "createdAt")
     VALUES ($1, $2, $3::timestamptz AT TIME ZONE 'UTC')
     ON CONFLICT DO NOTHING`,
    [userId, video.id, now],
  );
  return { uuid, favorited: true, favoriteCount: await favoriteCount(video.id) };
}

/** Takes a favorite back; a video the user had not favorited stays as it was. */
export async function unfavoriteVideo(userId: string, uuid: string): Promise<FavoriteState> {
  const video = await findPlayableVideo(userId, uuid);
  await db().videoFavorite.deleteMany({ where: { userId, videoId: video.id } });
  return { uuid, favorited: false, favoriteCount: await favoriteCount(video.id) };
}

function favoriteCount(videoId: string): Promise<number> {
  return db().videoFavorite.count({ where: { videoId } });
}
