import { type VideoConfig, videoConfig } from "../video/config.ts";
import { type GenerationMode, providerModelId, type VideoModel } from "../video/models.ts";
import { createDemoProvider } from "./demo.ts";
import type { VideoProvider } from "./types.ts";

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

  get(name: string): VideoProvider | undefined {
    return this.byName.get(name);
  }

  /** The providers to try for a model, in the catalogue's order; the demo (when on) serves any model, last. */
  forModel(model: VideoModel, mode: GenerationMode): ProviderChoice[] {
    const choices: ProviderChoice[] = [];
    for (const entry of model.providers) {
      const provider = this.byName.get(entry.name);
      if (provider && provider !== this.demo) choices.push({ provider, providerModel: providerModelId(entry, mode) });
    }
    if (this.demo) choices.push({ provider: this.demo, providerModel: model.id });
    return choices;
  }
}

/** Builds the registry: the configured real adapters, and the demo provider when it is on. */
export function createRegistry(real: VideoProvider[], config: VideoConfig = videoConfig()): ProviderRegistry {
  const demoOn = config.DEMO_PROVIDER ? config.DEMO_PROVIDER === "on" : real.length === 0;
  const demo = demoOn
    ? createDemoProvider({
        delayMs: config.DEMO_PROVIDER_DELAY_MS,
        failRate: config.DEMO_PROVIDER_FAIL_RATE,
        videoUrl: new URL("/demo/sample.mp4", config.APP_URL).toString(),
      })
    : null;
  return new ProviderRegistry(real, demo);
}
