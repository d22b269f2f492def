import { z } from "zod";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { projectId } from "../projects/id.ts";
import { pageSchema, timestamp } from "../wire.ts";
import { PROMPT_MAX_LENGTH } from "./limits.ts";

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

/** Required for text- and image-to-video (and every batch item); a lip-sync may go without. */
export const promptField = z.string().trim().min(1).max(PROMPT_MAX_LENGTH);
export const durationField = z.number().int().positive();
const uploadId = (description: string) => z.string().min(1).max(64).optional().meta({ description });

export const generateBody = z
  .object({
    model: z.string().min(1).max(64),
    mode: generationMode.default("TEXT_TO_VIDEO"),
    prompt: promptField.optional().meta({ description: "Required, except for LIPSYNC." }),
    negativePrompt: z.string().trim().max(2000).optional(),
    duration: durationField
      .optional()
      .meta({ description: "Seconds; required, except for LIPSYNC (as long as its audio)." }),
    aspectRatio: z.string().min(1).max(10).default("16:9"),
    quality: z.string().min(1).max(20),
    imageUrl: z.url({ protocol: /^https?$/ }).optional(),
    sourceUploadId: uploadId("LIPSYNC: a completed video upload of the person speaking (or imageUploadId)."),
    imageUploadId: uploadId("LIPSYNC: a completed image upload of a portrait (or sourceUploadId)."),
    audioUploadId: uploadId("LIPSYNC: a completed audio upload to speak (or script + voice)."),
    script: z
      .string()
      .trim()
      .min(1)
      .max(5000)
      .optional()
      .meta({ description: "LIPSYNC: text the provider reads aloud with `voice`; priced at 2.5 words a second." }),
    voice: z.string().min(1).max(64).optional().meta({ description: "LIPSYNC: a voice of GET /config/voices." }),
    language: z
      .string()
      .min(2)
      .max(10)
      .optional()
      .meta({ description: "LIPSYNC: ISO 639-1, one of the model's languages; default en." }),
    projectId: projectId.optional().meta({ description: "Start it in this project of yours." }),
  })
  .superRefine((body, ctx) => {
    const need = (field: "prompt" | "duration") =>
      ctx.addIssue({ code: "custom", path: [field], message: `${field} is required for ${body.mode}.` });
    if (body.mode === "LIPSYNC") return;
    if (body.prompt === undefined) need("prompt");
    if (body.duration === undefined) need("duration");
    for (const field of ["sourceUploadId", "imageUploadId", "audioUploadId", "script", "voice", "language"] as const) {
      if (body[field] !== undefined)
        ctx.addIssue({ code: "custom", path: [field], message: `${field} is only for LIPSYNC.` });
    }
  });

export const listQuery = z.object({
  status: videoStatus.optional(),
  mode: generationMode.optional(),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((q) => q || undefined)
    .meta({ description: "Only videos whose prompt contains this (any case)." }),
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
    sourceVideoUrl: z.string().nullable().meta({ description: "LIPSYNC: the person's video, when one was given." }),
    audioUrl: z.string().nullable().meta({ description: "LIPSYNC: the audio spoken, when uploaded." }),
    audioDurationMs: z
      .int()
      .nullable()
      .meta({ description: "LIPSYNC: the audio's length (probed, or estimated from the script)." }),
    script: z.string().nullable(),
    voice: z.string().nullable(),
    language: z.string().nullable(),
    progress: z.int().nullable().meta({ description: "How far the provider says it is (0–100), when it says." }),
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
  .object({
    uuid: z.uuid(),
    status: videoStatus,
    progress: z.int().nullable().meta({ description: "How far the provider says it is (0–100), when it says." }),
    error: videoError,
    completedAt: timestamp().nullable(),
  })
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
  z.object({
    kind: z.literal("per_audio_second"),
    perAudioSecond: z.record(z.string(), z.number()).meta({
      description:
        "Credits per second of audio by quality: the audio's length in whole seconds (rounded up) × the rate, rounded up.",
    }),
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
    languages: z.array(z.string()).optional().meta({ description: "LIPSYNC: the languages it speaks." }),
    maxAudioSeconds: z.int().optional().meta({ description: "LIPSYNC: the longest audio it takes." }),
    price: modelPrice,
    prices: z
      .array(
        z.object({
          mode: generationMode,
          quality: z.string(),
          duration: z.int(),
          basis: z.enum(["video_seconds", "audio_seconds"]).meta({
            description:
              "video_seconds: a video of `duration` seconds holds `credits`; audio_seconds: a lip-sync of `duration` seconds of audio does (examples at 10, 30 and 60 s of the rate in `price`).",
          }),
          credits: z.int(),
        }),
      )
      .meta({ description: "Every combination the model offers, with the credits it holds." }),
  })
  .meta({ id: "VideoModel" });

export const durationEstimate = z
  .object({
    model: z.string(),
    medianDurationMs: z
      .int()
      .nullable()
      .meta({ description: "Median time from request to finished video, in ms; null before any finished." }),
    sample: z.int().meta({ description: "How many of the model's latest finished videos (at most 50)." }),
  })
  .meta({ id: "DurationEstimate" });

export const generationQueue = z
  .object({
    items: z.array(video).meta({ description: "Your running videos, newest first (at most 20)." }),
    estimates: z.array(durationEstimate).meta({ description: "One per model among the running videos." }),
  })
  .meta({ id: "GenerationQueue" });
