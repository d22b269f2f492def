import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { projectId } from "../projects/id.ts";
import { pageSchema, timestamp } from "../wire.ts";

export const videoStatus = z
  .enum(["QUEUED", "PENDING", "GENERATING", "UPLOADING", "COMPLETED", "FAILED", "CANCELLED"])
  .meta({
    id: "VideoStatus",
    description:
      "PENDING → GENERATING → UPLOADING → COMPLETED, or FAILED. A batch item starts QUEUED (waiting for a slot) and is CANCELLED if its batch is cancelled before it starts.",
  });
export const generationMode = z.enum(["TEXT_TO_VIDEO", "IMAGE_TO_VIDEO", "LIPSYNC"]).meta({ id: "GenerationMode" });

/** Where a page of videos stopped, newest first: creation time, then id. */
export const videoCursor = cursorCodec("videos", z.tuple([cursorFields.timestamp, cursorFields.id]));
export type VideoPosition = NonNullable<z.output<typeof videoCursor.query>>;

export const generateBody = z.object({
  model: z.string().min(1).max(64),
  mode: generationMode.default("TEXT_TO_VIDEO"),
  prompt: z.string().trim().min(1).max(2000),
  negativePrompt: z.string().trim().max(2000).optional(),
  duration: z.number().int().positive(),
  aspectRatio: z.string().min(1).max(10).default("16:9"),
  quality: z.string().min(1).max(20),
  imageUrl: z.url({ protocol: /^https?$/ }).optional(),
  projectId: projectId.optional().meta({ description: "Start it in this project of yours." }),
});

export const listQuery = z.object({
  status: videoStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: videoCursor.query,
});

export const uuidParams = z.object({ uuid: z.uuid() });

export const visibility = z.enum(["private", "unlisted", "public"]).meta({
  id: "VideoVisibility",
  description: "private: the owner only; unlisted: anyone with the link; public: also listed in the gallery.",
});

/** A host an embedding page may be on: `example.com`, or `*.example.com` for its subdomains too. */
const embedDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^localhost$/,
    "A host name, like example.com or *.example.com.",
  );

export const policyBody = z
  .object({
    visibility: visibility.optional(),
    allowEmbed: z.boolean().optional(),
    allowDownload: z.boolean().optional().meta({ description: "Whether others may download it (you always may)." }),
    embedDomains: z
      .array(embedDomain)
      .max(20)
      .optional()
      .meta({ description: "Where it may be embedded; empty: anywhere." }),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "Give at least one of visibility, allowEmbed, allowDownload, embedDomains.",
  );

// Responses: the envelope's `data`, as JSON carries it (test/video/api-schemas.test.ts holds them to the services).

/** What a stored video is, as ffprobe read it, and its poster: null until known (and for older videos). */
export const mediaFields = {
  posterUrl: z.string().nullable().meta({
    description:
      "A short-lived signed link to its poster, a JPEG from its first second (VIDEO_URL_TTL_SECONDS); null until it is stored, or when none could be made.",
  }),
  mediaDuration: z.number().nullable().meta({ description: "The stored file's length in seconds, as probed." }),
  width: z.int().nullable().meta({ description: "Pixels, as probed." }),
  height: z.int().nullable().meta({ description: "Pixels, as probed." }),
  hasAudio: z.boolean().nullable().meta({ description: "Whether the stored file has a sound track." }),
};

const videoError = z
  .object({
    code: z.string().meta({ description: "An error code of the API's table (E4xxx, E5xxx)." }),
    message: z.string().nullable(),
  })
  .nullable()
  .meta({ description: "Why the video failed; null unless it did." });

export const video = z
  .object({
    uuid: z.uuid(),
    status: videoStatus,
    model: z.string(),
    mode: generationMode,
    prompt: z.string(),
    negativePrompt: z.string().nullable(),
    duration: z.int().meta({ description: "Seconds." }),
    aspectRatio: z.string(),
    quality: z.string(),
    imageUrl: z.string().nullable(),
    creditsCost: z.int(),
    projectId: z.string().nullable().meta({ description: "The project it belongs to, if any." }),
    provider: z.string().nullable(),
    visibility,
    allowEmbed: z.boolean(),
    allowDownload: z.boolean(),
    embedDomains: z.array(z.string()),
    videoUrl: z
      .string()
      .nullable()
      .meta({ description: "A short-lived signed link to play it once it is stored (VIDEO_URL_TTL_SECONDS)." }),
    ...mediaFields,
    error: videoError,
    createdAt: timestamp(),
    startedAt: timestamp().nullable(),
    completedAt: timestamp().nullable(),
  })
  .meta({ id: "Video" });

export const videoPage = pageSchema(video, "VideoPage");

export const videoProgress = z
  .object({ uuid: z.uuid(), status: videoStatus, error: videoError, completedAt: timestamp().nullable() })
  .meta({ id: "VideoProgress" });

export const deletedVideo = z.object({ uuid: z.uuid(), deleted: z.literal(true) }).meta({ id: "DeletedVideo" });

export const publicVideo = z
  .object({
    uuid: z.uuid(),
    model: z.string(),
    prompt: z.string(),
    aspectRatio: z.string(),
    duration: z.int(),
    videoUrl: z.string().nullable(),
    ...mediaFields,
    completedAt: timestamp().nullable(),
  })
  .meta({ id: "PublicVideo" });

const modelPrice = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("table"),
    credits: z
      .partialRecord(generationMode, z.record(z.string(), z.record(z.string(), z.number())))
      .meta({ description: "credits[mode][quality][duration]" }),
  }),
  z.object({
    kind: z.literal("per_second"),
    perSecond: z.record(z.string(), z.number()).meta({ description: "Credits per second by quality; rounded up." }),
    imageToVideoFactor: z.number(),
  }),
]);

export const catalogueModel = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    modes: z.array(generationMode),
    durations: z.array(z.int()),
    aspectRatios: z.array(z.string()),
    qualities: z.array(z.string()),
    price: modelPrice,
    prices: z
      .array(z.object({ mode: generationMode, quality: z.string(), duration: z.int(), credits: z.int() }))
      .meta({ description: "Every combination the model offers, with the credits it holds." }),
  })
  .meta({ id: "VideoModel" });
