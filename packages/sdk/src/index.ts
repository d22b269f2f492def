import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/schema";

export type { components, operations, paths } from "./generated/schema";

export interface VideoFlyClientOptions {
  /** Where the app is served, e.g. `https://videofly.example`; the client adds `/api/v1`. */
  baseUrl: string;
  /** An API key (`vf_…`), sent as `x-api-key`. */
  apiKey?: string;
  /** A session cookie header (`better-auth.session_token=…`), for what only a session may do. */
  cookie?: string;
  /** More headers for every request. */
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

export type VideoFlyClient = Client<paths>;

/** A client typed by the API's OpenAPI document: paths, parameters, bodies and envelopes. */
export function createVideoFlyClient(options: VideoFlyClientOptions): VideoFlyClient {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers["x-api-key"] = options.apiKey;
  if (options.cookie) headers.cookie = options.cookie;
  return createClient<paths>({
    baseUrl: `${options.baseUrl.replace(/\/+$/, "")}/api/v1`,
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
