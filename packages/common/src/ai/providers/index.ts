import type { VideoProvider } from "../types.ts";
import { type ProvidersConfig, providersConfig } from "./config.ts";
import { createDidProvider } from "./did.ts";
import { createEvolinkProvider } from "./evolink.ts";
import { createHeygenProvider } from "./heygen.ts";
import { createKieProvider } from "./kie.ts";
import { createReplicateProvider } from "./replicate.ts";

export { type ProvidersConfig, providersConfig } from "./config.ts";
export { createDidProvider, type DidOptions } from "./did.ts";
export { createEvolinkProvider, type EvolinkOptions } from "./evolink.ts";
export { createHeygenProvider, type HeygenOptions } from "./heygen.ts";
export { createKieProvider, type KieOptions } from "./kie.ts";
export { createReplicateProvider, type ReplicateOptions } from "./replicate.ts";

/**
 * The real providers whose key is configured, each under its name ("kie", "evolink", "replicate",
 * and for lip-sync "heygen", "did");
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
  if (config.HEYGEN_API_KEY) {
    providers.push(
      createHeygenProvider({
        apiKey: config.HEYGEN_API_KEY,
        baseUrl: config.HEYGEN_BASE_URL,
        uploadBaseUrl: config.HEYGEN_UPLOAD_BASE_URL,
        webhookSecret: config.HEYGEN_WEBHOOK_SECRET,
        timeoutMs,
      }),
    );
  }
  if (config.DID_API_KEY) {
    providers.push(createDidProvider({ apiKey: config.DID_API_KEY, baseUrl: config.DID_BASE_URL, timeoutMs }));
  }
  return providers;
}
