import { type SqlClient, transaction, type VideoStatus } from "@videofly/db";
import { AppError } from "../errors/index.ts";
import { pageOfVideos, signedVideoView } from "../video/queries.ts";
import { getProject, projectNotFound } from "./projects.ts";
import { type ProjectVideoPosition, projectVideoCursor } from "./schemas.ts";

/** A project's videos newest first, each as GET /video/{uuid} shows it plus its last change. */
export async function listProjectVideos(
  userId: string,
  id: string,
  options: { status?: VideoStatus; limit?: number; cursor?: ProjectVideoPosition } = {},
) {
  await getProject(userId, id);
  const where = { projectId: id, userId, deletedAt: null, ...(options.status ? { status: options.status } : {}) };
  const { page, after } = await pageOfVideos(where, options);
  return {
    items: await Promise.all(page.map(async (v) => ({ ...(await signedVideoView(v)), updatedAt: v.updatedAt }))),
    nextCursor: after ? projectVideoCursor.encode(after) : null,
  };
}

/** Locks the user's project against deletion until the transaction ends; false when it is not theirs. */
async function lockOwnProject(client: SqlClient, userId: string, projectId: string): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM project WHERE id = $1 AND "userId" = $2 FOR SHARE`, [
    projectId,
    userId,
  ]);
  return rows.length > 0;
}

/**
 * Moves the user's videos into a project (or out of any, `projectId` null), all or nothing: a
 * uuid that is not one of their videos (another user's, deleted, unknown) is a 404 naming it,
 * and nothing moves; another user's project is a 404 too.
 */
export async function moveVideos(userId: string, projectId: string | null, videoUuids: string[]) {
  const uuids = [...new Set(videoUuids)];
  const moved = await transaction(async (client) => {
    if (projectId && !(await lockOwnProject(client, userId, projectId))) throw projectNotFound(projectId);
    const { rows } = await client.query<{ uuid: string }>(
      `SELECT uuid FROM video WHERE uuid = ANY($1::text[]) AND "userId" = $2 AND "deletedAt" IS NULL
        ORDER BY id FOR UPDATE`,
      [uuids, userId],
    );
    const found = new Set(rows.map((r) => r.uuid));
    const missing = uuids.filter((u) => !found.has(u));
    if (missing.length) {
      throw new AppError("VIDEO_NOT_FOUND", {
        message: `No such video of yours: ${missing.join(", ")}. Nothing was moved.`,
        details: { uuids: missing },
      });
    }
    const updated = await client.query(
      `UPDATE video SET "projectId" = $1, "updatedAt" = now() WHERE uuid = ANY($2::text[]) AND "userId" = $3`,
      [projectId, uuids, userId],
    );
    return updated.rowCount ?? 0;
  });
  return { projectId, moved, videoUuids: uuids };
}

/**
 * Puts videos just created in this transaction (a generation, a batch's items) into the user's
 * project, which stays locked against deletion until commit. Not theirs: a 400 naming the field,
 * and the caller's transaction rolls back with nothing made or held.
 */
export async function joinProjectInTransaction(
  client: SqlClient,
  userId: string,
  projectId: string | null | undefined,
  videoUuids: string[],
): Promise<void> {
  if (!projectId) return;
  if (!(await lockOwnProject(client, userId, projectId))) {
    const message = "No such project of yours.";
    throw new AppError("VALIDATION_FAILED", {
      message,
      details: { fields: [{ field: "body.projectId", code: "not_found", message }] },
    });
  }
  await client.query(`UPDATE video SET "projectId" = $1 WHERE uuid = ANY($2::text[]) AND "userId" = $3`, [
    projectId,
    videoUuids,
    userId,
  ]);
}
