export { createDemoProvider } from "./demo.ts";
export { availableProviders, type ProvidersConfig, providersConfig } from "./providers/index.ts";
export {
  createRegistry,
  NO_PROVIDER_MESSAGE,
  PROVIDER_VARIABLES,
  type ProviderChoice,
  ProviderRegistry,
} from "./registry.ts";
export * from "./types.ts";
