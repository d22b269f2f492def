import { availableProviders } from "../ai/providers/index.ts";
import { createRegistry, type ProviderRegistry } from "../ai/registry.ts";

let registry: ProviderRegistry | undefined;

/** The process's providers: the configured real adapters, plus the demo one when it is on. */
export function providerRegistry(): ProviderRegistry {
  registry ??= createRegistry(availableProviders());
  return registry;
}
