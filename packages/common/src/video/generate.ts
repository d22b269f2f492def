import { randomUUID } from "node:crypto";
import { db, LockNamespace, transaction, type Video } from "@videofly/db";
import type { ProviderChoice } from "../ai/registry.ts";
import { ProviderError } from "../ai/types.ts";
import { holdCreditsInTransaction } from "../credits/index.ts";
import { AppError } from "../errors/index.ts";
import { logger } from "../logger.ts";
import { joinProjectInTransaction } from "../projects/videos.ts";
import { signedCallbackUrl } from "./callback-url.ts";
import { videoConfig } from "./config.ts";
import { failVideo, holdReference, RUNNING_SQL } from "./lifecycle.ts";
import { type GenerateRequest, generationInput, type ResolvedLipsync } from "./lipsync-input.ts";
import { type GenerationSpec, priceOf, resolveModel, type VideoModel } from "./models.ts";
import { providerRegistry } from "./providers.ts";

export type { GenerateRequest };

export interface GenerateInput extends GenerationSpec {
  prompt: string;
  negativePrompt?: string;
  projectId?: string | null;
  /** A lip-sync's resolved inputs. */
  lipsync?: ResolvedLipsync;
}

/**
 * Starts a generation: validates and prices it against the catalogue, then in ONE transaction
 * (under the user's credit lock) checks the concurrency limit, creates the video and holds its
 * price; only after that commits is the provider called (submit).
 */
export async function generateVideo(userId: string, request: GenerateRequest): Promise<Video> {
  const input = await generationInput(userId, request);
  const model = resolveModel(input);
  const credits = priceOf(model, input);
  // Before anything is held: with no provider at all, nothing is charged and no video is created.
  const choices = providerChoices(model, input.mode);
  const config = videoConfig();
  const uuid = randomUUID();

  await transaction(
    async (client) => {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM video
          WHERE "userId" = $1 AND status IN ${RUNNING_SQL} AND "deletedAt" IS NULL`,
        [userId],
      );
      if ((rows[0]?.n ?? 0) >= config.VIDEO_MAX_CONCURRENT) {
        throw new AppError("MAX_CONCURRENT_GENERATIONS", {
          message: `At most ${config.VIDEO_MAX_CONCURRENT} ${config.VIDEO_MAX_CONCURRENT === 1 ? "generation" : "generations"} can run at once.`,
          details: { limit: config.VIDEO_MAX_CONCURRENT },
          headers: { "retry-after": "10" },
        });
      }
      await client.query(
        `INSERT INTO video (uuid, "userId", status, model, mode, prompt, "negativePrompt", duration, "aspectRatio", quality,
                            "imageUrl", "creditsCost", "holdReference", "sourceVideoUrl", "audioUrl", "audioDurationMs",
                            script, voice, language, "createdAt", "updatedAt")
         VALUES ($1, $2, 'PENDING', $3, $4::"VideoMode", $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                 now(), now())`,
        [
          uuid,
          userId,
          model.id,
          input.mode,
          input.prompt,
          input.negativePrompt ?? null,
          input.duration,
          input.aspectRatio,
          input.quality,
          input.imageUrl ?? null,
          credits,
          holdReference(uuid),
          input.lipsync?.sourceVideoUrl ?? null,
          input.lipsync?.audioUrl ?? null,
          input.lipsync?.audioDurationMs ?? null,
          input.lipsync?.script ?? null,
          input.lipsync?.voice ?? null,
          input.lipsync?.language ?? null,
        ],
      );
      await joinProjectInTransaction(client, userId, input.projectId, [uuid]);
      await holdCreditsInTransaction(client, { userId, reference: holdReference(uuid), amount: credits });
    },
    { lock: [LockNamespace.creditUser, userId] },
  );

  return submitVideo(uuid, input, choices);
}

/** The providers that may render the model, in order; E5003 without any provider, E5001 without one for it. */
export function providerChoices(model: VideoModel, mode: GenerateInput["mode"]): ProviderChoice[] {
  const registry = providerRegistry();
  registry.assertConfigured();
  const choices = registry.forModel(model, mode);
  if (!choices.length)
    throw new AppError("PROVIDER_ERROR", { message: `No provider is configured for ${model.name}.` });
  return choices;
}

/**
 * Submits a PENDING video whose credits are held (a generation just accepted, or a batch item
 * just dispatched): offers the task to the model's providers in order, each at most once. Only a definite refusal
 * moves on to the next one; after any other failure the first may already be rendering, so the
 * video stays GENERATING with it (task id unknown) until its callback names the task, or
 * VIDEO_UNCONFIRMED_TASK_MINUTES pass. When every provider refused, the video fails, its credits
 * are released, and the caller gets 502 E5001 naming it.
 */
export async function submitVideo(uuid: string, input: GenerateInput, choices: ProviderChoice[]): Promise<Video> {
  const config = videoConfig();
  const log = logger().child({ videoUuid: uuid });
  for (const { provider, providerModel } of choices) {
    try {
      const { taskId } = await provider.createTask({
        reference: uuid,
        providerModel,
        mode: input.mode,
        prompt: input.prompt,
        negativePrompt: input.negativePrompt,
        durationSeconds: input.duration,
        aspectRatio: input.aspectRatio,
        quality: input.quality,
        imageUrl: input.imageUrl,
        lipsync: input.lipsync && lipsyncInputs(input.lipsync),
        callbackUrl: signedCallbackUrl(provider.name, uuid),
      });
      return await startGenerating(uuid, provider.name, taskId, config.VIDEO_POLL_INTERVAL_MS);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const context = { provider: provider.name, code: error.code, status: error.status };
      if (!error.definiteRefusal) {
        log.warn(context, "the provider may have taken the task; waiting for its callback to name it");
        return startGenerating(uuid, provider.name, null, config.VIDEO_UNCONFIRMED_TASK_MINUTES * 60_000);
      }
      log.warn(context, "the provider refused the task; trying the next");
    }
  }
  await failVideo(uuid, "PROVIDER_ERROR", "No provider accepted the task.");
  throw new AppError("PROVIDER_ERROR", {
    message: "No provider accepted the task; the credits held for it were released.",
    details: { videoUuid: uuid },
  });
}

/** PENDING → GENERATING with the provider that has the task (its id, when it told us). */
function startGenerating(uuid: string, provider: string, taskId: string | null, checkInMs: number) {
  const now = new Date();
  return db().video.update({
    where: { uuid, status: "PENDING" },
    data: {
      status: "GENERATING",
      provider,
      providerTaskId: taskId,
      startedAt: now,
      nextCheckAt: new Date(now.getTime() + checkInMs),
    },
  });
}

/** What a provider is told of a lip-sync (the portrait travels as imageUrl). */
function lipsyncInputs({ imageUrl: _image, duration: _d, aspectRatio: _a, ...inputs }: ResolvedLipsync) {
  return inputs;
}
