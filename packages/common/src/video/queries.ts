import { db, type Video, type VideoStatus } from "@videofly/db";
import { cancelQueuedVideo } from "../batch/cancel.ts";
import { AppError } from "../errors/index.ts";
import { files } from "./files.ts";
import { type VideoPosition, videoCursor } from "./schemas.ts";
import { videoView } from "./view.ts";

const DOWNLOAD_TTL_S = 3600;

/** A short-lived link to a stored video; null until it is COMPLETED. */
export async function downloadUrl(v: Video): Promise<string | null> {
  if (v.status !== "COMPLETED" || !v.storageKey) return null;
  return files().publicUrl(v.storageKey) ?? files().presignDownload(v.storageKey, { expiresInSeconds: DOWNLOAD_TTL_S });
}

/** The user's own video; another user's is "not found", never "forbidden", so ids leak nothing. */
export async function findOwnVideo(userId: string, uuid: string): Promise<Video> {
  const video = await db().video.findFirst({ where: { uuid, userId, deletedAt: null } });
  if (!video) throw new AppError("VIDEO_NOT_FOUND", { details: { uuid } });
  return video;
}

export async function getVideo(userId: string, uuid: string) {
  const video = await findOwnVideo(userId, uuid);
  return videoView(video, await downloadUrl(video));
}

export async function getVideoStatus(userId: string, uuid: string) {
  const v = await findOwnVideo(userId, uuid);
  return {
    uuid: v.uuid,
    status: v.status,
    error: v.errorCode ? { code: v.errorCode, message: v.errorMessage } : null,
    completedAt: v.completedAt,
  };
}

/** The user's videos, newest first; `cursor` is a position `listQuery` decoded. */
export async function listVideos(
  userId: string,
  options: { status?: VideoStatus; limit?: number; cursor?: VideoPosition } = {},
) {
  const limit = options.limit ?? 20;
  const after = options.cursor && { createdAt: new Date(options.cursor[0]), id: options.cursor[1] };
  const rows = await db().video.findMany({
    where: {
      userId,
      deletedAt: null,
      ...(options.status ? { status: options.status } : {}),
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await Promise.all(page.map(async (v) => videoView(v, await downloadUrl(v)))),
    nextCursor: rows.length > limit && last ? videoCursor.encode([last.createdAt.toISOString(), last.id]) : null,
  };
}

/**
 * Soft delete: gone from every list at once; the cleanup job removes the stored file. A queued
 * batch item is cancelled (its credits released) rather than left waiting for a slot.
 */
export async function deleteVideo(userId: string, uuid: string): Promise<{ uuid: string; deleted: true }> {
  const video = await findOwnVideo(userId, uuid);
  if (video.status === "QUEUED") await cancelQueuedVideo(userId, uuid, video.batchId);
  await db().video.update({ where: { id: video.id }, data: { deletedAt: new Date(), isPublic: false } });
  return { uuid, deleted: true };
}

export async function setVideoVisibility(userId: string, uuid: string, isPublic: boolean) {
  const video = await findOwnVideo(userId, uuid);
  if (isPublic && video.status !== "COMPLETED") {
    throw new AppError("CONFLICT", { message: "Only a finished video can be made public." });
  }
  const updated = await db().video.update({ where: { id: video.id }, data: { isPublic } });
  return videoView(updated, await downloadUrl(updated));
}

/** The public gallery: the latest finished videos their owners made public. */
export async function latestPublicVideos(limit = 12) {
  const rows = await db().video.findMany({
    where: { isPublic: true, status: "COMPLETED", deletedAt: null },
    orderBy: { completedAt: "desc" },
    take: limit,
  });
  return Promise.all(
    rows.map(async (v) => ({
      uuid: v.uuid,
      model: v.model,
      prompt: v.prompt,
      aspectRatio: v.aspectRatio,
      duration: v.duration,
      videoUrl: await downloadUrl(v),
      completedAt: v.completedAt,
    })),
  );
}

/** A public, finished video for the embed player; null for anything else (private, deleted, unknown). */
export async function getPublicVideo(uuid: string) {
  const v = await db().video.findFirst({ where: { uuid, isPublic: true, status: "COMPLETED", deletedAt: null } });
  return v ? { uuid: v.uuid, prompt: v.prompt, aspectRatio: v.aspectRatio, videoUrl: await downloadUrl(v) } : null;
}
