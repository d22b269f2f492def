import { pool, type Video } from "@videofly/db";
import { logger } from "../logger.ts";
import { videoConfig } from "./config.ts";
import { failVideo } from "./lifecycle.ts";

/**
 * Unconfirmed tasks: the provider's answer to our create call was lost (a timeout, a reset, a 5xx,
 * an unreadable body), so the task may exist and be rendering, but we do not know its id. None of
 * our providers can look a task up by our reference, so the video waits (GENERATING, with that
 * provider, no task id) for the provider's callback: it arrives at the signed URL of this video and
 * carries the task id, which binds the task, once. Without one within VIDEO_UNCONFIRMED_TASK_MINUTES
 * the video fails and the user's credits are released (the provider may have charged us; the user
 * is never charged for nothing, and the task is never sent to a second provider).
 */

/** Records the task a callback names for a video that had none; true when this call bound it. */
export async function bindUnconfirmedTask(uuid: string, provider: string, taskId: string): Promise<boolean> {
  try {
    const { rowCount } = await pool().query(
      `UPDATE video SET "providerTaskId" = $3, "nextCheckAt" = now(), "updatedAt" = now()
        WHERE uuid = $1 AND provider = $2 AND "providerTaskId" IS NULL AND status = 'GENERATING'`,
      [uuid, provider, taskId],
    );
    return rowCount === 1;
  } catch (error) {
    // The task is already another video's: not this video's callback.
    if ((error as { code?: string }).code === "23505") return false;
    throw error;
  }
}

/** The poll job's look at an unconfirmed video: wait for the callback until the window closes. */
export async function checkUnconfirmedTask(video: Video): Promise<void> {
  const windowMs = videoConfig().VIDEO_UNCONFIRMED_TASK_MINUTES * 60_000;
  const deadline = (video.startedAt ?? video.createdAt).getTime() + windowMs;
  if (Date.now() < deadline) {
    await pool().query(
      `UPDATE video SET "nextCheckAt" = $2, "updatedAt" = now()
        WHERE uuid = $1 AND status = 'GENERATING' AND "providerTaskId" IS NULL`,
      [video.uuid, new Date(deadline)],
    );
    return;
  }
  const minutes = videoConfig().VIDEO_UNCONFIRMED_TASK_MINUTES;
  const failed = await failVideo(
    video.uuid,
    "PROVIDER_ERROR",
    `${video.provider} never confirmed the task: no callback within ${minutes} minutes.`,
    { unconfirmedOnly: true },
  );
  if (failed) logger().warn({ videoUuid: video.uuid, provider: video.provider }, "an unconfirmed task timed out");
}
