import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import {
  type GenerationRequest,
  type ProviderCallback,
  ProviderError,
  type ProviderTaskStatus,
  type VideoProvider,
} from "../types.ts";
import { badResponse, clean, errorForStatus, jsonClient, requireStatus } from "./http.ts";

/**
 * Kie.ai (https://docs.kie.ai). Two of its APIs render video:
 *  - Veo 3.1 (provider models "veo3", "veo3_fast", …): POST /api/v1/veo/generate,
 *    GET /api/v1/veo/record-info (docs.kie.ai/veo3-api/generate-veo-3-video, …/get-veo-3-video-details,
 *    …/generate-veo-3-video-callbacks);
 *  - the Market, one API for every other model ("kling-2.6/text-to-video", …):
 *    POST /api/v1/jobs/createTask, GET /api/v1/jobs/recordInfo (docs.kie.ai/market/common/get-task-detail).
 * Both authenticate with "Authorization: Bearer <key>" and answer `{ code, msg, data }`, where
 * `code` mirrors HTTP (401, 402, 422, 429, 455 maintenance, 500, 501 generation failed, …).
 *
 * The two APIs have separate status endpoints, so our task id says which one a task belongs to:
 * "veo:<kie task id>" or "market:<kie task id>"; parseCallback returns ids of the same form.
 *
 * Assumptions (not in the docs we found):
 *  - Market inputs differ by model; we send the Kling 2.6 pages' fields (prompt, aspect_ratio,
 *    duration as a string, image_urls), negative_prompt when asked, and `resolution` only when
 *    our quality is a resolution such as "720p"; other models are expected to ignore what they lack.
 *  - Veo's generate takes no duration, negative prompt or resolution (clips are 8 s; 1080p/4K are
 *    separate endpoints), so those are dropped. Its ratio goes as `aspect_ratio`, as in the 3.1
 *    reference; the older Veo 3 page spelled it `aspectRatio`.
 *  - The webhook signature's timestamp window is not documented; we allow 5 minutes either way,
 *    as Standard Webhooks does.
 */
export interface KieOptions {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  /** Kie's webhookHmacKey; when set, callbacks must carry a valid X-Webhook-Signature. */
  webhookHmacKey?: string;
}

const NAME = "kie";
const SIGNATURE_WINDOW_SECONDS = 5 * 60;

type Api = "veo" | "market";

// An error answer may come without `data`: its code alone is the answer.
const envelope = z.object({ code: z.number(), msg: z.string().nullish(), data: z.unknown().optional() });
const created = z.object({ taskId: z.string().min(1) });
const failCode = z.union([z.string(), z.number()]).nullish();

// successFlag: 0 generating, 1 success, 2 failed, 3 generation failed.
const veoRecord = z.object({
  successFlag: z.number(),
  response: z.object({ resultUrls: z.array(z.string()).nullish() }).nullish(),
  errorCode: failCode,
  errorMessage: z.string().nullish(),
});

// state: waiting, queuing, generating, success, fail; resultJson is a JSON string {"resultUrls":[…]}.
const marketRecord = z.object({
  state: z.string(),
  resultJson: z.string().nullish(),
  failCode,
  failMsg: z.string().nullish(),
});

// Market callbacks are the recordInfo answer itself; Veo callbacks carry the result in data.info
// and the outcome in `code` (200 success; 400, 422, 500, 501 failures, with the reason in msg).
const marketCallback = z.object({ data: marketRecord.extend({ taskId: z.string().min(1) }) });
const veoCallback = z.object({
  code: z.number(),
  msg: z.string().nullish(),
  data: z.object({
    taskId: z.string().min(1),
    info: z.object({ resultUrls: z.array(z.string()).nullish() }).nullish(),
  }),
});

export function createKieProvider(options: KieOptions): VideoProvider {
  const client = jsonClient({
    provider: NAME,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    headers: { authorization: `Bearer ${options.apiKey}` },
    secrets: [options.apiKey],
    errorMessage: (body) => envelope.safeParse(body).data?.msg ?? undefined,
  });

  // Kie reports most failures as HTTP 200 with the real status in `code`.
  function unwrap<T extends z.ZodType>(answer: z.infer<typeof envelope>, schema: T): z.infer<T> {
    if (answer.code !== 200) {
      const message = clean(answer.msg ?? undefined, [options.apiKey]) ?? `${NAME} answered code ${answer.code}`;
      // 455 is Kie's own "service unavailable" (maintenance): it passes, and nothing was accepted.
      if (answer.code === 455) {
        throw new ProviderError(NAME, "unavailable", message, true, { status: 455, definiteRefusal: true });
      }
      throw errorForStatus(NAME, answer.code, message);
    }
    const data = schema.safeParse(answer.data);
    if (!data.success) throw badResponse(NAME, `${NAME} answered with an unexpected data shape`);
    return data.data;
  }

  return {
    name: NAME,

    async createTask(request) {
      const api = apiFor(request.providerModel);
      const path = api === "veo" ? "/api/v1/veo/generate" : "/api/v1/jobs/createTask";
      const body = api === "veo" ? veoBody(request) : marketBody(request);
      const { taskId } = unwrap(await client.post(path, body, envelope), created);
      return { taskId: `${api}:${taskId}` };
    },

    async getTask(taskId) {
      const [api, kieId] = splitTaskId(taskId);
      const query = `?taskId=${encodeURIComponent(kieId)}`;
      const status =
        api === "veo"
          ? veoStatus(unwrap(await client.get(`/api/v1/veo/record-info${query}`, envelope), veoRecord))
          : marketStatus(unwrap(await client.get(`/api/v1/jobs/recordInfo${query}`, envelope), marketRecord));
      return requireStatus(NAME, status);
    },

    parseCallback(body): ProviderCallback {
      const market = marketCallback.safeParse(body);
      if (market.success) {
        const { data } = market.data;
        return { taskId: `market:${data.taskId}`, claimed: marketStatus(data) };
      }
      const veo = veoCallback.safeParse(body);
      if (!veo.success) throw new ProviderError(NAME, "bad_callback", "not a Kie callback", false);
      const { code, msg, data } = veo.data;
      const claimed: ProviderTaskStatus =
        code === 200
          ? { state: "succeeded", videoUrl: data.info?.resultUrls?.[0] }
          : { state: "failed", errorCode: String(code), errorMessage: msg ?? undefined };
      return { taskId: `veo:${data.taskId}`, claimed };
    },

    verifyCallback(rawBody, headers) {
      // Without a key Kie does not sign; the signed callback URL authenticates the request.
      if (!options.webhookHmacKey) return true;
      return verifyKieSignature(rawBody, headers, options.webhookHmacKey);
    },
  };
}

function apiFor(providerModel: string): Api {
  return /^veo3(_|$)/.test(providerModel) ? "veo" : "market";
}

function splitTaskId(taskId: string): [Api, string] {
  const match = /^(veo|market):(.+)$/.exec(taskId);
  if (!match?.[1] || !match[2]) {
    throw new ProviderError(NAME, "bad_request", `"${taskId}" is not a Kie task id of ours`, false);
  }
  return [match[1] as Api, match[2]];
}

function veoBody(request: GenerationRequest) {
  return {
    prompt: request.prompt,
    model: request.providerModel,
    aspect_ratio: request.aspectRatio,
    // One image: "the generated video will unfold around this image".
    generationType: request.imageUrl ? "FIRST_AND_LAST_FRAMES_2_VIDEO" : "TEXT_2_VIDEO",
    ...(request.imageUrl && { imageUrls: [request.imageUrl] }),
    ...(request.callbackUrl && { callBackUrl: request.callbackUrl }),
  };
}

function marketBody(request: GenerationRequest) {
  const resolution = /^\d+p$/i.test(request.quality) ? request.quality : undefined;
  return {
    model: request.providerModel,
    ...(request.callbackUrl && { callBackUrl: request.callbackUrl }),
    input: {
      prompt: request.prompt,
      aspect_ratio: request.aspectRatio,
      duration: String(request.durationSeconds),
      ...(request.negativePrompt && { negative_prompt: request.negativePrompt }),
      ...(resolution && { resolution }),
      ...(request.imageUrl && { image_urls: [request.imageUrl] }),
    },
  };
}

/** Undefined for a successFlag the docs do not list. */
function veoStatus(record: z.infer<typeof veoRecord>): ProviderTaskStatus | undefined {
  switch (record.successFlag) {
    case 0:
      return { state: "running" };
    case 1:
      return { state: "succeeded", videoUrl: record.response?.resultUrls?.[0] };
    case 2:
    case 3:
      return {
        state: "failed",
        errorCode: record.errorCode == null ? undefined : String(record.errorCode),
        errorMessage: record.errorMessage || undefined,
      };
    default:
      return undefined;
  }
}

/** Undefined for a state the docs do not list. */
function marketStatus(record: z.infer<typeof marketRecord>): ProviderTaskStatus | undefined {
  switch (record.state) {
    case "waiting":
    case "queuing":
      return { state: "queued" };
    case "generating":
      return { state: "running" };
    case "success":
      return { state: "succeeded", videoUrl: firstResultUrl(record.resultJson) };
    case "fail":
      return {
        state: "failed",
        errorCode: record.failCode == null || record.failCode === "" ? undefined : String(record.failCode),
        errorMessage: record.failMsg || undefined,
      };
    default:
      return undefined;
  }
}

const resultJson = z.object({ resultUrls: z.array(z.string()).min(1) });

function firstResultUrl(json: string | null | undefined): string | undefined {
  if (!json) return undefined;
  try {
    return resultJson.safeParse(JSON.parse(json)).data?.resultUrls[0];
  } catch {
    return undefined;
  }
}

const signedBody = z.object({
  data: z.object({ taskId: z.string().optional(), task_id: z.string().optional() }),
});

/**
 * https://docs.kie.ai/common-api/webhook-verification: X-Webhook-Signature is
 * base64(HMAC-SHA256(taskId + "." + X-Webhook-Timestamp, webhookHmacKey)), taskId being the one in
 * the body. It signs the task id, not the body, which is one more reason the claimed status is
 * only a hint until getTask confirms it.
 */
function verifyKieSignature(rawBody: string, headers: Headers, key: string): boolean {
  const timestamp = headers.get("x-webhook-timestamp");
  const signature = headers.get("x-webhook-signature");
  if (!timestamp || !/^\d+$/.test(timestamp) || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return false;
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return false;
  }
  const data = signedBody.safeParse(body).data?.data;
  // The page's example reads data.task_id; its text and every callback sample say data.taskId.
  const taskId = data?.taskId ?? data?.task_id;
  if (!taskId) return false;
  const expected = createHmac("sha256", key).update(`${taskId}.${timestamp}`).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
