import { db, pool } from "@videofly/db";
import type { z } from "zod";
import { AppError } from "../errors/index.ts";
import { HOLDING_SQL } from "../video/lifecycle.ts";
import { deleteVideo } from "../video/queries.ts";
import { type createBody, type ProjectPosition, projectCursor, type updateBody } from "./schemas.ts";

export const projectNotFound = (id: string) =>
  new AppError("NOT_FOUND", { message: "No such project.", details: { id } });

interface ProjectRow {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  queued: number;
  pending: number;
  generating: number;
  uploading: number;
  completed: number;
  failed: number;
  cancelled: number;
  creditsSpent: number;
  lastVideoAt: Date | null;
}

// A project with its (not deleted) videos counted by status; `p` is the project row.
const PROJECT_SELECT = `
  SELECT p.id, p.name, p.description, p."createdAt", p."updatedAt", s.*
    FROM project p
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE v.status = 'QUEUED')::int AS queued,
             count(*) FILTER (WHERE v.status = 'PENDING')::int AS pending,
             count(*) FILTER (WHERE v.status = 'GENERATING')::int AS generating,
             count(*) FILTER (WHERE v.status = 'UPLOADING')::int AS uploading,
             count(*) FILTER (WHERE v.status = 'COMPLETED')::int AS completed,
             count(*) FILTER (WHERE v.status = 'FAILED')::int AS failed,
             count(*) FILTER (WHERE v.status = 'CANCELLED')::int AS cancelled,
             coalesce(sum(v."creditsCost") FILTER (WHERE v.status = 'COMPLETED'), 0)::int AS "creditsSpent",
             max(v."createdAt") AS "lastVideoAt"
        FROM video v WHERE v."projectId" = p.id AND v."deletedAt" IS NULL) s`;

function projectView(r: ProjectRow) {
  const counts = {
    queued: r.queued,
    pending: r.pending,
    generating: r.generating,
    uploading: r.uploading,
    completed: r.completed,
    failed: r.failed,
    cancelled: r.cancelled,
  };
  const running = r.queued + r.pending + r.generating + r.uploading;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    status: running > 0 ? ("active" as const) : ("idle" as const),
    videoCount: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
    creditsSpent: r.creditsSpent,
    lastVideoAt: r.lastVideoAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export type ProjectView = ReturnType<typeof projectView>;

export async function createProject(userId: string, input: z.output<typeof createBody>): Promise<ProjectView> {
  const created = await db().project.create({
    data: { userId, name: input.name, description: input.description ?? null },
  });
  return getProject(userId, created.id);
}

/** The user's project with its counts; another user's is "not found", so ids leak nothing. */
export async function getProject(userId: string, id: string): Promise<ProjectView> {
  const { rows } = await pool().query<ProjectRow>(`${PROJECT_SELECT} WHERE p.id = $1 AND p."userId" = $2`, [
    id,
    userId,
  ]);
  const row = rows[0];
  if (!row) throw projectNotFound(id);
  return projectView(row);
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The user's projects, newest first, by name (`q`, a substring) and status; cursor-paginated. */
export async function listProjects(
  userId: string,
  options: { q?: string; status?: ProjectView["status"]; limit?: number; cursor?: ProjectPosition } = {},
) {
  const limit = options.limit ?? 20;
  const at = options.cursor;
  const { rows } = await pool().query<ProjectRow>(
    `${PROJECT_SELECT}
      WHERE p."userId" = $1
        AND ($2::text IS NULL OR p.name ILIKE $2)
        AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM video v WHERE v."projectId" = p.id AND v."deletedAt" IS NULL
                                         AND v.status IN ${HOLDING_SQL}) = ($3 = 'active'))
        AND ($4::timestamptz IS NULL OR (p."createdAt", p.id) < ($4::timestamptz AT TIME ZONE 'UTC', $5::text))
      ORDER BY p."createdAt" DESC, p.id DESC LIMIT $6`,
    [
      userId,
      options.q ? likePattern(options.q) : null,
      options.status ?? null,
      at?.[0] ?? null,
      at?.[1] ?? null,
      limit + 1,
    ],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(projectView),
    nextCursor: rows.length > limit && last ? projectCursor.encode([last.createdAt.toISOString(), last.id]) : null,
  };
}

export async function updateProject(
  userId: string,
  id: string,
  input: z.output<typeof updateBody>,
): Promise<ProjectView> {
  const { count } = await db().project.updateMany({
    where: { id, userId },
    data: {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.description === undefined ? {} : { description: input.description }),
    },
  });
  if (!count) throw projectNotFound(id);
  return getProject(userId, id);
}

/**
 * Deletes a project. `keep`: its videos stay, in no project (the foreign key sets them free).
 * `delete`: each video goes first through the one deletion path (`deleteVideo`: soft delete, a
 * queued item's credits released, the stored file removed by the cleanup job), then the project;
 * a failure midway leaves the project with the videos not yet deleted, and a repeat finishes it.
 */
export async function deleteProject(userId: string, id: string, videos: "keep" | "delete") {
  if (!(await db().project.findFirst({ where: { id, userId }, select: { id: true } }))) throw projectNotFound(id);
  const own = await db().video.findMany({
    where: { projectId: id, userId, deletedAt: null },
    select: { uuid: true },
    orderBy: { createdAt: "asc" },
  });
  if (videos === "delete") for (const v of own) await deleteVideo(userId, v.uuid);
  const { count } = await db().project.deleteMany({ where: { id, userId } });
  if (!count) throw projectNotFound(id);
  return { id, deleted: true as const, videos, videoCount: own.length };
}
