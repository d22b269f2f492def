import { db, type Prisma, type Video } from "@videofly/db";
import { AppError } from "../errors/index.ts";

/**
 * The videos `userId` may play, as a query: the play branch of `policyOutcome` (rules.ts) for
 * lists, where deciding row by row would be a query per row — their own, and anyone's finished one
 * that is unlisted or public. Deleted ones are no one's. test/access/playable.test.ts holds it to
 * the decision for every visibility, owner and status.
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
