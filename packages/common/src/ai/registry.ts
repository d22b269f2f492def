import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { AppError } from "../errors/index.ts";
import { storageConfig, storageOrigins } from "../storage/index.ts";
import { type VideoConfig, videoConfig } from "../video/config.ts";
import { files } from "../video/files.ts";
import { type GenerationMode, providerModelId, type VideoModel } from "../video/models.ts";
import { createDemoProvider } from "./demo.ts";
import type { DemoFiles } from "./demo-lipsync.ts";
import type { VideoProvider } from "./types.ts";

/** The variables any one of which makes generation possible. */
export const PROVIDER_VARIABLES = [
  "KIE_API_KEY",
  "EVOLINK_API_KEY",
  "REPLICATE_API_TOKEN",
  "HEYGEN_API_KEY",
  "DID_API_KEY",
  "DEMO_PROVIDER",
] as const;

export const NO_PROVIDER_MESSAGE =
  "No video provider is configured: set KIE_API_KEY, EVOLINK_API_KEY, REPLICATE_API_TOKEN, HEYGEN_API_KEY or DID_API_KEY, or DEMO_PROVIDER=on";

export interface ProviderChoice {
  provider: VideoProvider;
  /** The model's id at this provider. */
  providerModel: string;
}

export class ProviderRegistry {
  private readonly byName = new Map<string, VideoProvider>();

  constructor(
    real: Iterable<VideoProvider>,
    private readonly demo: VideoProvider | null,
  ) {
    for (const p of real) this.byName.set(p.name, p);
    if (demo) this.byName.set(demo.name, demo);
  }

  /** Whether any provider, real or demo, can take a task. */
  get configured(): boolean {
    return this.byName.size > 0;
  }

  /** Throws 503 E5030 naming the missing configuration when no provider at all is on. */
  assertConfigured(): void {
    if (!this.configured) {
      throw new AppError("SERVICE_UNAVAILABLE", {
        message: NO_PROVIDER_MESSAGE,
        details: { variables: [...PROVIDER_VARIABLES] },
      });
    }
  }

  get(name: string): VideoProvider | undefined {
    return this.byName.get(name);
  }

  /** The providers to try for a model, in the catalogue's order; the demo (when on) serves any model, last. */
  forModel(model: VideoModel, mode: GenerationMode): ProviderChoice[] {
    const choices: ProviderChoice[] = [];
    for (const entry of model.providers) {
      const provider = this.byName.get(entry.name);
      const providerModel = providerModelId(entry, mode);
      if (provider && provider !== this.demo && providerModel) choices.push({ provider, providerModel });
    }
    if (this.demo) choices.push({ provider: this.demo, providerModel: model.id });
    return choices;
  }
}

/**
 * Builds the registry: the configured real adapters, and the demo provider when it is on. Unset,
 * DEMO_PROVIDER is on when no real provider is configured, except in production: there users would
 * pay real credits for the sample file, so the demo runs only when asked for.
 */
export function createRegistry(real: VideoProvider[], config: VideoConfig = videoConfig()): ProviderRegistry {
  const demoOn = config.DEMO_PROVIDER
    ? config.DEMO_PROVIDER === "on"
    : real.length === 0 && config.NODE_ENV !== "production";
  const demo = demoOn
    ? createDemoProvider({
        delayMs: config.DEMO_PROVIDER_DELAY_MS,
        failRate: config.DEMO_PROVIDER_FAIL_RATE,
        videoUrl: new URL("/demo/sample.mp4", config.APP_URL).toString(),
        files: demoFiles(config.APP_URL),
      })
    : null;
  return new ProviderRegistry(real, demo);
}

/** The demo's lip-syncs live in our storage, so every process sees them; inputs come from there too. */
function demoFiles(appUrl: string): DemoFiles {
  return {
    origins: [...new Set([new URL(appUrl).origin, ...storageOrigins(storageConfig(), appUrl)])],
    async put(key, file, contentType) {
      const { size } = await stat(file);
      await files().put(key, createReadStream(file), { contentType, contentLength: size });
    },
    async urlOf(key) {
      if (!(await files().head(key))) return null;
      return files().publicUrl(key) ?? files().presignDownload(key, { expiresInSeconds: 48 * 3600 });
    },
  };
}
