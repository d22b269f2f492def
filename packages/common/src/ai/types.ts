import type { GenerationMode } from "../video/models.ts";

/** What we ask a provider to render. */
export interface GenerationRequest {
  /** Our reference for the task (the video's uuid); providers that accept one echo it back. */
  reference: string;
  /** The provider's own model identifier (from the model catalogue). */
  providerModel: string;
  mode: GenerationMode;
  prompt: string;
  negativePrompt?: string;
  durationSeconds: number;
  aspectRatio: string;
  quality: string;
  /** A URL the provider can fetch (image-to-video; a lip-sync's portrait). */
  imageUrl?: string;
  /** Lip-sync: the person's video (or `imageUrl`, a portrait) and what they say. */
  lipsync?: LipsyncInputs;
  /** Where the provider should POST its completion callback (signed, expiring). */
  callbackUrl?: string;
}

/** What a lip-sync speaks: an audio file, or a script the provider reads aloud. */
export interface LipsyncInputs {
  sourceVideoUrl?: string;
  audioUrl?: string;
  /** The audio's length (probed), or the script's estimated length. */
  audioDurationMs: number;
  script?: string;
  /** Our voice id (video/voices.ts); adapters map it to theirs. */
  voice?: string;
  /** ISO 639-1. */
  language: string;
}

export type ProviderTaskState = "queued" | "running" | "succeeded" | "failed";

export interface ProviderTaskStatus {
  state: ProviderTaskState;
  /** How far it is, 0–100, where the provider says. */
  progress?: number;
  /** The finished file (succeeded). */
  videoUrl?: string;
  /** The provider's failure code and message (failed). */
  errorCode?: string;
  errorMessage?: string;
}

/** A callback as the provider sent it, reduced to what we act on. */
export interface ProviderCallback {
  taskId: string;
  /** What the callback claims; only a hint: the task is confirmed with getTask before acting. */
  claimed?: ProviderTaskStatus;
}

/**
 * One AI video provider behind our interface. Adapters follow the provider's documented HTTP API
 * and never touch our database.
 */
export interface VideoProvider {
  readonly name: string;
  /**
   * Submits a task; throws ProviderError when the provider refuses or fails, with
   * `definiteRefusal` set only when the task certainly does not exist.
   */
  createTask(request: GenerationRequest): Promise<{ taskId: string }>;
  /** The task's current state, from the provider. */
  getTask(taskId: string): Promise<ProviderTaskStatus>;
  /** Reads a callback body; throws ProviderError (code "bad_callback") when it is not one. */
  parseCallback(body: unknown): ProviderCallback;
  /**
   * Checks the provider's own signature of a callback, where it has one (Replicate signs with
   * Standard Webhooks). Providers without one return true: our signed callback URL authenticates them.
   */
  verifyCallback(rawBody: string, headers: Headers): boolean;
  /**
   * Origins of our own that this provider's files come from (the demo serves the app's sample, and
   * its lip-syncs from our storage): fetched without the outbound address policy, which would
   * refuse a local app in development.
   */
  readonly trustedFileOrigins?: readonly string[];
}

export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    /** The provider's code, or ours: "unauthorized", "payment_required", "not_found", "rate_limited", "bad_request", "unavailable", "bad_response", "bad_callback". */
    readonly code: string,
    message: string,
    /** Whether the same request may succeed later (the poll job asks again). */
    readonly retryable: boolean,
    options?: { cause?: unknown; status?: number; definiteRefusal?: boolean },
  ) {
    super(message, { cause: options?.cause });
    this.name = "ProviderError";
    this.status = options?.status;
    this.definiteRefusal = options?.definiteRefusal ?? false;
  }
  readonly status: number | undefined;
  /**
   * The provider certainly did not take the request: it answered a refusal (HTTP 4xx, an explicit
   * "not accepted" in the body) or the request never reached it. Only then may a generation go to
   * another provider; after anything else (a timeout, a reset, a 5xx, an unreadable answer) the
   * task may exist and be rendering, and sending it elsewhere could pay for it twice.
   */
  readonly definiteRefusal: boolean;
}
