import { z } from "zod";
import { idempotencyKeyHeader } from "../idempotency/index.ts";
import { cursorCodec, cursorFields } from "../pagination.ts";
import { durationField, generateBody, generationMode, promptField, video } from "../video/schemas.ts";
import { pageSchema, timestamp } from "../wire.ts";
import { checkTemplate } from "./template.ts";

/** The most values one variable may list, and items one request may carry, whatever a key's cap. */
export const MAX_VARIABLE_VALUES = 1000;
export const MAX_REQUEST_ITEMS = 10_000;
const MAX_METADATA_BYTES = 4096;

export const batchStatus = z
  .enum(["queued", "running", "completed", "partially_failed", "failed", "cancelled"])
  .meta({ id: "BatchStatus", description: "queued → running → completed | partially_failed | failed; or cancelled." });

const { model, mode, negativePrompt, aspectRatio, quality, imageUrl, projectId } = generateBody.shape;
const prompt = promptField;
const duration = durationField;

const metadata = z
  .record(z.string(), z.unknown())
  .refine((m) => Buffer.byteLength(JSON.stringify(m)) <= MAX_METADATA_BYTES, {
    message: `At most ${MAX_METADATA_BYTES} bytes of JSON.`,
  })
  .meta({ description: "Your own data for the item, returned with its video." });

const batchItem = z.object({ prompt, imageUrl, metadata: metadata.optional() });

/**
 * A batch: the model settings every item shares (as for one generation), and either a template
 * with `{name}` placeholders and the values of each variable (one video per combination), or a
 * list of items. `requestId` acts as an Idempotency-Key.
 */
export const createBody = z
  .object({
    model,
    mode,
    negativePrompt,
    duration,
    aspectRatio,
    quality,
    imageUrl: imageUrl.meta({ description: "The image of image-to-video, for every item that names none." }),
    template: z.string().trim().min(1).max(2000).optional(),
    variables: z
      .record(
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "A variable name is letters, digits and _."),
        z.array(z.string().trim().min(1).max(500)).max(MAX_VARIABLE_VALUES),
      )
      .optional(),
    items: z.array(batchItem).max(MAX_REQUEST_ITEMS).optional(),
    projectId: projectId.meta({ description: "Every item of the batch joins this project of yours." }),
    requestId: idempotencyKeyHeader.optional().meta({ description: "Acts as the Idempotency-Key header." }),
  })
  .superRefine((body, ctx) => {
    if ((body.template === undefined) === (body.items === undefined)) {
      ctx.addIssue({ code: "custom", path: ["template"], message: "Give either template (with variables) or items." });
      return;
    }
    if (body.items !== undefined) {
      if (!body.items.length) ctx.addIssue({ code: "custom", path: ["items"], message: "The list is empty." });
      if (body.variables !== undefined)
        ctx.addIssue({ code: "custom", path: ["variables"], message: "Variables go with a template." });
      return;
    }
    for (const issue of checkTemplate(body.template ?? "", body.variables ?? {})) ctx.addIssue(issue);
  });

export type CreateBatchInput = z.input<typeof createBody>;

/** Where a page of batches stopped, newest first: creation time, then id. */
export const batchCursor = cursorCodec("batches", z.tuple([cursorFields.timestamp, cursorFields.id]));
/** Where a page of a batch's videos stopped: the last index given. */
export const batchVideoCursor = cursorCodec("batch_videos", z.tuple([z.int().min(0)]));

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: batchCursor.query,
});
export const videosQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: batchVideoCursor.query,
});
export const idParams = z.object({ id: z.string().regex(/^bat_[0-9a-f]{32}$/) });

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
  .meta({ id: "BatchCounts", description: "The batch's videos by status." });

const credits = z
  .object({
    held: z.int().meta({ description: "Frozen for items not finished yet." }),
    settled: z.int().meta({ description: "Spent on completed items." }),
    released: z.int().meta({ description: "Given back for failed and cancelled items." }),
  })
  .meta({ id: "BatchCredits" });

export const batch = z
  .object({
    id: z.string(),
    status: batchStatus,
    model: z.string(),
    mode: generationMode,
    duration: z.int(),
    aspectRatio: z.string(),
    quality: z.string(),
    imageUrl: z.string().nullable(),
    negativePrompt: z.string().nullable(),
    template: z.string().nullable(),
    variables: z.record(z.string(), z.array(z.string())).nullable(),
    totalCount: z.int(),
    costPerVideo: z.int(),
    requiredCredits: z.int(),
    counts,
    credits,
    createdAt: timestamp(),
    startedAt: timestamp().nullable(),
    finishedAt: timestamp().nullable(),
    cancelledAt: timestamp().nullable(),
  })
  .meta({ id: "Batch" });

export const createdBatch = z
  .object({
    id: z.string(),
    status: z.literal("queued"),
    totalCount: z.int(),
    costPerVideo: z.int(),
    requiredCredits: z.int(),
    availableCredits: z.int().meta({ description: "The balance left after the batch's credits were held." }),
  })
  .meta({ id: "CreatedBatch" });

export const batchPage = pageSchema(batch, "BatchPage");

export const adminBatchPage = pageSchema(
  batch.extend({ owner: z.object({ id: z.string(), email: z.string() }) }).meta({ id: "AdminBatch" }),
  "AdminBatchPage",
);

export const batchVideo = video
  .extend({
    batchIndex: z.int(),
    metadata: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "BatchVideo" });

export const batchVideoPage = pageSchema(batchVideo, "BatchVideoPage");

export const retriedBatch = z
  .object({ id: z.string(), requeued: z.int().meta({ description: "FAILED items queued again." }) })
  .meta({ id: "RetriedBatch" });
