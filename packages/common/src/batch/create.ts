import { randomUUID } from "node:crypto";
import { LockNamespace, SqlParams, transaction } from "@videofly/db";
import type { z } from "zod";
import { commonConfig } from "../config.ts";
import { holdManyCreditsInTransaction } from "../credits/index.ts";
import { AppError } from "../errors/index.ts";
import { joinProjectInTransaction } from "../projects/videos.ts";
import { providerChoices } from "../video/generate.ts";
import { holdReference } from "../video/lifecycle.ts";
import { priceOf, resolveModel } from "../video/models.ts";
import { createBody } from "./schemas.ts";
import { combinationCount, expandTemplate } from "./template.ts";

export type CreateBatchBody = z.output<typeof createBody>;

interface Item {
  prompt: string;
  imageUrl: string | null;
  metadata: Record<string, unknown> | null;
}

export interface CreatedBatch {
  id: string;
  status: "queued";
  totalCount: number;
  costPerVideo: number;
  requiredCredits: number;
  availableCredits: number;
}

const invalid = (field: string, message: string, code = "custom") =>
  new AppError("VALIDATION_FAILED", { message, details: { fields: [{ field: `body.${field}`, code, message }] } });

/**
 * Creates a batch: prices every item with the catalogue and, in ONE transaction under the user's
 * credit lock, writes the batch, its videos (QUEUED, in index order) and one hold per video, so
 * each settles or releases its own share. Short credits: E4001 for the whole batch, nothing made.
 * Nothing is submitted here: the dispatcher starts items as slots free up (startQueuedVideos).
 * `maxItems` is the caller's own cap (an API key's `batchMaxItems`), else BATCH_MAX_ITEMS.
 */
export async function createBatch(
  userId: string,
  input: unknown,
  options: { maxItems?: number | null } = {},
): Promise<CreatedBatch> {
  const body = parseBody(input);
  const maxItems = options.maxItems ?? commonConfig().BATCH_MAX_ITEMS;
  const count = body.items ? body.items.length : combinationCount(body.variables ?? {});
  if (count > maxItems) {
    throw invalid(
      body.items ? "items" : "variables",
      `A batch makes at most ${maxItems} videos; this one ${count}.`,
      "too_big",
    );
  }
  if (body.mode === "LIPSYNC") {
    // Each lip-sync has its own uploads and length; a batch shares one template of settings.
    throw invalid("mode", "Lip-sync is not offered in batches: generate each one with POST /video/generate.");
  }
  const items = itemsOf(body);
  const spec = { ...body, imageUrl: body.imageUrl ?? items.find((i) => i.imageUrl)?.imageUrl ?? undefined };
  const model = resolveModel(spec);
  if (body.mode === "IMAGE_TO_VIDEO") {
    const missing = items.findIndex((i) => !i.imageUrl);
    if (missing >= 0) throw invalid(`items.${missing}.imageUrl`, "Image-to-video needs an image for every item.");
  }
  // With no provider for the model nothing is held (as for one generation).
  providerChoices(model, body.mode);
  const costPerVideo = priceOf(model, body);
  const uuids = items.map(() => randomUUID());

  return transaction(
    async (client) => {
      const { available } = await holdManyCreditsInTransaction(client, {
        userId,
        holds: uuids.map((uuid) => ({ reference: holdReference(uuid), amount: costPerVideo })),
      });
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO batch (id, "userId", status, model, mode, duration, "aspectRatio", quality, "imageUrl", "negativePrompt",
                            template, variables, "totalCount", "costPerVideo", "requiredCredits", "updatedAt")
         VALUES ('bat_' || replace(gen_random_uuid()::text, '-', ''), $1, 'QUEUED', $2, $3::"VideoMode", $4, $5, $6, $7, $8,
                 $9, $10::jsonb, $11, $12, $13, now())
         RETURNING id`,
        [
          userId,
          model.id,
          body.mode,
          body.duration,
          body.aspectRatio,
          body.quality,
          body.imageUrl ?? null,
          body.negativePrompt ?? null,
          body.template ?? null,
          body.variables ? JSON.stringify(body.variables) : null,
          items.length,
          costPerVideo,
          costPerVideo * items.length,
        ],
      );
      const batchId = rows[0]?.id as string;
      const p = new SqlParams();
      await client.query(
        `INSERT INTO video (uuid, "userId", status, model, mode, prompt, "negativePrompt", duration, "aspectRatio", quality,
                            "imageUrl", "creditsCost", "holdReference", "batchId", "batchIndex", metadata, "createdAt", "updatedAt")
         SELECT x.uuid, ${p.add(userId)}, 'QUEUED', ${p.add(model.id)}, ${p.add(body.mode)}::"VideoMode", x.prompt,
                ${p.add(body.negativePrompt ?? null)}, ${p.add(body.duration)}, ${p.add(body.aspectRatio)}, ${p.add(body.quality)},
                x.image_url, ${p.add(costPerVideo)}, 'video:' || x.uuid, ${p.add(batchId)}, x.n - 1, x.metadata, now(), now()
           FROM unnest(${p.add(uuids, "text[]")}, ${p.add(
             items.map((i) => i.prompt),
             "text[]",
           )}, ${p.add(
             items.map((i) => i.imageUrl),
             "text[]",
           )}, ${p.add(
             items.map((i) => (i.metadata ? JSON.stringify(i.metadata) : null)),
             "jsonb[]",
           )}) WITH ORDINALITY AS x(uuid, prompt, image_url, metadata, n)`,
        p.values,
      );
      await joinProjectInTransaction(client, userId, body.projectId, uuids);
      return {
        id: batchId,
        status: "queued" as const,
        totalCount: items.length,
        costPerVideo,
        requiredCredits: costPerVideo * items.length,
        availableCredits: available,
      };
    },
    { lock: [LockNamespace.creditUser, userId] },
  );
}

/** Validates at the domain's edge too, so a caller that skipped the route's schema gets a 400. */
function parseBody(input: unknown): CreateBatchBody {
  const result = createBody.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: ["body", ...issue.path.map(String)].join("."),
    code: issue.code,
    message: issue.message,
  }));
  throw new AppError("VALIDATION_FAILED", {
    message: `Invalid request: ${fields.map((f) => f.field).join(", ")}`,
    details: { fields },
  });
}

function itemsOf(body: CreateBatchBody): Item[] {
  if (body.items) {
    return body.items.map((i) => ({
      prompt: i.prompt,
      imageUrl: i.imageUrl ?? body.imageUrl ?? null,
      metadata: i.metadata ?? null,
    }));
  }
  return expandTemplate(body.template ?? "", body.variables ?? {}).map(({ prompt, combination }) => ({
    prompt,
    imageUrl: body.imageUrl ?? null,
    metadata: { variables: combination },
  }));
}
