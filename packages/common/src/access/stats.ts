import { pool } from "@videofly/db";
import { findOwnVideo } from "../video/queries.ts";

export interface VideoAccessDay {
  day: string;
  plays: number;
  embeds: number;
  downloads: number;
  refused: number;
}

/**
 * The owner's view of who looked: per UTC day of the last `days` (today included), the plays,
 * embeds and downloads let through, and the decisions refused. Another user's video is not found.
 */
export async function videoAccessStats(userId: string, uuid: string, days = 30, now = new Date()) {
  const video = await findOwnVideo(userId, uuid);
  const { rows } = await pool().query<VideoAccessDay>(
    `WITH d AS (
       SELECT generate_series($2::date - ($3::int - 1), $2::date, '1 day')::date AS day
     ),
     looks AS (
       SELECT "createdAt"::date AS day,
              count(*) FILTER (WHERE allowed AND action = 'PLAY') AS plays,
              count(*) FILTER (WHERE allowed AND action = 'EMBED') AS embeds,
              count(*) FILTER (WHERE allowed AND action = 'DOWNLOAD') AS downloads,
              count(*) FILTER (WHERE NOT allowed) AS refused
         FROM video_access_log
        WHERE "videoId" = $1 AND "createdAt" >= ($2::date - ($3::int - 1))::timestamp
        GROUP BY 1
     )
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(l.plays, 0)::int AS plays,
            COALESCE(l.embeds, 0)::int AS embeds, COALESCE(l.downloads, 0)::int AS downloads,
            COALESCE(l.refused, 0)::int AS refused
       FROM d LEFT JOIN looks l ON l.day = d.day ORDER BY d.day`,
    [video.id, now.toISOString().slice(0, 10), days],
  );
  const total = (key: keyof Omit<VideoAccessDay, "day">) => rows.reduce((sum, r) => sum + r[key], 0);
  return {
    uuid,
    days: rows,
    totals: {
      plays: total("plays"),
      embeds: total("embeds"),
      downloads: total("downloads"),
      refused: total("refused"),
    },
  };
}
