import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { video, videoStatus } from "../video/schemas.ts";
import { pageSchema, timestamp } from "../wire.ts";
import { projectId } from "./id.ts";

/** The most videos one move may name. */
export const MAX_MOVE_VIDEOS = 100;

/**
 * A project's status, derived from its videos: `active` while one of them is queued or being made
 * (it holds credits), `idle` otherwise (finished, failed or cancelled videos, or none at all).
 */
export const projectStatus = z.enum(["active", "idle"]).meta({
  id: "ProjectStatus",
  description: "active: one of its videos is queued or being made; idle: none is (or it has none).",
});

const name = z.string().trim().min(1).max(100);
const description = z
  .string()
  .trim()
  .max(2000)
  .transform((d) => d || null)
  .nullable();

export const createBody = z.object({ name, description: description.optional() });

export const updateBody = z
  .object({ name: name.optional(), description: description.optional().meta({ description: 'null or "" clears it.' }) })
  .refine((b) => b.name !== undefined || b.description !== undefined, "Give name, description or both.");

export const idParams = z.object({ id: projectId });

/** Where a page of projects stopped, newest first: creation time, then id. */
export const projectCursor = cursorCodec("projects", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type ProjectPosition = NonNullable<z.output<typeof projectCursor.query>>;
/** Where a page of a project's videos stopped, newest first: creation time, then id. */
export const projectVideoCursor = cursorCodec("project_videos", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type ProjectVideoPosition = NonNullable<z.output<typeof projectVideoCursor.query>>;

const limit = z.coerce.number().int().min(1).max(100).default(20);

export const listQuery = z.object({
  q: z.string().trim().max(100).optional().meta({ description: "Only projects whose name contains this (any case)." }),
  status: projectStatus.optional(),
  limit,
  cursor: projectCursor.query,
});

export const videosQuery = z.object({ status: videoStatus.optional(), limit, cursor: projectVideoCursor.query });

export const deleteQuery = z.object({
  videos: z.enum(["keep", "delete"]).default("keep").meta({
    description: "keep: its videos stay, in no project; delete: they are deleted too (as DELETE /video/{uuid}).",
  }),
});

const videoUuids = z
  .array(z.uuid())
  .min(1)
  .max(MAX_MOVE_VIDEOS)
  .meta({ description: `Your videos, at most ${MAX_MOVE_VIDEOS}; all move or none does.` });

export const addVideosBody = z.object({ videoUuids });
export const moveBody = z.object({
  videoUuids,
  projectId: projectId.nullable().meta({ description: "The project they move into; null takes them out of any." }),
});

// Responses: the envelope's `data`, as JSON carries it.

const counts = z
  .object({
    queued: z.int(),
    pending: z.int(),
    generating: z.int(),
    uploading: z.int(),
    completed: z.int(),
    failed: z.int(),
    cancelled: z.int(),
  })
  .meta({ id: "ProjectCounts", description: "The project's videos by status." });

export const project = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: projectStatus,
    videoCount: z.int(),
    counts,
    creditsSpent: z.int().meta({ description: "The credits of its completed videos." }),
    lastVideoAt: timestamp().nullable().meta({ description: "When its newest video was made." }),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  })
  .meta({ id: "Project" });

export const projectPage = pageSchema(project, "ProjectPage");

export const projectVideo = video
  .extend({ updatedAt: timestamp().meta({ description: "Its last change (when a failed video failed)." }) })
  .meta({ id: "ProjectVideo" });

export const projectVideoPage = pageSchema(projectVideo, "ProjectVideoPage");

export const deletedProject = z
  .object({
    id: z.string(),
    deleted: z.literal(true),
    videos: z.enum(["keep", "delete"]),
    videoCount: z.int().meta({ description: "How many of its videos were kept or deleted." }),
  })
  .meta({ id: "DeletedProject" });

export const movedVideos = z
  .object({ projectId: z.string().nullable(), moved: z.int(), videoUuids: z.array(z.uuid()) })
  .meta({ id: "MovedVideos" });
