import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";

/** Where a page of videos stopped, newest first: creation time, then id. */
export const videoCursor = cursorCodec("videos", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type VideoPosition = NonNullable<z.output<typeof videoCursor.query>>;

export const generateBody = z.object({
  model: z.string().min(1).max(64),
  mode: z.enum(["TEXT_TO_VIDEO", "IMAGE_TO_VIDEO"]).default("TEXT_TO_VIDEO"),
  prompt: z.string().trim().min(1).max(2000),
  negativePrompt: z.string().trim().max(2000).optional(),
  duration: z.number().int().positive(),
  aspectRatio: z.string().min(1).max(10).default("16:9"),
  quality: z.string().min(1).max(20),
  imageUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export const listQuery = z.object({
  status: z.enum(["PENDING", "GENERATING", "UPLOADING", "COMPLETED", "FAILED"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: videoCursor.query,
});

export const uuidParams = z.object({ uuid: z.uuid() });

export const visibilityBody = z.object({ isPublic: z.boolean() });

export const latestQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(12) });
