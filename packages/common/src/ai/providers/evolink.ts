import { z } from "zod";
import { type ProviderCallback, ProviderError, type ProviderTaskStatus, type VideoProvider } from "../types.ts";
import { jsonClient, requireStatus } from "./http.ts";

/**
 * EvoLink (https://docs.evolink.ai): one asynchronous task API for every video model.
 *  - POST /v1/videos/generations creates a task and answers the task object (its `id` is the task id);
 *  - GET /v1/tasks/{task_id} answers the task: status pending | processing | completed | failed,
 *    `results` (URLs, valid 24 h) when completed (docs.evolink.ai/en/api-manual/task-management/get-task-detail);
 *  - with `callback_url`, the same task object is POSTed there when the task completes, fails or is
 *    cancelled, HTTPS only, retried 3 times; EvoLink documents no signature for it.
 * Auth is "Authorization: Bearer <key>"; errors are HTTP statuses with
 * `{ "error": { "code", "message", "type" } }`, and a failed task carries the same `error` object.
 *
 * Assumptions (not in the docs we found):
 *  - `negative_prompt` is sent at the top level, and only when asked for; the unified schema
 *    documents it for no model we checked, and models that lack it are expected to ignore it.
 *  - A "cancelled" status (callbacks fire on cancellation) reads as failed.
 */
export interface EvolinkOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
}

const NAME = "evolink";

const errorBody = z.object({ error: z.object({ message: z.string() }) });

const task = z.object({
  id: z.string().min(1),
  status: z.string(),
  // 0–100, as the task object documents it.
  progress: z.number().nullish(),
  results: z.array(z.string()).nullish(),
  error: z.object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() }).nullish(),
});

export function createEvolinkProvider(options: EvolinkOptions): VideoProvider {
  const client = jsonClient({
    provider: NAME,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    headers: { authorization: `Bearer ${options.apiKey}` },
    secrets: [options.apiKey],
    errorMessage: (body) => errorBody.safeParse(body).data?.error.message,
  });

  return {
    name: NAME,

    async createTask(request) {
      const body = {
        model: request.providerModel,
        prompt: request.prompt,
        duration: request.durationSeconds,
        quality: request.quality,
        aspect_ratio: request.aspectRatio,
        // The number of image_urls picks the mode: none is text-to-video, one is image-to-video.
        ...(request.imageUrl && { image_urls: [request.imageUrl] }),
        ...(request.negativePrompt && { negative_prompt: request.negativePrompt }),
        ...(request.callbackUrl && { callback_url: request.callbackUrl }),
      };
      const created = await client.post("/v1/videos/generations", body, task);
      return { taskId: created.id };
    },

    async getTask(taskId) {
      return requireStatus(NAME, taskStatus(await client.get(`/v1/tasks/${encodeURIComponent(taskId)}`, task)));
    },

    parseCallback(body): ProviderCallback {
      const parsed = task.safeParse(body);
      if (!parsed.success) throw new ProviderError(NAME, "bad_callback", "not an EvoLink task callback", false);
      return { taskId: parsed.data.id, claimed: taskStatus(parsed.data) };
    },

    // No signature is documented; the signed callback URL authenticates the request.
    verifyCallback: () => true,
  };
}

/** Undefined for a status the docs do not list. */
function taskStatus(answer: z.infer<typeof task>): ProviderTaskStatus | undefined {
  switch (answer.status) {
    case "pending":
      return { state: "queued" };
    case "processing":
      return answer.progress == null ? { state: "running" } : { state: "running", progress: answer.progress };
    case "completed":
      return { state: "succeeded", videoUrl: answer.results?.[0] };
    case "failed":
    case "cancelled":
      return {
        state: "failed",
        errorCode: answer.error?.code == null ? answer.status : String(answer.error.code),
        errorMessage: answer.error?.message ?? undefined,
      };
    default:
      return undefined;
  }
}
