import { db, type Prisma, type Video } from "@videofly/db";
import { AppError } from "../errors/index.ts";
import { playUrl } from "../video/queries.ts";

/**
 * The videos `userId` may play, as the play door decides it: their own, and anyone's finished
 * one that is unlisted or public. Deleted ones are no one's (deleting also makes a video private).
 */
export function playableBy(userId: string): Prisma.VideoWhereInput {
  return {
    deletedAt: null,
    OR: [{ userId }, { visibility: { in: ["UNLISTED", "PUBLIC"] }, status: "COMPLETED", storageKey: { not: null } }],
  };
}

/** The video `userId` may play; otherwise "not found", as the play door answers for another's private video. */
export async function findPlayableVideo(userId: string, uuid: string): Promise<Video> {
  const video = await db().video.findFirst({ where: { uuid, ...playableBy(userId) } });
  if (!video) throw new AppError("VIDEO_NOT_FOUND", { details: { uuid } });
  return video;
}

/** A video as the gallery and the favorites list show it to anyone who may play it. */
export async function publicView(v: Video) {
  return {
    uuid: v.uuid,
    model: v.model,
    prompt: v.prompt,
    aspectRatio: v.aspectRatio,
    duration: v.duration,
    videoUrl: await playUrl(v),
    completedAt: v.completedAt,
  };
}
