import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { providerVoiceId } from "../../video/voices.ts";
import {
  type GenerationRequest,
  type ProviderCallback,
  ProviderError,
  type ProviderTaskStatus,
  type VideoProvider,
} from "../types.ts";
import { jsonClient, requireStatus } from "./http.ts";

/**
 * HeyGen (docs.heygen.com, developers.heygen.com), for lip-sync. Auth is "X-Api-Key: <key>".
 *  - A person's video + audio: POST /v3/lipsyncs `{ video: {type: "url", url}, audio: {type: "url",
 *    url}, mode: "speed" | "precision", callback_url, callback_id }` → `{ data: { lipsync_id } }`;
 *    GET /v3/lipsyncs/{id} answers its state.
 *  - A portrait + audio or a script: the photo is uploaded as a talking photo (POST
 *    upload.heygen.com/v1/talking_photo, the image's bytes, → `{ code: 100, data: { talking_photo_id
 *    } }`), then POST /v2/video/generate with `video_inputs: [{ character: { type: "talking_photo",
 *    talking_photo_id }, voice: { type: "audio", audio_url } | { type: "text", input_text, voice_id }
 *    }]`, `dimension`, `callback_id`, `callback_url` → `{ error: null, data: { video_id } }`;
 *    GET /v1/video_status.get?video_id= answers `{ code: 100, data: { status: pending | waiting |
 *    processing | completed | failed, video_url, error } }`.
 *  - Webhooks (`{ event_type, event_data }`, e.g. avatar_video.success with `{ video_id, url,
 *    callback_id }`, avatar_video.fail with `msg`) are signed: header `signature` (see
 *    SIGNATURE_HEADERS), the hex HMAC-SHA256 of the raw body with the endpoint's secret (HEYGEN_WEBHOOK_SECRET, from
 *    POST /v1/webhook/endpoint.add). With the secret set, an unsigned or mis-signed callback is refused.
 * Our task id names which API has the task: `lipsync:<id>` or `video:<id>`.
 *
 * Assumptions (not in the docs we found): GET /v3/lipsyncs/{id} answers `{ data: { status, video_url,
 * failure_message, progress } }` with the v1 status words; a lip-sync's webhook carries
 * `lipsync_id` in event_data (a video's carries video_id); a video source with a script is not
 * offered (the lip-sync API takes audio), nor are voices HeyGen has no id for (video/voices.ts):
 * both are refused before anything is sent, so the next provider may take them.
 */
export interface HeygenOptions {
  apiKey: string;
  baseUrl: string;
  /** Where talking photos are uploaded: https://upload.heygen.com. */
  uploadBaseUrl: string;
  webhookSecret?: string;
  timeoutMs: number;
}

const NAME = "heygen";
const MAX_PORTRAIT_BYTES = 20 * 1024 * 1024;

const errorBody = z.union([z.object({ error: z.object({ message: z.string() }) }), z.object({ message: z.string() })]);
const lipsyncCreated = z.object({ data: z.object({ lipsync_id: z.string().min(1) }) });
const photoUploaded = z.object({ data: z.object({ talking_photo_id: z.string().min(1) }) });
const videoCreated = z.object({ data: z.object({ video_id: z.string().min(1) }) });
const failure = z.object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() });
const videoStatus = z.object({
  data: z.object({ status: z.string(), video_url: z.string().nullish(), error: failure.nullish() }),
});
const lipsyncStatus = z.object({
  data: z.object({
    status: z.string(),
    video_url: z.string().nullish(),
    failure_message: z.string().nullish(),
    progress: z.number().nullish(),
  }),
});
const webhook = z.object({
  event_type: z.string(),
  event_data: z.object({
    video_id: z.string().min(1).optional(),
    lipsync_id: z.string().min(1).optional(),
    url: z.string().nullish(),
    msg: z.string().nullish(),
  }),
});

/**
 * The v1 webhook guide sends the signature as `signature`; later pages name it `Heygen-Signature`
 * (or `X-HeyGen-Signature`), some with a `sha256=` prefix. Each must hold a valid HMAC, so taking
 * any of them accepts nothing unsigned.
 */
const SIGNATURE_HEADERS = ["signature", "heygen-signature", "x-heygen-signature"];

const refuse = (message: string) => new ProviderError(NAME, "bad_request", message, false, { definiteRefusal: true });

export function createHeygenProvider(options: HeygenOptions): VideoProvider {
  const common = {
    provider: NAME,
    timeoutMs: options.timeoutMs,
    headers: { "x-api-key": options.apiKey },
    secrets: [options.apiKey],
    errorMessage: (body: unknown) => {
      const parsed = errorBody.safeParse(body).data;
      return parsed && ("error" in parsed ? parsed.error.message : parsed.message);
    },
  };
  const api = jsonClient({ ...common, baseUrl: options.baseUrl });
  const upload = jsonClient({ ...common, baseUrl: options.uploadBaseUrl });

  async function createLipsync(request: GenerationRequest, sourceVideoUrl: string, audioUrl: string) {
    const body = {
      video: { type: "url", url: sourceVideoUrl },
      audio: { type: "url", url: audioUrl },
      mode: request.quality === "high" || request.quality === "ultra" ? "precision" : "speed",
      callback_id: request.reference,
      ...(request.callbackUrl && { callback_url: request.callbackUrl }),
    };
    const created = await api.post("/v3/lipsyncs", body, lipsyncCreated);
    return { taskId: `lipsync:${created.data.lipsync_id}` };
  }

  async function createTalkingPhoto(request: GenerationRequest, imageUrl: string) {
    const inputs = request.lipsync;
    const voiceId = inputs?.voice ? providerVoiceId(inputs.voice, NAME) : undefined;
    if (!inputs?.audioUrl && !voiceId) throw refuse("HeyGen has no voice for this script.");
    const portrait = await fetchPortrait(imageUrl, options.timeoutMs);
    const photo = await upload.postBytes("/v1/talking_photo", portrait.bytes, portrait.contentType, photoUploaded);
    const voice = inputs?.audioUrl
      ? { type: "audio", audio_url: inputs.audioUrl }
      : { type: "text", input_text: inputs?.script ?? "", voice_id: voiceId };
    const body = {
      video_inputs: [{ character: { type: "talking_photo", talking_photo_id: photo.data.talking_photo_id }, voice }],
      dimension: dimensionOf(request),
      callback_id: request.reference,
      ...(request.callbackUrl && { callback_url: request.callbackUrl }),
    };
    const created = await api.post("/v2/video/generate", body, videoCreated);
    return { taskId: `video:${created.data.video_id}` };
  }

  return {
    name: NAME,

    async createTask(request) {
      if (request.mode !== "LIPSYNC" || !request.lipsync) throw refuse("HeyGen is used for lip-sync only.");
      const { sourceVideoUrl, audioUrl } = request.lipsync;
      if (sourceVideoUrl) {
        if (!audioUrl) throw refuse("HeyGen's lip-sync of a video takes audio, not a script.");
        return createLipsync(request, sourceVideoUrl, audioUrl);
      }
      if (!request.imageUrl) throw refuse("A lip-sync needs a source video or a portrait.");
      return createTalkingPhoto(request, request.imageUrl);
    },

    async getTask(taskId) {
      const [kind, id = ""] = taskId.split(/:(.*)/s);
      if (kind === "lipsync") {
        const answer = await api.get(`/v3/lipsyncs/${encodeURIComponent(id)}`, lipsyncStatus);
        const { status, video_url, failure_message, progress } = answer.data;
        return requireStatus(NAME, mapStatus(status, video_url, undefined, failure_message, progress));
      }
      if (kind !== "video") throw new ProviderError(NAME, "not_found", `Not a HeyGen task: ${taskId}`, false);
      const answer = await api.get(`/v1/video_status.get?video_id=${encodeURIComponent(id)}`, videoStatus);
      const { status, video_url, error } = answer.data;
      return requireStatus(NAME, mapStatus(status, video_url, error?.code, error?.message));
    },

    parseCallback(body): ProviderCallback {
      const parsed = webhook.safeParse(body);
      const data = parsed.data?.event_data;
      const taskId = data?.lipsync_id ? `lipsync:${data.lipsync_id}` : data?.video_id && `video:${data.video_id}`;
      if (!parsed.success || !taskId) throw new ProviderError(NAME, "bad_callback", "not a HeyGen webhook", false);
      const event = parsed.data.event_type;
      const claimed: ProviderTaskStatus | undefined = event.endsWith(".success")
        ? { state: "succeeded", videoUrl: data?.url ?? undefined }
        : event.endsWith(".fail")
          ? { state: "failed", errorCode: event, errorMessage: data?.msg ?? undefined }
          : undefined;
      return { taskId, claimed };
    },

    verifyCallback(rawBody, headers) {
      if (!options.webhookSecret) return true;
      const expected = Buffer.from(createHmac("sha256", options.webhookSecret).update(rawBody).digest("hex"));
      return SIGNATURE_HEADERS.some((name) => {
        const given = Buffer.from((headers.get(name) ?? "").replace(/^sha256=/i, "").toLowerCase());
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
    },
  };
}

/** Undefined for a status the docs do not list. */
function mapStatus(
  status: string,
  videoUrl: string | null | undefined,
  code: string | number | null | undefined,
  message: string | null | undefined,
  progress?: number | null,
): ProviderTaskStatus | undefined {
  const withProgress = progress == null ? {} : { progress };
  switch (status) {
    case "pending":
    case "waiting":
      return { state: "queued", ...withProgress };
    case "processing":
      return { state: "running", ...withProgress };
    case "completed":
      return { state: "succeeded", videoUrl: videoUrl ?? undefined, progress: 100 };
    case "failed":
      return {
        state: "failed",
        errorCode: code == null ? "failed" : String(code),
        errorMessage: message ?? undefined,
      };
    default:
      return undefined;
  }
}

const DIMENSIONS: Record<string, [number, number]> = {
  low: [640, 360],
  medium: [1280, 720],
  high: [1920, 1080],
  ultra: [3840, 2160],
};

/** The output size for the quality, turned upright for a portrait-shaped source. */
function dimensionOf(request: GenerationRequest) {
  const [long, short] = DIMENSIONS[request.quality] ?? [1280, 720];
  const [w, h] = request.aspectRatio.split(":").map(Number);
  return w && h && h > w ? { width: short, height: long } : { width: long, height: short };
}

/**
 * The portrait's bytes, for HeyGen's upload (it takes no URL). The URL is one of ours (the user's
 * upload in our storage), so it is fetched directly; a failure to read it is ours, not a refusal
 * of HeyGen's, but nothing was sent to HeyGen, so another provider may take the task.
 */
async function fetchPortrait(url: string, timeoutMs: number) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const contentType = res.headers.get("content-type")?.split(";")[0] ?? "";
    if (!res.ok || !["image/jpeg", "image/png"].includes(contentType)) {
      throw new Error(`the portrait answered ${res.status} ${contentType}`);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MAX_PORTRAIT_BYTES) throw new Error("the portrait is too large");
    return { bytes, contentType };
  } catch (cause) {
    throw new ProviderError(NAME, "bad_request", "The portrait could not be read for HeyGen.", false, {
      cause,
      definiteRefusal: true,
    });
  }
}
