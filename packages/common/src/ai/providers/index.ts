import type { VideoProvider } from "../types.ts";
import { type ProvidersConfig, providersConfig } from "./config.ts";
import { createEvolinkProvider } from "./evolink.ts";
import { createKieProvider } from "./kie.ts";
import { createReplicateProvider } from "./replicate.ts";

export { type ProvidersConfig, providersConfig } from "./config.ts";
export { createEvolinkProvider, type EvolinkOptions } from "./evolink.ts";
export { createKieProvider, type KieOptions } from "./kie.ts";
export { createReplicateProvider, type ReplicateOptions } from "./replicate.ts";

/**
 * The real providers whose key is configured, each under its name ("kie", "evolink", "replicate");
 * one without its key is simply absent.
 */
export function availableProviders(config: ProvidersConfig = providersConfig()): VideoProvider[] {
  const timeoutMs = config.PROVIDER_TIMEOUT_MS;
  const providers: VideoProvider[] = [];
  if (config.KIE_API_KEY) {
    const options = { apiKey: config.KIE_API_KEY, baseUrl: config.KIE_BASE_URL, timeoutMs };
    providers.push(createKieProvider({ ...options, webhookHmacKey: config.KIE_WEBHOOK_HMAC_KEY }));
  }
  if (config.EVOLINK_API_KEY) {
    providers.push(
      createEvolinkProvider({ apiKey: config.EVOLINK_API_KEY, baseUrl: config.EVOLINK_BASE_URL, timeoutMs }),
    );
  }
  if (config.REPLICATE_API_TOKEN) {
    const options = { apiKey: config.REPLICATE_API_TOKEN, baseUrl: config.REPLICATE_BASE_URL, timeoutMs };
    providers.push(createReplicateProvider({ ...options, webhookSecret: config.REPLICATE_WEBHOOK_SECRET }));
  }
  return providers;
}
