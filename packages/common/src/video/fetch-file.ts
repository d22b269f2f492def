import { type SafeGetOptions, type SafeResponse, safeGet } from "../net/index.ts";
import { providerRegistry } from "./providers.ts";

/**
 * GETs a file a provider pointed us at, through the outbound guard. Only a provider that serves
 * files from an origin of our own (the demo, from the app) has that origin exempted, and only for
 * its own videos.
 */
export function fetchProviderFile(
  providerName: string | null,
  url: string,
  options: Omit<SafeGetOptions, "trustedOrigins" | "policy">,
): Promise<SafeResponse> {
  const origins = providerName ? providerRegistry().get(providerName)?.trustedFileOrigins : undefined;
  return safeGet(url, { ...options, trustedOrigins: origins ?? [] });
}
