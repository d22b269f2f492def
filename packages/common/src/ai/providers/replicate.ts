import { Webhook } from "standardwebhooks";
import { z } from "zod";
import {
  type GenerationRequest,
  type ProviderCallback,
  ProviderError,
  type ProviderTaskStatus,
  type VideoProvider,
} from "../types.ts";
import { jsonClient, requireStatus } from "./http.ts";

/**
 * Replicate (https://replicate.com/docs/reference/http, …/topics/predictions/create-a-prediction).
 *  - An official model ("owner/name") runs with POST /v1/models/{owner}/{name}/predictions; a pinned
 *    version ("owner/name:<version id>") with POST /v1/predictions and `version`. Both answer 201 with
 *    the prediction; its `id` is our task id.
 *  - GET /v1/predictions/{id}: status starting | processing | succeeded | failed | canceled (and
 *    "aborted"), `output` when succeeded, `error` (a message) when failed.
 *  - `webhook` receives the prediction, as GET returns it; we ask only for the "completed" event.
 *    Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)
 *    with the account's secret from GET /v1/webhooks/default/secret (topics/webhooks/verify-webhook).
 * Auth is "Authorization: Bearer <token>"; errors are HTTP statuses with `{ title, detail, status }`.
 *
 * Assumptions (model inputs are per model, and we found no common schema):
 *  - inputs are prompt, duration, aspect_ratio, negative_prompt when asked, `resolution` when our
 *    quality is one ("720p"), and the start frame as `image` (google/veo-3, bytedance/seedance-1-pro);
 *    Replicate is expected to ignore inputs a model does not declare.
 *  - a video model's `output` is the file's URL, or a list whose first item is.
 */
export interface ReplicateOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  /** "whsec_…"; without it every webhook is refused, as none can be verified. */
  webhookSecret?: string;
}

const NAME = "replicate";

const errorBody = z.object({ detail: z.string().nullish(), title: z.string().nullish() });

const prediction = z.object({
  id: z.string().min(1),
  status: z.string(),
  output: z.unknown(),
  error: z.string().nullish(),
});

export function createReplicateProvider(options: ReplicateOptions): VideoProvider {
  const client = jsonClient({
    provider: NAME,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    headers: { authorization: `Bearer ${options.apiKey}` },
    secrets: [options.apiKey],
    errorMessage: (body) => {
      const error = errorBody.safeParse(body).data;
      return error?.detail ?? error?.title ?? undefined;
    },
  });
  const webhook = options.webhookSecret ? new Webhook(options.webhookSecret) : undefined;

  return {
    name: NAME,

    async createTask(request) {
      const { path, version } = target(request.providerModel);
      const body = {
        ...(version && { version }),
        input: input(request),
        ...(request.callbackUrl && { webhook: request.callbackUrl, webhook_events_filter: ["completed"] }),
      };
      const created = await client.post(path, body, prediction);
      return { taskId: created.id };
    },

    async getTask(taskId) {
      const answer = await client.get(`/v1/predictions/${encodeURIComponent(taskId)}`, prediction);
      return requireStatus(NAME, predictionStatus(answer));
    },

    parseCallback(body): ProviderCallback {
      const parsed = prediction.safeParse(body);
      if (!parsed.success) throw new ProviderError(NAME, "bad_callback", "not a Replicate prediction webhook", false);
      return { taskId: parsed.data.id, claimed: predictionStatus(parsed.data) };
    },

    verifyCallback(rawBody, headers) {
      if (!webhook) return false;
      try {
        // Checks the signature over id, timestamp and the raw body, and refuses timestamps more
        // than 5 minutes off (the library's window), which stops replays.
        webhook.verify(
          rawBody,
          {
            "webhook-id": headers.get("webhook-id") ?? "",
            "webhook-timestamp": headers.get("webhook-timestamp") ?? "",
            "webhook-signature": headers.get("webhook-signature") ?? "",
          },
          { jsonParse: false },
        );
        return true;
      } catch {
        return false;
      }
    },
  };
}

function target(providerModel: string): { path: string; version?: string } {
  const match = /^([\w.-]+)\/([\w.-]+)(?::(\w+))?$/.exec(providerModel);
  if (!match?.[1] || !match[2]) {
    throw new ProviderError(NAME, "bad_request", `"${providerModel}" is not a Replicate model ("owner/name")`, false, {
      definiteRefusal: true,
    });
  }
  const [, owner, name, version] = match;
  return version ? { path: "/v1/predictions", version } : { path: `/v1/models/${owner}/${name}/predictions` };
}

function input(request: GenerationRequest) {
  const resolution = /^\d+p$/i.test(request.quality) ? request.quality : undefined;
  return {
    prompt: request.prompt,
    duration: request.durationSeconds,
    aspect_ratio: request.aspectRatio,
    ...(request.negativePrompt && { negative_prompt: request.negativePrompt }),
    ...(resolution && { resolution }),
    ...(request.imageUrl && { image: request.imageUrl }),
  };
}

/** Undefined for a status the docs do not list. */
function predictionStatus(answer: z.infer<typeof prediction>): ProviderTaskStatus | undefined {
  switch (answer.status) {
    case "starting":
      return { state: "queued" };
    case "processing":
      return { state: "running" };
    case "succeeded":
      return { state: "succeeded", videoUrl: outputUrl(answer.output) };
    case "failed":
      return { state: "failed", errorMessage: answer.error ?? undefined };
    case "canceled":
    case "aborted":
      return { state: "failed", errorCode: answer.status, errorMessage: answer.error ?? undefined };
    default:
      return undefined;
  }
}

function outputUrl(output: unknown): string | undefined {
  const first = Array.isArray(output) ? output[0] : output;
  return typeof first === "string" && first ? first : undefined;
}
