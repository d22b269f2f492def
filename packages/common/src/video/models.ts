import { AppError } from "../errors/index.ts";
import { audioSeconds, perAudioSecondCredits, roundedUpCredits } from "./lipsync-price.ts";

export type GenerationMode = "TEXT_TO_VIDEO" | "IMAGE_TO_VIDEO" | "LIPSYNC";

interface PriceTable {
  kind: "table";
  /** credits[mode][quality][duration] */
  credits: Partial<Record<GenerationMode, Record<string, Record<number, number>>>>;
}
interface PerSecond {
  kind: "per_second";
  /** Credits per second of video, by quality (resolution); the total is rounded up. */
  perSecond: Record<string, number>;
  /** Image-to-video costs this much more (1 = the same). */
  imageToVideoFactor: number;
}
interface PerAudioSecond {
  kind: "per_audio_second";
  /**
   * Credits per second of audio, by quality: a lip-sync's length is its audio's, counted in whole
   * seconds (rounded up), and the total is rounded up too.
   */
  perAudioSecond: Record<string, number>;
}

export interface VideoModel {
  id: string;
  name: string;
  enabled: boolean;
  modes: GenerationMode[];
  durations: number[];
  aspectRatios: string[];
  qualities: string[];
  /** Providers that serve the model, tried in this order, with the model's id at each (per mode when they differ). */
  providers: { name: string; model: string | Partial<Record<GenerationMode, string>> }[];
  price: PriceTable | PerSecond | PerAudioSecond;
  /** Lip-sync: the languages it speaks (ISO 639-1), and the longest audio it takes. */
  languages?: string[];
  maxAudioSeconds?: number;
}

const kling = (id: string, name: string, providerModel: Partial<Record<GenerationMode, string>>): VideoModel => ({
  id,
  name,
  enabled: true,
  modes: ["TEXT_TO_VIDEO", "IMAGE_TO_VIDEO"],
  durations: [5, 10],
  aspectRatios: ["16:9", "9:16", "1:1"],
  qualities: ["standard", "high"],
  providers: [
    { name: "kie", model: providerModel },
    { name: "evolink", model: "kling-v2-6" },
  ],
  price: {
    kind: "table",
    credits: {
      TEXT_TO_VIDEO: { standard: { 5: 1, 10: 2 }, high: { 5: 2, 10: 4 } },
      IMAGE_TO_VIDEO: { standard: { 5: 2, 10: 3 }, high: { 5: 4, 10: 6 } },
    },
  },
});

/** The model catalogue: what users can generate with, what it costs, and who renders it. */
export const MODELS: VideoModel[] = [
  // Kie's market names a model per mode; Evolink takes one name and the presence of an image.
  kling("kling-2.6", "Kling 2.6", {
    TEXT_TO_VIDEO: "kling-2.6/text-to-video",
    IMAGE_TO_VIDEO: "kling-2.6/image-to-video",
  }),
  {
    id: "sora-2",
    name: "Sora 2",
    enabled: true,
    modes: ["TEXT_TO_VIDEO", "IMAGE_TO_VIDEO"],
    durations: [4, 8, 12],
    aspectRatios: ["16:9", "9:16"],
    qualities: ["720p", "1080p"],
    providers: [
      { name: "kie", model: { TEXT_TO_VIDEO: "sora-2-text-to-video", IMAGE_TO_VIDEO: "sora-2-image-to-video" } },
      { name: "evolink", model: "sora-2" },
    ],
    price: { kind: "per_second", perSecond: { "720p": 1, "1080p": 2 }, imageToVideoFactor: 1 },
  },
  {
    id: "seedance-1-pro",
    name: "Seedance 1.0 Pro",
    enabled: true,
    modes: ["TEXT_TO_VIDEO", "IMAGE_TO_VIDEO"],
    durations: [5, 10],
    aspectRatios: ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"],
    qualities: ["480p", "720p", "1080p"],
    providers: [
      { name: "replicate", model: "bytedance/seedance-1-pro" },
      { name: "evolink", model: "doubao-seedance-1.0-pro" },
    ],
    price: { kind: "per_second", perSecond: { "480p": 0.2, "720p": 0.4, "1080p": 0.8 }, imageToVideoFactor: 1 },
  },
  {
    id: "veo-3",
    name: "Veo 3",
    enabled: true,
    modes: ["TEXT_TO_VIDEO", "IMAGE_TO_VIDEO"],
    durations: [8],
    aspectRatios: ["16:9", "9:16"],
    qualities: ["720p", "1080p"],
    providers: [
      { name: "kie", model: "veo3_fast" },
      { name: "replicate", model: "google/veo-3" },
    ],
    price: { kind: "per_second", perSecond: { "720p": 1, "1080p": 1.5 }, imageToVideoFactor: 1 },
  },
  {
    // A person's video (or portrait) and an audio track (or a script read aloud) in, the same
    // person speaking it out; the video is as long as the audio.
    id: "lipsync-1",
    name: "Lip-sync",
    enabled: true,
    modes: ["LIPSYNC"],
    durations: [],
    aspectRatios: [],
    qualities: ["low", "medium", "high", "ultra"],
    languages: ["en", "de", "fr", "es", "it", "pt", "ja", "zh"],
    maxAudioSeconds: 300,
    providers: [
      { name: "heygen", model: "lipsync" },
      { name: "did", model: "talks" },
    ],
    price: { kind: "per_audio_second", perAudioSecond: { low: 0.5, medium: 1, high: 1.5, ultra: 2 } },
  },
];

export interface GenerationSpec {
  model: string;
  mode: GenerationMode;
  duration: number;
  aspectRatio: string;
  quality: string;
  imageUrl?: string;
  /** Lip-sync: the audio's length (probed, or estimated from the script), which sets duration and price. */
  audioDurationMs?: number;
}

export { audioSeconds } from "./lipsync-price.ts";

function invalid(field: string, message: string) {
  return new AppError("VALIDATION_FAILED", { message, details: { fields: [{ field, code: "not_offered", message }] } });
}

/** The model, after checking the request against what it offers (E4002–E4004, or 400 naming the field). */
export function resolveModel(spec: GenerationSpec, catalogue: VideoModel[] = MODELS): VideoModel {
  const model = catalogue.find((m) => m.id === spec.model);
  if (!model?.enabled) {
    throw new AppError("MODEL_NOT_FOUND", {
      message: `No enabled model "${spec.model}".`,
      details: { field: "model" },
    });
  }
  if (!model.modes.includes(spec.mode)) throw invalid("mode", `${model.name} does not do ${spec.mode}.`);
  if (spec.mode === "LIPSYNC") return resolveLipsync(model, spec);
  if (!model.durations.includes(spec.duration)) {
    throw new AppError("INVALID_DURATION", {
      message: `${model.name} offers ${model.durations.join(", ")} seconds.`,
      details: { field: "duration", allowed: model.durations },
    });
  }
  if (!model.aspectRatios.includes(spec.aspectRatio)) {
    throw invalid("aspectRatio", `${model.name} offers ${model.aspectRatios.join(", ")}.`);
  }
  if (!model.qualities.includes(spec.quality))
    throw invalid("quality", `${model.name} offers ${model.qualities.join(", ")}.`);
  if (spec.mode === "IMAGE_TO_VIDEO" && !spec.imageUrl) {
    throw new AppError("IMAGE_REQUIRED", { details: { field: "imageUrl" } });
  }
  return model;
}

/** A lip-sync is as long as its audio: no duration or aspect ratio to choose. */
function resolveLipsync(model: VideoModel, spec: GenerationSpec): VideoModel {
  if (!model.qualities.includes(spec.quality))
    throw invalid("quality", `${model.name} offers ${model.qualities.join(", ")}.`);
  // Its inputs were checked with their fields (video/lipsync-input.ts); this guards direct callers.
  if (spec.audioDurationMs === undefined || spec.audioDurationMs <= 0) {
    throw invalid("audioUploadId", "A lip-sync needs audio with a length.");
  }
  return model;
}

/** The model's id at a provider for a mode; undefined when that provider does not do the mode. */
export function providerModelId(entry: VideoModel["providers"][number], mode: GenerationMode): string | undefined {
  return typeof entry.model === "string" ? entry.model : entry.model[mode];
}

/** The price in credits, exactly what is held when the video is generated. */
export function priceOf(
  model: VideoModel,
  spec: Pick<GenerationSpec, "mode" | "duration" | "quality" | "audioDurationMs">,
): number {
  const price = model.price;
  if (price.kind === "per_audio_second") {
    const rate = price.perAudioSecond[spec.quality];
    if (rate === undefined) throw invalid("quality", `${model.name} has no price for ${spec.quality}.`);
    const seconds = spec.audioDurationMs === undefined ? spec.duration : audioSeconds(spec.audioDurationMs);
    return perAudioSecondCredits(rate, seconds);
  }
  if (price.kind === "table") {
    const credits = price.credits[spec.mode]?.[spec.quality]?.[spec.duration];
    if (credits === undefined) throw invalid("duration", `${model.name} has no price for this combination.`);
    return credits;
  }
  const rate = price.perSecond[spec.quality];
  if (rate === undefined) throw invalid("quality", `${model.name} has no price for ${spec.quality}.`);
  const factor = spec.mode === "IMAGE_TO_VIDEO" ? price.imageToVideoFactor : 1;
  return roundedUpCredits(spec.duration * rate * factor);
}

/** The audio lengths a per-audio-second model's price list shows, as examples of its rate. */
export const PRICE_EXAMPLE_AUDIO_SECONDS = [10, 30, 60];

/** What `GET /api/v1/config/models` shows (providers are internal), with every combination's price. */
export function modelCatalogue(catalogue: VideoModel[] = MODELS) {
  return catalogue
    .filter((m) => m.enabled)
    .map((model) => {
      const { providers: _providers, ...shown } = model;
      const perAudio = model.price.kind === "per_audio_second";
      const durations = perAudio ? PRICE_EXAMPLE_AUDIO_SECONDS : model.durations;
      const basis = perAudio ? ("audio_seconds" as const) : ("video_seconds" as const);
      const prices = model.modes.flatMap((mode) =>
        model.qualities.flatMap((quality) =>
          durations.map((duration) => ({
            mode,
            quality,
            duration,
            basis,
            credits: priceOf(model, { mode, quality, duration }),
          })),
        ),
      );
      return { ...shown, prices };
    });
}
