import { createVideoFlyClient, type VideoFlyClient } from "@videofly/sdk";
import { baseUrl } from "./http";

/**
 * The typed SDK against the shared app. With a session cookie it says it comes from the app's own
 * pages (`Origin`), as the browser would, so that cookie-authenticated writes pass the cross-site check.
 */
export function sdk(
  auth: { cookie?: string; apiKey?: string; headers?: Record<string, string> } = {},
  url = baseUrl(),
): VideoFlyClient {
  const headers = { ...(auth.cookie ? { origin: url } : {}), ...auth.headers };
  return createVideoFlyClient({ baseUrl: url, cookie: auth.cookie, apiKey: auth.apiKey, headers });
}
