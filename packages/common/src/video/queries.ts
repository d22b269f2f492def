import { db, type Prisma, type Video, type VideoMode, type VideoStatus } from "@videofly/db";
import type { z } from "zod";
import { signedPosterUrl, signedVideoUrl } from "../access/urls.ts";
import { cancelQueuedVideo } from "../batch/cancel.ts";
import { AppError } from "../errors/index.ts";
import { type policyBody, type VideoPosition, videoCursor } from "./schemas.ts";
import { videoView } from "./view.ts";

/**
 * The owner's (or, in the gallery, anyone's for a public video) short-lived signed link to play a
 * stored video; null until it is COMPLETED. Not a door: lists show it without recording a look.
 */
export async function playUrl(v: Video): Promise<string | null> {
  if (v.status !== "COMPLETED" || !v.storageKey) return null;
  return (await signedVideoUrl({ uuid: v.uuid, storageKey: v.storageKey }, "play")).url;
}

/** The signed link to a finished video's poster, for the same callers as `playUrl`; null without one. */
export async function posterUrl(v: Video): Promise<string | null> {
  if (v.status !== "COMPLETED" || !v.thumbnailKey) return null;
  return signedPosterUrl({ thumbnailKey: v.thumbnailKey });
}

/** `videoView` with its signed links. */
export async function signedVideoView(v: Video) {
  const [videoUrl, poster] = await Promise.all([playUrl(v), posterUrl(v)]);
  return videoView(v, videoUrl, poster);
}

/** The user's own video; another user's is "not found", never "forbidden", so ids leak nothing. */
export async function findOwnVideo(userId: string, uuid: string): Promise<Video> {
  const video = await db().video.findFirst({ where: { uuid, userId, deletedAt: null } });
  if (!video) throw new AppError("VIDEO_NOT_FOUND", { details: { uuid } });
  return video;
}

export async function getVideo(userId: string, uuid: string) {
  const video = await findOwnVideo(userId, uuid);
  return signedVideoView(video);
}

export async function getVideoStatus(userId: string, uuid: string) {
  const v = await findOwnVideo(userId, uuid);
  return {
    uuid: v.uuid,
    status: v.status,
    progress: v.progress,
    error: v.errorCode ? { code: v.errorCode, message: v.errorMessage } : null,
    completedAt: v.completedAt,
  };
}

/**
 * The user's videos, newest first, of a status, a mode, or with `q` in their prompt; `cursor` is a
 * position `listQuery` decoded. The search is an ILIKE over the user's own rows: the
 * (userId, createdAt, id) index narrows to them and walks them newest first, so it stays cheap for
 * one person's library without a trigram index.
 */
export async function listVideos(
  userId: string,
  options: { status?: VideoStatus; mode?: VideoMode; q?: string; limit?: number; cursor?: VideoPosition } = {},
) {
  const where: Prisma.VideoWhereInput = {
    userId,
    deletedAt: null,
    ...(options.status ? { status: options.status } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.q ? { prompt: { contains: options.q, mode: "insensitive" as const } } : {}),
  };
  const { page, after } = await pageOfVideos(where, options);
  return {
    items: await Promise.all(page.map(signedVideoView)),
    nextCursor: after ? videoCursor.encode(after) : null,
  };
}

/**
 * One page of the videos `where` picks, newest first by (createdAt, id) from `cursor` on, and the
 * position after it (null on the last page): every list of videos pages this way.
 */
export async function pageOfVideos(
  where: Prisma.VideoWhereInput,
  options: { limit?: number; cursor?: readonly [string, string] },
): Promise<{ page: Video[]; after: [string, string] | null }> {
  const limit = options.limit ?? 20;
  const after = options.cursor && { createdAt: new Date(options.cursor[0]), id: options.cursor[1] };
  const rows = await db().video.findMany({
    where: {
      ...where,
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, after: rows.length > limit && last ? [last.createdAt.toISOString(), last.id] : null };
}

/**
 * Soft delete: gone from every list at once; the cleanup job removes the stored file. A queued
 * batch item is cancelled (its credits released) rather than left waiting for a slot.
 */
export async function deleteVideo(userId: string, uuid: string): Promise<{ uuid: string; deleted: true }> {
  const video = await findOwnVideo(userId, uuid);
  if (video.status === "QUEUED") await cancelQueuedVideo(userId, uuid, video.batchId);
  await db().video.update({ where: { id: video.id }, data: { deletedAt: new Date(), visibility: "PRIVATE" } });
  return { uuid, deleted: true };
}

const VISIBILITY = { private: "PRIVATE", unlisted: "UNLISTED", public: "PUBLIC" } as const;

/** The owner sets who may play, embed and download the video; only a finished one may be shared. */
export async function updateVideoPolicy(userId: string, uuid: string, policy: z.output<typeof policyBody>) {
  const video = await findOwnVideo(userId, uuid);
  if (policy.visibility && policy.visibility !== "private" && video.status !== "COMPLETED") {
    throw new AppError("CONFLICT", { message: "Only a finished video can be shared." });
  }
  const updated = await db().video.update({
    where: { id: video.id },
    data: {
      ...(policy.visibility ? { visibility: VISIBILITY[policy.visibility] } : {}),
      ...(policy.allowEmbed === undefined ? {} : { allowEmbed: policy.allowEmbed }),
      ...(policy.allowDownload === undefined ? {} : { allowDownload: policy.allowDownload }),
      ...(policy.embedDomains ? { embedDomains: [...new Set(policy.embedDomains)] } : {}),
    },
  });
  return signedVideoView(updated);
}
