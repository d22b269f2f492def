import type { LipsyncInputs } from "../ai/types.ts";
import { AppError } from "../errors/index.ts";
import { usableUpload } from "../uploads/index.ts";
import type { GenerateInput } from "./generate.ts";
import { audioSeconds, type GenerationSpec, MODELS, type VideoModel } from "./models.ts";
import { estimatedSpeechMs, findVoice } from "./voices.ts";

/** What a lip-sync request names (generateBody's LIPSYNC fields). */
export interface LipsyncRequest {
  sourceUploadId?: string;
  imageUploadId?: string;
  audioUploadId?: string;
  script?: string;
  voice?: string;
  language?: string;
}

/** A lip-sync's inputs, resolved: the URLs providers fetch, and the length it is priced by. */
export interface ResolvedLipsync extends LipsyncInputs {
  /** The portrait, when the source is an image (it goes where image-to-video's image goes). */
  imageUrl?: string;
  /** Whole seconds of audio: the video's duration. */
  duration: number;
  /** The source's shape, as W:H in lowest terms (16:9, 4:3, …). */
  aspectRatio: string;
}

/** A generation as the API takes it: a lip-sync names uploads and goes without prompt or duration. */
export type GenerateRequest = Omit<GenerationSpec, "duration" | "audioDurationMs"> &
  LipsyncRequest & { prompt?: string; negativePrompt?: string; duration?: number; projectId?: string | null };

/**
 * The generation to price and submit. A lip-sync's uploads are resolved first (lipsync-input.ts):
 * its duration is its audio's, its aspect ratio its source's, and its portrait goes as imageUrl.
 */
export async function generationInput(userId: string, request: GenerateRequest): Promise<GenerateInput> {
  const { sourceUploadId, imageUploadId, audioUploadId, script, voice, language, ...spec } = request;
  if (spec.mode !== "LIPSYNC") {
    // The body schema requires both outside lip-sync; a direct caller gets the same answer.
    if (spec.prompt === undefined || spec.duration === undefined) {
      throw new AppError("VALIDATION_FAILED", {
        message: "prompt and duration are required.",
        details: { fields: [{ field: spec.prompt === undefined ? "prompt" : "duration", code: "required" }] },
      });
    }
    return { ...spec, prompt: spec.prompt, duration: spec.duration };
  }
  const model = MODELS.find((m) => m.id === spec.model && m.enabled && m.modes.includes("LIPSYNC"));
  // An unknown model, or one without lip-sync, is refused by resolveModel as for any mode.
  if (!model) return { ...spec, prompt: spec.prompt ?? "", duration: 0 };
  const lipsync = await resolveLipsync(userId, model, {
    sourceUploadId,
    imageUploadId,
    audioUploadId,
    script,
    voice,
    language,
  });
  return {
    ...spec,
    prompt: spec.prompt ?? "",
    duration: lipsync.duration,
    aspectRatio: lipsync.aspectRatio,
    imageUrl: lipsync.imageUrl,
    audioDurationMs: lipsync.audioDurationMs,
    lipsync,
  };
}

const refuse = (field: string, code: string, message: string) =>
  new AppError("VALIDATION_FAILED", { message, details: { fields: [{ field, code, message }] } });

/**
 * Checks and resolves a lip-sync's inputs: exactly one source (a video upload, or a portrait
 * upload) and exactly one thing to say (an audio upload, or a script with a voice). Uploads must
 * be the user's own, completed, of the right purpose, and really hold what they are for (probed
 * facts: a video stream, an audio stream with a length). A script's length is estimated at 2.5
 * words a second (video/voices.ts) and priced so. Every refusal is a 400 naming its field.
 */
export async function resolveLipsync(
  userId: string,
  model: VideoModel,
  body: LipsyncRequest,
): Promise<ResolvedLipsync> {
  const language = body.language ?? "en";
  if (model.languages && !model.languages.includes(language)) {
    throw refuse("body.language", "not_offered", `${model.name} speaks ${model.languages.join(", ")}.`);
  }
  if (Boolean(body.sourceUploadId) === Boolean(body.imageUploadId)) {
    throw refuse(
      "body.sourceUploadId",
      "one_of",
      "Give either sourceUploadId (a video) or imageUploadId (a portrait).",
    );
  }
  if (Boolean(body.audioUploadId) === Boolean(body.script)) {
    throw refuse("body.audioUploadId", "one_of", "Give either audioUploadId or script (with voice).");
  }
  const speech = await speechOf(userId, body);
  const max = model.maxAudioSeconds;
  if (max !== undefined && speech.audioDurationMs > max * 1000) {
    const field = body.audioUploadId ? "body.audioUploadId" : "body.script";
    throw refuse(field, "too_long", `${model.name} takes at most ${max} seconds of speech.`);
  }
  const source = body.sourceUploadId
    ? await usableUpload(userId, body.sourceUploadId, "body.sourceUploadId", ["VIDEO"])
    : await usableUpload(userId, body.imageUploadId as string, "body.imageUploadId", ["IMAGE"]);
  if (body.sourceUploadId && !source.facts.hasVideo) {
    throw refuse("body.sourceUploadId", "no_video", "The source upload has no video stream.");
  }
  return {
    ...speech,
    language,
    ...(body.sourceUploadId ? { sourceVideoUrl: source.url } : { imageUrl: source.url }),
    duration: audioSeconds(speech.audioDurationMs),
    aspectRatio: ratioOf(source.facts.width, source.facts.height),
  };
}

async function speechOf(userId: string, body: LipsyncRequest) {
  if (body.audioUploadId) {
    const audio = await usableUpload(userId, body.audioUploadId, "body.audioUploadId", ["AUDIO"]);
    const ms = audio.facts.durationMs;
    if (!audio.facts.hasAudio || !ms || ms <= 0) {
      throw refuse("body.audioUploadId", "no_audio", "The audio upload has no audio with a length.");
    }
    return { audioUrl: audio.url, audioDurationMs: Math.round(ms) };
  }
  if (!body.voice) throw refuse("body.voice", "required", "A script is read with a voice: give voice.");
  if (!findVoice(body.voice)) throw refuse("body.voice", "not_offered", `No voice "${body.voice.slice(0, 64)}".`);
  const script = body.script as string;
  return { script, voice: body.voice, audioDurationMs: estimatedSpeechMs(script) };
}

function ratioOf(width: number | null | undefined, height: number | null | undefined): string {
  if (!width || !height) return "16:9";
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(width, height);
  return `${width / d}:${height / d}`.slice(0, 10);
}
